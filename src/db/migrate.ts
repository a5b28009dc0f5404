import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PROJECT_ROOT } from '../config/database-url.ts';
import type { DatabaseTarget } from '../config/database-url.ts';
import { AppError } from '../errors.ts';
import Database from 'better-sqlite3';
import pg from 'pg';
import { translateDbError } from './errors.ts';

const require = createRequire(import.meta.url);

/**
 * Applies the committed migrations with the real `prisma migrate deploy` (offline, through our schema-engine shim:
 * docs/migrations.md). Used by `npm start`, the seed and the test setup so every path migrates the same way.
 */
export async function migrateDeploy(target: DatabaseTarget, options: { quiet?: boolean } = {}): Promise<void> {
  const { code, output } = await runPrismaCli(['migrate', 'deploy'], target.url);
  if (code !== 0) {
    throw new AppError('unavailable', `Migrating the database failed (prisma migrate deploy exited ${code}):\n${output.trim()}`);
  }
  if (!options.quiet) {
    const summary = output.split('\n').filter((l) => /migration|applied|No pending/i.test(l));
    for (const line of summary) process.stderr.write(`${line}\n`);
  }
}

/**
 * The real Prisma CLI with DATABASE_URL, from the project root, as a developer runs it. One way to start it, for
 * the deploy here, scripts/db-new-migration.ts and the migration tests. `echo` also streams its output through.
 */
export function runPrismaCli(
  args: string[],
  databaseUrl: string,
  options: { echo?: boolean; env?: Record<string, string> } = {},
): Promise<{ code: number; output: string }> {
  const cli = require.resolve('prisma/build/index.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (stream: NodeJS.WriteStream) => (d: Buffer) => {
      output += d.toString();
      if (options.echo) stream.write(d);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.on('error', reject);
    // eslint-disable-next-line no-control-regex
    child.on('close', (code) => resolve({ code: code ?? 1, output: output.replace(/\x1b\[[0-9;]*m/g, '') }));
  });
}

/**
 * `migrateDeploy` only when something is pending or was edited. Starting the Prisma CLI costs seconds; reading
 * `_prisma_migrations` costs a millisecond, so `npm start`, the seed and the ingest check first. Call it before
 * opening the app's connection: on SQLite the schema engine needs the file to itself.
 */
export async function migrateIfNeeded(target: DatabaseTarget): Promise<void> {
  if (!(await migrationsUpToDate(target))) await migrateDeploy(target, { quiet: true });
}

async function migrationsUpToDate(target: DatabaseTarget): Promise<boolean> {
  const dir = path.join(PROJECT_ROOT, 'prisma', target.provider, 'migrations');
  const wanted = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, checksum: sha256(fs.readFileSync(path.join(dir, d.name, 'migration.sql'))) }));
  const applied = await appliedMigrations(target);
  if (!applied) return false;
  const checksums = new Map(applied.map((r) => [r.migration_name, r.checksum]));
  return wanted.every((m) => checksums.get(m.name) === m.checksum);
}

const APPLIED_SQL =
  'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

type AppliedRow = { migration_name: string; checksum: string };

/** The applied migrations, or null for a database that has none yet. An unreachable database is an error. */
async function appliedMigrations(target: DatabaseTarget): Promise<AppliedRow[] | null> {
  if (target.provider === 'sqlite') {
    if (!fs.existsSync(target.file!)) return null;
    const sqlite = new Database(target.file!, { readonly: true });
    try {
      return sqlite.prepare(APPLIED_SQL).all() as AppliedRow[];
    } catch (e) {
      if (/no such table/.test(String(e))) return null;
      throw translateDbError(e);
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return (await client.query<AppliedRow>(APPLIED_SQL)).rows;
  } catch (e) {
    if ((e as { code?: string }).code === '42P01') return null; // undefined_table
    throw translateDbError(e);
  } finally {
    await client.end().catch(() => {});
  }
}

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
