import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import type { Provider } from '../../src/config/database-url.ts';
import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';

/**
 * Every database test runs once per vendor from one list (the Directus way), each test file against its own fresh
 * database copied from a migrated template that scripts/test.ts prepares once per run (the Epic Stack way):
 * SQLite copies a file, PostgreSQL uses CREATE DATABASE … TEMPLATE. Nothing is truncated, so order never matters.
 */
export const ENV = {
  databases: 'TEST_DATABASES', // "sqlite,postgresql"
  sqliteTemplate: 'TEST_SQLITE_TEMPLATE', // path of the migrated template file
  postgresAdminUrl: 'TEST_POSTGRES_URL', // a URL to a maintenance database (e.g. …/postgres)
  postgresTemplate: 'TEST_POSTGRES_TEMPLATE', // name of the migrated template database
} as const;

export function testProviders(): Provider[] {
  const list = (process.env[ENV.databases] ?? 'sqlite').split(',').filter(Boolean);
  return list.map((p) => {
    if (p !== 'sqlite' && p !== 'postgresql') throw new Error(`${ENV.databases}: unknown provider ${p}`);
    return p;
  });
}

export interface TestDatabase extends Database {
  /** the DATABASE_URL of this fresh database, for code that opens its own connection (CLIs, servers) */
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(provider: Provider): Promise<TestDatabase> {
  const { url, drop } = provider === 'sqlite' ? freshSqlite() : await freshPostgres();
  const db = await openDatabase(resolveDatabaseUrl(url), { poolSize: 4 });
  return {
    ...db,
    url,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}

function freshSqlite(): { url: string; drop(): Promise<void> } {
  const template = requireEnv(ENV.sqliteTemplate);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-test-'));
  const file = path.join(dir, 'test.db');
  fs.copyFileSync(template, file);
  return { url: `file:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = requireEnv(ENV.postgresAdminUrl);
  const template = requireEnv(ENV.postgresTemplate);
  const name = `news_test_${crypto.randomBytes(6).toString('hex')}`;
  // Two files may copy the template at the same moment; PostgreSQL then says the source is "being accessed".
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (e) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through \`npm test\` (scripts/test.ts prepares the databases)`);
  return v;
}

/**
 * describe() once per configured database, named `[sqlite] …` / `[postgresql] …`, with a fresh database for the
 * block. `ctx.db` is valid inside tests and hooks.
 */
export function describeEachDatabase(name: string, body: (ctx: { readonly db: TestDatabase; provider: Provider }) => void) {
  for (const provider of testProviders()) {
    describe(`[${provider}] ${name}`, () => {
      let current: TestDatabase | undefined;
      const ctx = {
        provider,
        get db(): TestDatabase {
          if (!current) throw new Error('the test database is only available inside tests and hooks');
          return current;
        },
      };
      before(async () => {
        current = await freshDatabase(provider);
      });
      after(async () => {
        await current?.drop();
      });
      body(ctx);
    });
  }
}
