// The JSON-RPC methods the Prisma CLI calls, mapped onto the wasm engine. Most pass straight through; the others
// adapt a difference between the wasm engine and the native binary the CLI was written for.
import type {
  ApplyMigrationsInput,
  CreateMigrationInput,
  DevDiagnosticInput,
  EvaluateDataLossInput,
  MigrationList,
  SchemaFilter,
  DiagnoseMigrationHistoryInput,
  DiffParams,
  SchemaEngine,
} from '@prisma/schema-engine-wasm';
import type { ShimAdapterFactory } from './adapter-factory.ts';
import { applyMigrationsSafely, diagnoseHistory, isMissingMigrationsTable } from './apply-migrations.ts';
import { createDatabase, type DatasourceParam } from './cli-commands.ts';
import type { EngineHost } from './engine-host.ts';
import { EngineError } from './errors.ts';

export interface RequestContext {
  host: EngineHost;
  datasource: DatasourceParam | undefined;
  /** Sends a `print` request to the CLI, which writes the text to its stdout. */
  print(content: string): Promise<void>;
}

type Method = (params: never, context: RequestContext) => Promise<unknown>;

/** Methods that need nothing but the engine. */
const PASS_THROUGH = [
  'dbExecute',
  'introspect',
  'introspectSql',
  'markMigrationApplied',
  'markMigrationRolledBack',
  'schemaPush',
  'ensureConnectionValidity',
] as const;

function passThrough(name: (typeof PASS_THROUGH)[number]): Method {
  return async (params, { host }) => {
    const engine = (await host.get()) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    return engine[name]!.call(engine, params);
  };
}

export const methods: Record<string, Method> = {
  ...Object.fromEntries(PASS_THROUGH.map((name) => [name, passThrough(name)])),

  applyMigrations: async (params: ApplyMigrationsInput, { host }) => {
    const result = await applyMigrationsSafely(host, params);
    if (result.appliedMigrationNames.length > 0) host.devDiagnosticStale = true;
    return result;
  },

  evaluateDataLoss: async (params: EvaluateDataLossInput, { host }) => {
    await refreshDevDiagnostic(host, params);
    return (await host.get()).evaluateDataLoss(params);
  },

  createMigration: async (params: CreateMigrationInput, { host }) => {
    await refreshDevDiagnostic(host, params);
    return (await host.get()).createMigration(params);
  },

  diagnoseMigrationHistory: (params: DiagnoseMigrationHistoryInput, { host }) =>
    diagnoseHistory(host, params.migrationsList, {
      optInToShadowDatabase: params.optInToShadowDatabase,
      filters: params.filters,
    }),

  // Trap 2: on SQLite devDiagnostic throws P1014 until `_prisma_migrations` exists; applying an empty migration list
  // creates it (which `migrate dev` would do next anyway).
  devDiagnostic: (params: DevDiagnosticInput, { host }) => devDiagnostic(host, params),

  // The native engine prints the diff through a `print` request and returns only the exit code; the wasm engine
  // returns the text in `stdout`. The CLI only prints what arrives as `print`.
  diff: async (params: DiffParams, context) => {
    const result = await (await context.host.get()).diff(params);
    if (result.stdout) await context.print(result.stdout.replace(/\n$/, ''));
    return { exitCode: result.exitCode };
  },

  reset: async (params: { filter: { externalTables: string[]; externalEnums: string[] } }, { host }) => {
    // Trap 4: on SQLite the engine's reset deletes the rows (even `_prisma_migrations`') but keeps the tables, and
    // the next apply fails. We drop every object ourselves, on the engine's own connection (it holds an exclusive
    // lock, so deleting or reopening the file from here would not work).
    host.devDiagnosticStale = true;
    if (host.factory.engineProvider === 'sqlite') return resetSqlite(host.factory);
    return (await host.get()).reset(params);
  },

  getDatabaseVersion: async (_params, { host }) => (await host.get()).version(),

  createDatabase: async (_params, { datasource }) => {
    if (!datasource?.url) throw new EngineError('createDatabase needs a datasource URL.');
    return { databaseName: await createDatabase(datasource.url) };
  },

  debugPanic: async (_params, { host }) => (await host.get()).debugPanic(),
};

async function devDiagnostic(host: EngineHost, params: DevDiagnosticInput) {
  const engine = await host.get();
  let result;
  try {
    result = await engine.devDiagnostic(params);
  } catch (error) {
    if (!isMissingMigrationsTable(error)) throw error;
    await engine.applyMigrations({
      migrationsList: { ...params.migrationsList, migrationDirectories: [] },
      filters: params.filters,
    });
    result = await engine.devDiagnostic(params);
  }
  host.devDiagnosticRan = true;
  host.devDiagnosticStale = false;
  return result;
}

/** See EngineHost#devDiagnosticStale: re-run devDiagnostic (result unused) on the now up-to-date database. */
async function refreshDevDiagnostic(host: EngineHost, params: { migrationsList: MigrationList; filters: SchemaFilter }) {
  if (host.devDiagnosticRan && host.devDiagnosticStale) {
    await devDiagnostic(host, { migrationsList: params.migrationsList, filters: params.filters });
  }
}

async function resetSqlite(factory: ShimAdapterFactory): Promise<Record<string, never>> {
  const connection = await factory.mainConnection();
  const noArgs = { args: [], argTypes: [] };
  const { rows } = await connection.queryRaw({
    sql: "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger', 'table') AND name NOT LIKE 'sqlite_%'",
    ...noArgs,
  });
  const order = ['view', 'trigger', 'table'];
  const drops = rows
    .map(([type, name]) => ({ type: String(type), name: String(name) }))
    .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))
    .map(({ type, name }) => `DROP ${type.toUpperCase()} IF EXISTS "${name.replaceAll('"', '""')}";`);
  // Foreign keys off so dropping a parent table does not cascade into (or fail on) its children.
  await connection.executeScript(['PRAGMA foreign_keys=OFF;', ...drops, 'PRAGMA foreign_keys=ON;'].join('\n'));
  await connection.executeScript('VACUUM');
  return {};
}

export function isKnownMethod(name: string): boolean {
  return Object.hasOwn(methods, name);
}

export type { SchemaEngine };
