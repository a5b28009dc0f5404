import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Provider } from '../../src/config/database-url.ts';
import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { migrateDeploy } from '../../src/db/migrate.ts';

/**
 * Fresh databases for the benchmarks, the way the test harness makes them: migrate one template per provider once
 * per run (the real `prisma migrate deploy`), then copy it — a file copy on SQLite, CREATE DATABASE … TEMPLATE on
 * PostgreSQL. Every PostgreSQL database the bench makes is named bench_… and dropped at the end of the run, but for
 * the cached growth corpus (bench_cache_…, bench/run.ts).
 */
export const POSTGRES_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  provider: Provider;
  /** DATABASE_URL of this database */
  url: string;
  /** SQLite only */
  file?: string;
  drop(): Promise<void>;
}

let dir: string | undefined;
/** Made on first use: the bench's child processes import this module and must not leave an empty directory each. */
const workDir = () => (dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')));
const cleanups: (() => Promise<void>)[] = [];
let sqliteTemplate: string | undefined;
let postgresTemplate: string | undefined;

export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export async function postgresAvailable(): Promise<string | null> {
  try {
    await adminQuery('SELECT 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function postgresUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function freshDatabase(provider: Provider, label = 'db'): Promise<BenchDatabase> {
  if (provider === 'sqlite') {
    if (!sqliteTemplate) {
      sqliteTemplate = path.join(workDir(), 'template.db');
      await migrateDeploy(resolveDatabaseUrl(`file:${sqliteTemplate}`), { quiet: true });
    }
    const file = path.join(workDir(), `${label}-${crypto.randomBytes(3).toString('hex')}.db`);
    fs.copyFileSync(sqliteTemplate, file);
    return { provider, url: `file:${file}`, file, drop: async () => removeSqlite(file) };
  }
  const name = `bench_${label}_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${await postgresTemplateName()}"`);
  const drop = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined);
  cleanups.push(drop);
  return { provider, url: postgresUrl(name), drop };
}

/** The rows of one read-only query, on either database: the bench's own look at a corpus (targets, counts). */
export async function readRows<T>(url: string, sql: string): Promise<T[]> {
  const target = resolveDatabaseUrl(url);
  if (target.provider === 'sqlite') {
    const db = new Database(target.file!, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function postgresTemplateName(): Promise<string> {
  if (!postgresTemplate) {
    const name = `bench_tpl_${crypto.randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined));
    await migrateDeploy(resolveDatabaseUrl(postgresUrl(name)), { quiet: true });
    postgresTemplate = name;
  }
  return postgresTemplate;
}

/** A new migrated PostgreSQL database that outlives the run (the cached growth corpus): its URL. */
export async function keptPostgresDatabase(name: string): Promise<string> {
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${await postgresTemplateName()}"`);
  return postgresUrl(name);
}

export async function postgresDatabaseExists(name: string): Promise<boolean> {
  return (await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
}

/** Drops every database whose name starts with `prefix` (kept corpora: the one about to be rebuilt, and older ones). */
export async function dropPostgresDatabases(prefix: string): Promise<void> {
  const { rows } = await adminQuery('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
  for (const { datname } of rows as { datname: string }[]) await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

export function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/** A migrated SQLite file at a path of the caller's choosing (the growth corpus, kept between runs). */
export async function migratedSqliteAt(file: string): Promise<void> {
  await freshDatabase('sqlite', 'probe').then((d) => d.drop()); // makes the template
  fs.mkdirSync(path.dirname(file), { recursive: true });
  removeSqlite(file);
  fs.copyFileSync(sqliteTemplate!, file);
}

export async function cleanupDatabases(): Promise<void> {
  for (const c of cleanups.reverse()) await c().catch((e) => console.error(`cleanup: ${e}`));
  cleanups.length = 0;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = sqliteTemplate = postgresTemplate = undefined;
}
