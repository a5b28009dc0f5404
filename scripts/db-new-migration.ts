/**
 * Creates the migration for a change to prisma/models.prisma, for BOTH providers, with the real Prisma CLI
 * (`prisma migrate dev --create-only`) against throw-away scratch databases — your own database is not touched.
 *
 *   npm run db:new-migration -- --name add_article_summary     writes prisma/{sqlite,postgresql}/migrations/<ts>_add_article_summary/
 *   npm run db:new-migration -- --name x --provider sqlite     one provider only
 *   npm run db:new-migration -- --name add_views --empty       an empty migration for both, for SQL Prisma cannot
 *                                                              express (views, full-text search, triggers): write it in
 *   npm run db:check                                           (--check) exit 1 if a provider's migrations lag the model
 *
 * PostgreSQL scratch databases are created on SCRATCH_POSTGRES_URL, else TEST_POSTGRES_URL, else
 * postgresql://postgres@127.0.0.1:5432/postgres (a maintenance connection; its contents are never touched), and
 * dropped afterwards. See docs/migrations.md.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PROJECT_ROOT, type Provider } from '../src/config/database-url.ts';
import { runPrismaCli } from '../src/db/migrate.ts';

const PROVIDERS: Provider[] = ['sqlite', 'postgresql'];
const POSTGRES_URL =
  process.env.SCRATCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

interface Scratch {
  url: string;
  drop(): Promise<void>;
}

async function scratchDatabase(provider: Provider): Promise<Scratch> {
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'new-migration-'));
    return { url: `file:${path.join(dir, 'scratch.db')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `shim_scratch_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed for the postgresql migration but ${new URL(POSTGRES_URL).host} is unreachable ` +
        `(${(error as Error).message}). Start it, set SCRATCH_POSTGRES_URL, or pass --provider sqlite.`,
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function prisma(args: string[], databaseUrl: string, echo: boolean): Promise<{ code: number; output: string }> {
  return runPrismaCli(args, databaseUrl, { echo });
}

function migrationDirs(provider: Provider): string[] {
  const dir = path.join(PROJECT_ROOT, 'prisma', provider, 'migrations');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
}

/** Does the model differ from what the provider's migrations build? (replayed in a shadow database) */
async function lagsModel(provider: Provider, scratch: Scratch): Promise<boolean> {
  const { code, output } = await prisma(
    ['migrate', 'diff', '--from-migrations', `prisma/${provider}/migrations`, '--to-schema', `prisma/${provider}`, '--exit-code'],
    scratch.url,
    false,
  );
  if (code === 0) return false;
  if (code === 2) return true;
  throw new Error(`prisma migrate diff failed for ${provider} (exit ${code}):\n${output}`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      provider: { type: 'string' },
      check: { type: 'boolean', default: false },
      empty: { type: 'boolean', default: false },
    },
  });
  const providers = values.provider ? PROVIDERS.filter((p) => p === values.provider) : PROVIDERS;
  if (providers.length === 0) throw new Error(`--provider must be one of ${PROVIDERS.join(', ')}`);
  if (!values.check && !/^[A-Za-z0-9_]+$/.test(values.name ?? '')) {
    throw new Error('Pass --name <snake_case_description>, e.g. --name add_article_summary (or --check).');
  }

  const created: string[] = [];
  let lagging = 0;
  for (const provider of providers) {
    const scratch = await scratchDatabase(provider);
    try {
      const lags = await lagsModel(provider, scratch);
      if (values.empty && lags) {
        // The "empty" migration would silently carry the model's pending changes; keep the two kinds apart.
        throw new Error(`${provider}: prisma/models.prisma has changes no migration contains; create that migration first (without --empty)`);
      }
      if (!lags && !values.empty) {
        process.stdout.write(`${provider}: migrations are in step with prisma/models.prisma, nothing to create.\n`);
        continue;
      }
      if (lags) lagging++;
      if (values.check) {
        process.stdout.write(`${provider}: prisma/models.prisma has changes no migration contains.\n`);
        continue;
      }
      const before = new Set(migrationDirs(provider));
      // --create-only: applies the existing migrations to the (empty) scratch database, then writes the new one
      // (with no model change, an empty migration.sql for hand-written SQL).
      const { code } = await prisma(['migrate', 'dev', '--create-only', '--name', values.name!], scratch.url, true);
      if (code !== 0) throw new Error(`prisma migrate dev --create-only failed for ${provider} (exit ${code})`);
      const added = migrationDirs(provider).filter((d) => !before.has(d));
      if (added.length !== 1) throw new Error(`expected one new ${provider} migration, found ${added.length}`);
      created.push(path.join('prisma', provider, 'migrations', added[0]!));
    } finally {
      await scratch.drop();
    }
  }

  // Same directory name for both providers (they were created seconds apart), so the histories read alike.
  const [first, second] = created;
  if (first && second && path.basename(first) !== path.basename(second)) {
    const renamed = path.join(path.dirname(second), path.basename(first));
    fs.renameSync(path.join(PROJECT_ROOT, second), path.join(PROJECT_ROOT, renamed));
    created[1] = renamed;
  }

  if (values.check) {
    if (lagging > 0) process.stdout.write('Run `npm run db:new-migration -- --name <change>` to create the migrations.\n');
    return lagging > 0 ? 1 : 0;
  }
  if (created.length > 0) {
    process.stdout.write(
      `\nCreated:\n${created.map((d) => `  ${d}/migration.sql`).join('\n')}\n` +
        'Review the SQL, apply it to your database with `npm run db:migrate`, and commit the migrations with the model.\n',
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`db-new-migration: ${error.message}\n`);
    process.exit(1);
  },
);
