// `applyMigrations` with the safety the stock engine lacks (our deploys need it):
//  1. it REFUSES when a migration that was already applied has been edited since (the engine itself only notices
//     this in `diagnoseMigrationHistory`), because the database would silently differ from the files;
//  2. each migration script runs atomically (SQLite: our transaction; PostgreSQL: one simple query), so a failing
//     migration leaves the database as it was; we then mark it rolled back, so the history is clean and the
//     corrected migration can simply be deployed again. The error names the migration and the database's error.
import type {
  ApplyMigrationsInput,
  ApplyMigrationsOutput,
  DiagnoseMigrationHistoryOutput,
  MigrationList,
  SchemaFilter,
} from '@prisma/schema-engine-wasm';
import type { ScriptOutcome } from './adapter-factory.ts';
import type { EngineHost } from './engine-host.ts';
import { EngineError, prismaCode } from './errors.ts';

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * `diagnoseMigrationHistory` without a shadow database. SQLite throws P1014 while `_prisma_migrations` does not
 * exist (trap 2); PostgreSQL answers `hasMigrationsTable: false` with every migration unapplied, so we answer the same.
 */
export async function diagnoseHistory(
  host: EngineHost,
  migrationsList: MigrationList,
  input: { optInToShadowDatabase: boolean; filters: SchemaFilter } = {
    optInToShadowDatabase: false,
    filters: NO_FILTERS,
  },
): Promise<DiagnoseMigrationHistoryOutput> {
  const engine = await host.get();
  try {
    return await engine.diagnoseMigrationHistory({ migrationsList, ...input });
  } catch (error) {
    if (!isMissingMigrationsTable(error)) throw error;
    const names = migrationsList.migrationDirectories.map((dir) => dir.path);
    return {
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: false,
      history: names.length > 0 ? { diagnostic: 'databaseIsBehind', unappliedMigrationNames: names } : null,
    };
  }
}

export function isMissingMigrationsTable(error: unknown): boolean {
  return prismaCode(error) === 'P1014' && /_prisma_migrations/.test((error as Error).message);
}

export async function applyMigrationsSafely(
  host: EngineHost,
  input: ApplyMigrationsInput,
): Promise<ApplyMigrationsOutput> {
  const { migrationsList } = input;
  const before = await diagnoseHistory(host, migrationsList);

  if (before.editedMigrationNames.length > 0) {
    const names = before.editedMigrationNames;
    const list = names.map((name) => `\`${name}\``).join(', ');
    throw new EngineError(
      `Refusing to apply migrations: the already-applied migration${names.length > 1 ? 's' : ''} ${list} ` +
        `${names.length > 1 ? 'were' : 'was'} edited after being applied (the checksum of migration.sql no longer ` +
        'matches the one recorded in _prisma_migrations), so this database may not match the migration files.\n' +
        'Restore the original migration.sql from version control and put the change in a NEW migration ' +
        '(`prisma migrate dev --create-only --name <change>`). Nothing was applied.',
      // No Prisma error code fits (P3xxx codes have fixed meanings); without one the CLI prints the message as is.
      undefined,
      { editedMigrationNames: names },
    );
  }

  const engine = await host.get();
  const factory = host.factory;
  const pending = before.history && 'unappliedMigrationNames' in before.history ? before.history.unappliedMigrationNames : [];
  factory.atomicScripts = true;
  factory.lastScript = undefined;
  try {
    return await engine.applyMigrations(input);
  } catch (error) {
    // A migration already failed before this run (P3009): the database may be half-migrated by someone else's
    // tool; that is for a human to resolve (`prisma migrate resolve`), not for us.
    if (before.failedMigrationNames.length > 0) throw error;
    const after = await diagnoseHistory(host, migrationsList).catch(() => undefined);
    const failed = after?.failedMigrationNames.filter((name) => !before.failedMigrationNames.includes(name)) ?? [];
    const name = failed[0];
    if (!name) throw error;

    // (read through the factory: the adapter set it while the engine ran)
    const script = factory.lastScript as ScriptOutcome | undefined;
    const dbError = script?.error
      ? `${script.error.message}${script.error.code ? ` (code ${script.error.code})` : ''}`
      : (error as Error).message;
    const appliedNow = pending.slice(0, Math.max(0, pending.indexOf(name)));
    const earlier =
      appliedNow.length > 0 ? `\nApplied before it in this run (kept): ${appliedNow.map((n) => `\`${n}\``).join(', ')}.` : '';

    if (!script?.atomic) {
      // The script manages its own transactions: we cannot know how much of it ran, so leave the failure recorded.
      throw new EngineError(
        `Migration \`${name}\` failed to apply.\nDatabase error: ${dbError}\n` +
          'The script controls its own transactions, so part of it may have been applied. Inspect the database, ' +
          `then run \`prisma migrate resolve --rolled-back ${name}\` (or --applied).${earlier}`,
        'P3018',
        { migration_name: name, database_error: dbError },
      );
    }
    await engine.markMigrationRolledBack({ migrationName: name });
    throw new EngineError(
      `Migration \`${name}\` failed to apply and was rolled back: the database is as it was before this migration.\n` +
        `Database error: ${dbError}\n` +
        `The failed attempt is recorded as rolled back in _prisma_migrations; fix ${name}/migration.sql and deploy again.` +
        earlier,
      'P3018',
      { migration_name: name, database_error: dbError },
    );
  } finally {
    factory.atomicScripts = false;
  }
}
