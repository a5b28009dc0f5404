/**
 * The store as analysts' own tools see it (issue 19): the SQLite file opens in the system `sqlite3` CLI and in
 * Python's sqlite3 (both older than the SQLite inside the application), every table and view can be read there, and
 * every example of docs/analysts.md gives the same rows through `sqlite3` and through `psql`.
 *
 * One store is built on each database the run has — the sample, every fixture article, one of them dated and one
 * put in the trash — by the application, in the same order, so ids agree.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Provider } from '../../src/config/database-url.ts';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { sampleText } from '../support/articles.ts';
import { parseCsv } from '../support/csv.ts';
import { type TestDatabase, freshDatabase, testProviders } from '../support/databases.ts';
import { documentedQuestions } from '../support/documented-questions.ts';

const run = promisify(execFile);
const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/articles');
const questions = documentedQuestions(fs.readFileSync(path.join(PROJECT_ROOT, 'docs/analysts.md'), 'utf8'));

/**
 * Columns whose values the two databases are documented to give differently: the full-text passage and score (FTS5's
 * snippet and bm25 against ts_headline and ts_rank), and the tables' raw timestamps (ISO text on SQLite, a timestamp
 * on PostgreSQL; the views give both as ISO text) — and each database was built at its own moment.
 */
const DIALECT_COLUMNS = new Set(['passage', 'score', 'created_at']);

