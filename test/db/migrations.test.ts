/**
 * The migrations, applied through the REAL Prisma CLI driving our schema-engine shim (src/db/schema-engine/), on
 * SQLite and PostgreSQL. Every test gets its own fresh SQLite file in a temp dir and its own PostgreSQL database
 * (created and dropped here).
 *
 *   node --import tsx --test test/db/migrations.test.ts
 *   REQUIRE_POSTGRES=1 …   fail (instead of skipping) when PostgreSQL is unreachable
 *   TEST_POSTGRES_URL=…    the PostgreSQL maintenance database (default postgresql://postgres@127.0.0.1:5432/postgres)
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { externalTables } from '../../src/db/external-tables.ts';
import { runPrismaCli } from '../../src/db/migrate.ts';

type Provider = 'sqlite' | 'postgresql';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENGINE = path.join(ROOT, 'scripts/prisma-schema-engine');
const POSTGRES_URL = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const REQUIRE_POSTGRES = process.env.REQUIRE_POSTGRES === '1';

const MODEL_TABLES = [
  'account_sessions',
  'accounts',
  'api_tokens',
  'article_people',
  'articles',
  'leases',
  'mentions',
  'paragraphs',
  'people',
  'quotes',
  'rate_limits',
  'related_articles',
  'revisions',
  'webhook_deliveries',
  'webhook_endpoints',
  'webhook_events',
];

// ---------------------------------------------------------------------------------------------- the Prisma CLI

interface CliResult {
  code: number;
  output: string;
  ms: number;
}

/** `prisma …args` with DATABASE_URL, from the project root, as a developer or the deploy runs it. */
async function prisma(args: string[], databaseUrl: string): Promise<CliResult> {
  const started = performance.now();
  // .config/prisma.ts names the engine too; a temp config (--config) does not.
  const env = { PRISMA_SCHEMA_ENGINE_BINARY: ENGINE, CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0' };
  const { code, output } = await runPrismaCli(args, databaseUrl, { env });
  return { code, output, ms: performance.now() - started };
}

function assertOk(result: CliResult, what: string): void {
  assert.equal(result.code, 0, `${what} failed (exit ${result.code}):\n${result.output}`);
}

/**
 * A copy of prisma/<provider> (symlinks followed) in a temp dir, with a Prisma config naming it: tests that edit or
 * add migrations work on the copy (the project's config has fixed paths), passing `--config`.
 */
function tempProject(t: TestContext, provider: Provider): { config: string; migrations: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shim-project-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const schema = path.join(dir, 'prisma', provider);
  fs.cpSync(path.join(ROOT, 'prisma', provider), schema, { recursive: true, dereference: true });
  const migrations = path.join(schema, 'migrations');
  const config = path.join(dir, 'prisma.config.ts');
  // The config cannot import prisma/config from a temp dir: a plain object with the datasource added at load time.
  // The external tables as in .config/prisma.ts, or Prisma would plan to drop the full-text search tables.
  fs.writeFileSync(
    config,
    `export default { schema: ${JSON.stringify(schema)}, migrations: { path: ${JSON.stringify(migrations)} }, ` +
      `experimental: { externalTables: true }, tables: { external: ${JSON.stringify(externalTables(provider))} }, ` +
      'datasource: { url: process.env.DATABASE_URL } };\n',
  );
  return { config, migrations };
}

function migrationNames(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function addMigration(migrationsDir: string, name: string, sql: string): string {
  const dir = path.join(migrationsDir, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  return path.join(dir, 'migration.sql');
}

// ------------------------------------------------------------------------------------------------- databases

interface TestDatabase {
  url: string;
  /** Everything that defines the schema, in a stable order: equal snapshots ⇒ nothing changed. */
  schema(): Promise<unknown>;
  tables(): Promise<string[]>;
  /** table → its columns' names and nullability (the engine's own `_prisma_migrations` left out) */
  columns(): Promise<Record<string, { name: string; nullable: boolean }[]>>;
  migrationRows(): Promise<{ migration_name: string; finished: boolean; rolled_back: boolean; checksum: string }[]>;
  query(sql: string): Promise<unknown[]>;
}

function freshSqlite(t: TestContext): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shim-sqlite-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'test.db');
  // Opened per call and closed at once: the CLI's engine process must be able to lock the file.
  const withDb = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(file, { fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  const tables = () =>
    withDb((db) =>
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .pluck()
        .all() as string[],
    );
  return {
    url: `file:${file}`,
    schema: async () =>
      withDb((db) => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all()),
    tables: async () => tables(),
    columns: async () =>
      withDb((db) => {
        const result: Record<string, { name: string; nullable: boolean }[]> = {};
        for (const table of tables().filter((name) => name !== '_prisma_migrations')) {
          const info = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; notnull: number }[];
          result[table] = info.map((c) => ({ name: c.name, nullable: c.notnull === 0 })).sort(byName);
        }
        return result;
      }),
    migrationRows: async () =>
      withDb(
        (db) =>
          db
            .prepare(
              'SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, checksum ' +
                'FROM _prisma_migrations ORDER BY migration_name, started_at',
            )
            .all() as { migration_name: string; finished: number; rolled_back: number; checksum: string }[],
      ).map((r) => ({ ...r, finished: r.finished === 1, rolled_back: r.rolled_back === 1 })),
    query: async (sql) => withDb((db) => db.prepare(sql).all()),
  };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freshPostgres(t: TestContext): Promise<TestDatabase> {
  const name = `shim_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(POSTGRES_URL, `CREATE DATABASE "${name}"`);
  t.after(() => adminQuery(POSTGRES_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = databaseUrl(name);
  const q = <T extends pg.QueryResultRow>(sql: string) => adminQuery<T>(url, sql);
  const tables = async () =>
    (
      await q<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      )
    ).map((r) => r.table_name);
  return {
    url,
    tables,
    schema: async () => ({
      columns: await q(
        "SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name",
      ),
      indexes: await q("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"),
      constraints: await q(
        "SELECT conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' ORDER BY conname",
      ),
      enums: await q(
        'SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder',
      ),
    }),
    columns: async () => {
      const rows = await q<{ table_name: string; column_name: string; is_nullable: string }>(
        "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name",
      );
      const result: Record<string, { name: string; nullable: boolean }[]> = {};
      for (const row of rows) {
        (result[row.table_name] ??= []).push({ name: row.column_name, nullable: row.is_nullable === 'YES' });
      }
      for (const list of Object.values(result)) list.sort(byName);
      return result;
    },
    migrationRows: async () =>
      q<{ migration_name: string; finished: boolean; rolled_back: boolean; checksum: string }>(
        'SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, checksum ' +
          'FROM _prisma_migrations ORDER BY migration_name, started_at',
      ),
    query: (sql) => q(sql),
  };
}

async function postgresUnavailable(): Promise<string | undefined> {
  try {
    await adminQuery(POSTGRES_URL, 'SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL unreachable at ${new URL(POSTGRES_URL).host} (${(error as Error).message})`;
  }
}

const pgProblem = await postgresUnavailable();

// ---------------------------------------------------------------------------------------------------- tests

/** SQL that works on both providers (double-quoted identifiers, INTEGER, TEXT). */
const BROKEN_MIGRATION =
  'CREATE TABLE "zz_scratch" ("id" INTEGER);\n' +
  'ALTER TABLE "people" ADD COLUMN "nickname" TEXT;\n' +
  'INSERT INTO "no_such_table" VALUES (1);\n';
const BROKEN_ERROR: Record<Provider, RegExp> = {
  sqlite: /no such table: no_such_table/,
  postgresql: /relation "no_such_table" does not exist/,
};

function migrationSuite(provider: Provider, fresh: (t: TestContext) => TestDatabase | Promise<TestDatabase>) {
  const migrationsDir = path.join(ROOT, 'prisma', provider, 'migrations');

  it('deploy from empty creates every table; a second deploy applies nothing and changes nothing', async (t) => {
    const db = await fresh(t);
    const first = await prisma(['migrate', 'deploy'], db.url);
    assertOk(first, 'first migrate deploy');
    t.diagnostic(`${provider}: migrate deploy from empty took ${Math.round(first.ms)} ms (CLI + shim + wasm engine)`);
    assert.match(first.output, /have been applied/);

    const tables = await db.tables();
    for (const table of [...MODEL_TABLES, '_prisma_migrations']) assert.ok(tables.includes(table), `table ${table} missing`);
    const schema = await db.schema();
    const rows = await db.migrationRows();
    assert.deepEqual(
      rows.map((r) => r.migration_name),
      migrationNames(migrationsDir),
    );
    assert.ok(rows.every((r) => r.finished && !r.rolled_back));

    const second = await prisma(['migrate', 'deploy'], db.url);
    assertOk(second, 'second migrate deploy');
    t.diagnostic(`${provider}: migrate deploy with nothing to apply took ${Math.round(second.ms)} ms`);
    assert.match(second.output, /No pending migrations to apply/);
    assert.deepEqual(await db.schema(), schema);
    assert.deepEqual(await db.migrationRows(), rows);
  });

  it('refuses to deploy when an already-applied migration was edited, naming it, and applies nothing', async (t) => {
    const db = await fresh(t);
    const project = tempProject(t, provider);
    assertOk(await prisma(['migrate', 'deploy', '--config', project.config], db.url), 'migrate deploy');
    const [applied] = migrationNames(project.migrations);
    assert.ok(applied);
    fs.appendFileSync(path.join(project.migrations, applied, 'migration.sql'), '\n-- an innocent-looking edit\n');
    addMigration(project.migrations, '29990101000000_pending', 'CREATE TABLE "zz_pending" ("id" INTEGER);\n');
    const schema = await db.schema();
    const rows = await db.migrationRows();

    const refused = await prisma(['migrate', 'deploy', '--config', project.config], db.url);
    assert.notEqual(refused.code, 0, refused.output);
    assert.match(refused.output, /Refusing to apply migrations/);
    assert.ok(refused.output.includes(`\`${applied}\` was edited`), refused.output);
    assert.deepEqual(await db.schema(), schema, 'the refused deploy changed the schema');
    assert.deepEqual(await db.migrationRows(), rows, 'the refused deploy changed _prisma_migrations');
  });

  it('a failing migration leaves the database as it was, is reported clearly, and can be fixed and deployed', async (t) => {
    const db = await fresh(t);
    const project = tempProject(t, provider);
    assertOk(await prisma(['migrate', 'deploy', '--config', project.config], db.url), 'migrate deploy');
    const schema = await db.schema();
    const rowsBefore = await db.migrationRows();
    const broken = '29990101000000_broken';
    const file = addMigration(project.migrations, broken, BROKEN_MIGRATION);

    const failed = await prisma(['migrate', 'deploy', '--config', project.config], db.url);
    assert.notEqual(failed.code, 0, failed.output);
    assert.match(failed.output, new RegExp(`Migration \`${broken}\` failed to apply and was rolled back`));
    assert.match(failed.output, BROKEN_ERROR[provider]);
    // Nothing of the migration's first two statements survived, and its row is marked rolled back.
    assert.deepEqual(await db.schema(), schema, 'the failed migration left changes behind');
    const rows = await db.migrationRows();
    assert.deepEqual(rows.slice(0, rowsBefore.length), rowsBefore);
    assert.deepEqual(
      rows.slice(rowsBefore.length).map((r) => [r.migration_name, r.finished, r.rolled_back]),
      [[broken, false, true]],
    );

    // The corrected migration deploys (no manual `migrate resolve` needed).
    fs.writeFileSync(file, BROKEN_MIGRATION.replace(/INSERT INTO "no_such_table".*\n/, ''));
    const fixed = await prisma(['migrate', 'deploy', '--config', project.config], db.url);
    assertOk(fixed, 'deploying the corrected migration');
    assert.ok((await db.tables()).includes('zz_scratch'));
    assert.ok((await db.columns()).people?.some((c) => c.name === 'nickname'));
    const status = await prisma(['migrate', 'status', '--config', project.config], db.url);
    assertOk(status, 'migrate status');
    assert.match(status.output, /Database schema is up to date/);
  });

  it('the migrations are in step with the model (migrate diff --from-migrations … --to-schema … --exit-code)', async (t) => {
    const db = await fresh(t);
    const shadowsBefore = provider === 'postgresql' ? await shadowDatabases() : [];
    const diff = await prisma(
      ['migrate', 'diff', '--from-migrations', `prisma/${provider}/migrations`, '--to-schema', `prisma/${provider}`, '--exit-code'],
      db.url,
    );
    assert.equal(diff.code, 0, `migrations and prisma/models.prisma differ (exit ${diff.code}):\n${diff.output}`);
    assert.match(diff.output, /No difference detected/);
    if (provider === 'postgresql') {
      // The shim replays the migrations in a temporary shadow database (trap 8) and must drop it afterwards.
      const left = (await shadowDatabases()).filter((name) => !shadowsBefore.includes(name));
      assert.deepEqual(left, [], 'shadow database left behind');
    }
  });
}

async function shadowDatabases(): Promise<string[]> {
  const rows = await adminQuery<{ datname: string }>(POSTGRES_URL, "SELECT datname FROM pg_database WHERE datname LIKE 'shim\\_shadow\\_%'");
  return rows.map((r) => r.datname);
}

describe('[sqlite] migrations', () => {
  migrationSuite('sqlite', freshSqlite);

  it("redefining a parent table keeps its children's rows (foreign keys are switched off outside our transaction)", async (t) => {
    const db = freshSqlite(t);
    const project = tempProject(t, 'sqlite');
    assertOk(await prisma(['migrate', 'deploy', '--config', project.config], db.url), 'migrate deploy');
    await db.query("INSERT INTO articles (slug, headline, updated_at) VALUES ('a', 'A', 0) RETURNING id");
    await db.query("INSERT INTO paragraphs (article_id, position, text, updated_at) VALUES (1, 1, 'p', 0) RETURNING id");
    // A column default change makes Prisma redefine `articles` (create new, copy, DROP, rename): with foreign keys
    // on, that DROP would cascade into paragraphs.
    const models = path.join(path.dirname(project.migrations), 'models.prisma');
    const text = fs.readFileSync(models, 'utf8');
    assert.match(text, /^ {2}headline {8}String$/m);
    fs.writeFileSync(models, text.replace(/^ {2}headline {8}String$/m, '  headline        String @default("untitled")'));
    // On an empty scratch database, as scripts/db-new-migration.ts does: migrate dev first applies the pending
    // migrations, then evaluates and creates the new one (the wasm engine needs devDiagnostic re-run in between).
    const scratch = freshSqlite(t);
    assertOk(
      await prisma(['migrate', 'dev', '--create-only', '--name', 'redefine', '--config', project.config], scratch.url),
      'migrate dev --create-only',
    );
    const created = migrationNames(project.migrations).find((name) => name.endsWith('_redefine'));
    assert.ok(created, 'migrate dev --create-only wrote no migration');
    assert.match(fs.readFileSync(path.join(project.migrations, created, 'migration.sql'), 'utf8'), /PRAGMA foreign_keys=OFF/);

    const triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name";
    const triggersBefore = await db.query(triggers);
    assertOk(await prisma(['migrate', 'deploy', '--config', project.config], db.url), 'deploying the redefinition');
    assert.deepEqual(await db.query('SELECT article_id, text FROM paragraphs'), [{ article_id: 1, text: 'p' }]);
    assert.deepEqual(await db.query('PRAGMA foreign_keys'), [{ foreign_keys: 1 }]);
    // The views over `articles` still work, and its full-text triggers were put back on the new table.
    assert.deepEqual(await db.query('SELECT article_id, paragraphs FROM article_stats'), [{ article_id: 1, paragraphs: 1 }]);
    assert.deepEqual(await db.query(triggers), triggersBefore);
    assert.ok(triggersBefore.length >= 9);
    await db.query("UPDATE articles SET headline = 'Zeppelin' WHERE id = 1 RETURNING id");
    assert.deepEqual(await db.query("SELECT source_id FROM search_documents WHERE search_documents MATCH 'zeppelin'"), [{ source_id: 1 }]);
  });
});

describe('[postgresql] migrations', { skip: !REQUIRE_POSTGRES && pgProblem ? `${pgProblem}; set REQUIRE_POSTGRES=1 to fail instead` : false }, () => {
  before(() => {
    if (pgProblem) assert.fail(`REQUIRE_POSTGRES=1 but ${pgProblem}`);
  });

  migrationSuite('postgresql', freshPostgres);

  it('[sqlite+postgresql] drift: both providers migrate to the same tables and columns (names, nullability)', async (t) => {
    const lite = freshSqlite(t);
    const post = await freshPostgres(t);
    assertOk(await prisma(['migrate', 'deploy'], lite.url), 'sqlite migrate deploy');
    assertOk(await prisma(['migrate', 'deploy'], post.url), 'postgresql migrate deploy');
    // Full-text search is built differently on each (an FTS5 virtual table with shadow tables, a tsvector table):
    // both have search_documents, and the model's tables are compared without them — and without the analyst
    // views, which information_schema.columns lists on PostgreSQL (test/analysts/ checks those on both).
    const views = ['article_stats', 'person_mentions', 'quote_details'];
    const external = (p: Provider) => new Set([...externalTables(p).map((t) => t.replace(/^public\./, '')), ...views]);
    const modelOnly = (columns: Awaited<ReturnType<TestDatabase['columns']>>, p: Provider) =>
      Object.fromEntries(Object.entries(columns).filter(([table]) => !external(p).has(table)));
    const sqliteAll = await lite.columns();
    const postgresAll = await post.columns();
    assert.ok('search_documents' in sqliteAll && 'search_documents' in postgresAll);
    const sqliteColumns = modelOnly(sqliteAll, 'sqlite');
    const postgresColumns = modelOnly(postgresAll, 'postgresql');
    assert.deepEqual(Object.keys(sqliteColumns).sort(), [...MODEL_TABLES].sort());
    assert.deepEqual(postgresColumns, sqliteColumns);
  });
});
