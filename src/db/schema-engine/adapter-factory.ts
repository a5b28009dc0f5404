// One driver-adapter factory per provider, handed to the wasm engine. The stock factories are wrapped because
// each has a trap when driven by the schema engine (see /work/shared/docs/prisma-offline.md, traps 1–8); the fixes
// live in sqlite-adapter.ts and postgres-adapter.ts, next to the driver they concern.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { createPostgresFactory } from './postgres-adapter.ts';
import { createSqliteFactory } from './sqlite-adapter.ts';

export type EngineProvider = 'sqlite' | 'postgresql';

/** What the last script run on the main database looked like, so a failed migration can be reported and undone. */
export interface ScriptOutcome {
  /** true when the script ran as one unit: a failure left nothing of it behind. */
  atomic: boolean;
  /** the database's own error (e.g. `no such table: nope`, `relation "x" already exists`), when it failed */
  error?: { message: string; code?: string };
}

export interface ShimAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  readonly engineProvider: EngineProvider;
  /** While true, every script the engine runs on the main database runs atomically (used by applyMigrations). */
  atomicScripts: boolean;
  /** Outcome of the latest script run on the main database. */
  lastScript: ScriptOutcome | undefined;
  /** The main-database connection the engine is using (the first one it opened), or a new one. */
  mainConnection(): Promise<SqlDriverAdapter>;
  /** Called after every request: lets other processes use the database between requests. */
  afterRequest(): Promise<void>;
  /** Closes every connection and removes every temporary database this factory opened (trap 1). */
  disposeAll(): Promise<void>;
}

export interface DatasourceParam {
  url?: string;
  shadowDatabaseUrl?: string;
}

export function providerOfUrl(url: string): EngineProvider | undefined {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  return undefined;
}

/** The provider named in the datamodel (`provider = "sqlite"` in the datasource block). */
export function providerOfDatamodel(datamodels: string[]): EngineProvider | undefined {
  for (const text of datamodels) {
    const block = /datasource\s+\w+\s*\{([^}]*)\}/.exec(text)?.[1];
    const provider = block && /provider\s*=\s*"([^"]+)"/.exec(block)?.[1];
    if (provider === 'sqlite') return 'sqlite';
    if (provider === 'postgresql' || provider === 'postgres') return 'postgresql';
  }
  return undefined;
}

/**
 * The factory for the `--datasource` the CLI passed. Without a URL (e.g. `migrate diff` between two schema files)
 * a SQLite engine works on an in-memory database, a PostgreSQL one fails on first use with a clear message.
 */
export function createAdapterFactory(
  datasource: DatasourceParam | undefined,
  datamodels: string[],
): ShimAdapterFactory {
  const url = datasource?.url;
  const provider = (url && providerOfUrl(url)) || providerOfDatamodel(datamodels);
  if (provider === 'sqlite') return createSqliteFactory(url ?? 'file::memory:', datasource?.shadowDatabaseUrl);
  if (provider === 'postgresql') return createPostgresFactory(url, datasource?.shadowDatabaseUrl);
  throw new Error(
    `Unsupported datasource ${url ? `URL scheme in "${url.split(':')[0]}:"` : '(no URL and no provider in the schema)'}: ` +
      'this schema engine shim supports sqlite (file:) and postgresql (postgresql://) only.',
  );
}
