/**
 * `npm test`: prepares one migrated template database per vendor, runs every test file (node's test runner) with
 * the vendors listed in TEST_DATABASES, then drops the templates.
 *
 *   npm test                      all tests, SQLite + PostgreSQL (PostgreSQL skipped with a warning if unreachable)
 *   npm test -- test/unit         only files under a path
 *   REQUIRE_POSTGRES=1 npm test   fail instead of skipping when PostgreSQL is unreachable or ran no test (CI)
 *   TEST_POSTGRES_URL=…           the PostgreSQL maintenance database (default postgresql://postgres@127.0.0.1:5432/postgres)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import pg from 'pg';
import { PROJECT_ROOT, resolveDatabaseUrl } from '../src/config/database-url.ts';
import { migrateDeploy } from '../src/db/migrate.ts';
import { ENV, adminQuery } from '../test/support/databases.ts';

const requirePostgres = process.env.REQUIRE_POSTGRES === '1';
const postgresUrl = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

function testFiles(roots: string[]): string[] {
  const found = new Set<string>();
  for (const root of roots.length ? roots : ['test']) {
    const abs = path.resolve(PROJECT_ROOT, root);
    if (!fs.existsSync(abs)) throw new Error(`no such test path: ${root}`);
    const entries = fs.statSync(abs).isDirectory()
      ? fs.readdirSync(abs, { recursive: true, encoding: 'utf8' }).map((f) => path.join(abs, f))
      : [abs];
    for (const f of entries) if (f.endsWith('.test.ts')) found.add(f);
  }
  return [...found].sort();
}

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(): Promise<number> {
  const files = testFiles(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'news-test-run-'));
  const providers = ['sqlite'];
  const cleanups: (() => Promise<void>)[] = [() => Promise.resolve(fs.rmSync(work, { recursive: true, force: true }))];

  const sqliteTemplate = path.join(work, 'template.db');
  await migrateDeploy(resolveDatabaseUrl(`file:${sqliteTemplate}`), { quiet: true });
  process.env[ENV.sqliteTemplate] = sqliteTemplate;

  const pgProblem = await postgresReachable();
  if (pgProblem) {
    const message = `PostgreSQL at ${postgresUrl} is unreachable (${pgProblem})`;
    if (requirePostgres) {
      console.error(`${message}; REQUIRE_POSTGRES=1, so this run fails.`);
      return 1;
    }
    console.warn(`${message}: PostgreSQL tests are SKIPPED. Set TEST_POSTGRES_URL to run them.`);
  } else {
    const template = `news_test_tpl_${crypto.randomBytes(4).toString('hex')}`;
    await adminQuery(postgresUrl, `CREATE DATABASE "${template}"`);
    cleanups.push(() => adminQuery(postgresUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
    const url = new URL(postgresUrl);
    url.pathname = `/${template}`;
    await migrateDeploy(resolveDatabaseUrl(url.toString()), { quiet: true });
    process.env[ENV.postgresAdminUrl] = postgresUrl;
    process.env[ENV.postgresTemplate] = template;
    providers.push('postgresql');
  }
  process.env[ENV.databases] = providers.join(',');

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let postgresTests = 0;
  try {
    const stream = run({ files, concurrency: os.availableParallelism(), timeout: 10 * 60_000 });
    // A leaf test's own name does not carry the vendor; its enclosing `[postgresql] …` suite does. The runner
    // reports each file's events as one ordered block (its spec output depends on that), so one chain of open
    // tests tells which suite a passing test ran in. (t.file will not do: a suite names the file that declared it.)
    const chain: string[] = [];
    const underPostgres = (t: { nesting: number; name: string }) =>
      [...chain.slice(0, t.nesting), t.name].some((n) => n?.includes('[postgresql]'));
    stream.on('test:start', (t) => {
      chain.length = Math.min(chain.length, t.nesting);
      chain[t.nesting] = t.name;
    });
    stream.on('test:pass', (t) => {
      if (t.details.type === 'suite') return;
      if (t.skip || t.todo) skipped++;
      else {
        passed++;
        if (underPostgres(t)) postgresTests++;
      }
    });
    stream.on('test:fail', (t) => {
      if (t.details.type !== 'suite') failed++;
    });
    await new Promise<void>((resolve, reject) => {
      stream.compose(new spec()).pipe(process.stdout);
      stream.on('end', resolve);
      stream.on('error', reject);
    });
  } finally {
    for (const c of cleanups.reverse()) await c().catch((e) => console.error(`cleanup: ${e}`));
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (requirePostgres && postgresTests === 0) {
    console.error('REQUIRE_POSTGRES=1 but no PostgreSQL test ran: failing the run.');
    return 1;
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack ?? e.message : e);
    process.exit(1);
  },
);