/** The SQL features newer than SQLite 3.37 a schema could use, each with the version that brought it. */
const NEWER_THAN_3_37: [RegExp, string][] = [
  [/contentless_delete/i, '3.43'],
  [/contentless_unindexed/i, '3.47'],
  [/->>?/, '3.38 (JSON operators)'],
  [/\bunixepoch\s*\(/i, '3.38'],
  [/\bformat\s*\(/i, '3.38'],
  [/\b(right|full)\s+(outer\s+)?join\b/i, '3.39'],
  [/\bis\s+(not\s+)?distinct\s+from\b/i, '3.39'],
  [/\b(octet_length|timediff|string_agg|concat|concat_ws|unistr)\s*\(/i, '3.43-3.50'],
  [/\bgroup_concat\s*\([^)]*\border\s+by\b/i, '3.44 (ORDER BY in an aggregate)'],
];

const sqlite3Cli = async (file: string, sql: string) =>
  (await run('sqlite3', ['-readonly', '-bail', '-csv', '-header', file, sql], { maxBuffer: 64 << 20 })).stdout;
const psql = async (url: string, sql: string) =>
  (await run('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '--csv', '-c', sql], { maxBuffer: 64 << 20 })).stdout;

async function buildStore(db: TestDatabase): Promise<void> {
  const actor = { name: 'sql-tools-test', tokenId: null };
  await importArticle(db.prisma, sampleText(), {}, actor);
  for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort()) {
    await importArticle(db.prisma, fs.readFileSync(path.join(FIXTURES, file), 'utf8'), {}, actor).catch(() => {}); // a fixture the ingest refuses is not part of the store
  }
  const [first, second] = await db.prisma.article.findMany({ where: { isStub: false }, orderBy: { id: 'asc' }, skip: 1, take: 2, select: { id: true } });
  await db.prisma.article.update({ where: { id: first!.id }, data: { publishedAt: new Date('2023-02-22T09:30:00.000Z') } });
  await db.prisma.article.update({ where: { id: second!.id }, data: { deletedAt: new Date(), deletedBy: 'sql-tools-test' } });
}

const sqliteFile = (db: TestDatabase) => db.url.replace(/^file:/, '');

describe('analysts’ tools on the store', () => {
  const providers = testProviders();
  const dbs = new Map<Provider, TestDatabase>();
  before(async () => {
    for (const p of providers) {
      const db = await freshDatabase(p);
      dbs.set(p, db);
      await buildStore(db);
    }
  });
  after(async () => {
    for (const db of dbs.values()) await db.drop();
  });

  // Registered only for the databases this run has, as describeEachDatabase does (npm test always has SQLite; CI
  // requires PostgreSQL too, so every test below runs there).
  const hasSqlite = providers.includes('sqlite');
  const hasBoth = hasSqlite && providers.includes('postgresql');

  if (hasSqlite) test('[sqlite] the schema uses nothing newer than SQLite 3.37', async () => {
    const rows = parseCsv(await sqlite3Cli(sqliteFile(dbs.get('sqlite')!), "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"));
    const found = rows.flatMap((r) => NEWER_THAN_3_37.filter(([re]) => re.test(r.sql!)).map(([, v]) => `${r.name}: SQLite ${v}`));
    assert.deepEqual(found, []);
  });

  if (hasSqlite) test('[sqlite] the system sqlite3 CLI lists and reads every table and view', async () => {
    const file = sqliteFile(dbs.get('sqlite')!);
    const version = (await run('sqlite3', ['--version'])).stdout.split(' ')[0];
    const objects = parseCsv(await sqlite3Cli(file, "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"));
    for (const name of ['articles', 'article_search', 'search_documents', 'quote_details', 'person_mentions', 'article_stats']) {
      assert.ok(objects.some((o) => o.name === name), `${name} is not listed by sqlite3 ${version}`);
    }
    for (const { name } of objects) {
      await sqlite3Cli(file, `SELECT * FROM "${name}" LIMIT 3`).catch((e: Error) => assert.fail(`sqlite3 ${version} cannot read ${name}: ${e.message}`));
    }
    // The per-article search answers there too, and its text reads back.
    const hits = parseCsv(await sqlite3Cli(file, "SELECT rowid, headline FROM article_search WHERE article_search MATCH 'lavrov' ORDER BY rank"));
    assert.ok(hits.length >= 1 && hits.every((h) => h.headline));
  });

  // Python's sqlite3 is what pandas and Datasette open the file with; .ci/run installs python3 where it is missing.
  if (hasSqlite) test('[sqlite] Python’s sqlite3 reads every table and view', async () => {
    const script = `
import json, sqlite3, sys
con = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")]
out = {'version': sqlite3.sqlite_version, 'read': {}}
for n in names:
    out['read'][n] = len(con.execute('SELECT * FROM "%s" LIMIT 3' % n).fetchall())
print(json.dumps(out))`;
    const { stdout } = await run('python3', ['-c', script, sqliteFile(dbs.get('sqlite')!)]);
    const result = JSON.parse(stdout) as { version: string; read: Record<string, number> };
    assert.ok((result.read.quote_details ?? 0) > 0 && (result.read.article_search ?? 0) > 0, JSON.stringify(result));
  });

  if (hasBoth) describe('every example of docs/analysts.md through sqlite3 and psql', () => {
    for (const q of questions) {
      test(`${q.number}. ${q.title}`, async () => {
        const sql = (p: Provider) => q.queries.find((s) => s.dialect === 'both' || s.dialect === p)!.sql;
        const lite = parseCsv(await sqlite3Cli(sqliteFile(dbs.get('sqlite')!), sql('sqlite')));
        const post = parseCsv(await psql(dbs.get('postgresql')!.url, sql('postgresql')));
        const comparable = (rows: Record<string, string>[]) =>
          rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !DIALECT_COLUMNS.has(k))));
        assert.ok(lite.length > 0, 'the example finds nothing in the store: it shows nothing');
        // Rows ranked by full-text relevance come in each database's own order (bm25 and ts_rank differ): same rows.
        const ranked = /ORDER BY (rank|score)\b/i.test(sql('sqlite'));
        const ordered = (rows: Record<string, string>[]) => (ranked ? rows.map((r) => JSON.stringify(r)).sort() : rows);
        assert.deepEqual(ordered(comparable(post)), ordered(comparable(lite)));
      });
    }
  });
});
