import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import type { Provider } from '../../src/config/database-url.ts';
import type { Db } from '../../src/db/client.ts';
import { parseArticle } from '../../src/ingest/parse/index.ts';

/**
 * What the reliability tests compare and check about a whole database: a snapshot (row counts + a hash of every
 * table's contents) to prove a refused request wrote nothing, and the integrity checks a crash must pass.
 * Plain SQL, identical on SQLite and PostgreSQL (the tables are snake_case without quoting).
 */

/** Each table with the order that makes its dump deterministic, and the columns left out of the hash. */
const TABLES: { name: string; order: string; ignore?: string[] }[] = [
  { name: 'articles', order: 'id' },
  { name: 'paragraphs', order: 'id' },
  { name: 'people', order: 'id' },
  { name: 'article_people', order: 'id' },
  { name: 'mentions', order: 'article_person_id, paragraph_id' },
  { name: 'quotes', order: 'id' },
  { name: 'related_articles', order: 'id' },
  { name: 'revisions', order: 'id' },
  // last_used_at moves when a valid token authenticates a request that is then refused: bookkeeping, not a write.
  { name: 'api_tokens', order: 'id', ignore: ['last_used_at'] },
];

export interface Snapshot {
  counts: Record<string, number>;
  hash: string;
}

const normalise = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? Number(value) : value;

export async function snapshot(db: Db): Promise<Snapshot> {
  const counts: Record<string, number> = {};
  const sha = crypto.createHash('sha256');
  for (const table of TABLES) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM ${table.name} ORDER BY ${table.order}`);
    counts[table.name] = rows.length;
    for (const row of rows) {
      const kept = Object.keys(row)
        .filter((k) => !table.ignore?.includes(k))
        .sort()
        .map((k) => [k, normalise(row[k])]);
      sha.update(`${table.name}:${JSON.stringify(kept)}\n`);
    }
  }
  return { counts, hash: sha.digest('hex') };
}

/** Every foreign key of the model as an orphan query: each must return 0 rows. */
const ORPHANS: [string, string][] = [
  ['paragraphs without their article', 'SELECT p.id FROM paragraphs p LEFT JOIN articles a ON a.id = p.article_id WHERE a.id IS NULL'],
  ['article_people without article', 'SELECT x.id FROM article_people x LEFT JOIN articles a ON a.id = x.article_id WHERE a.id IS NULL'],
  ['article_people without person', 'SELECT x.id FROM article_people x LEFT JOIN people p ON p.id = x.person_id WHERE p.id IS NULL'],
  ['mentions without article_people', 'SELECT m.paragraph_id FROM mentions m LEFT JOIN article_people x ON x.id = m.article_person_id WHERE x.id IS NULL'],
  ['mentions without paragraph', 'SELECT m.paragraph_id FROM mentions m LEFT JOIN paragraphs p ON p.id = m.paragraph_id WHERE p.id IS NULL'],
  ['quotes without article', 'SELECT q.id FROM quotes q LEFT JOIN articles a ON a.id = q.article_id WHERE a.id IS NULL'],
  ['quotes without paragraph', 'SELECT q.id FROM quotes q LEFT JOIN paragraphs p ON p.id = q.paragraph_id WHERE p.id IS NULL'],
  ['quotes without speaker', 'SELECT q.id FROM quotes q LEFT JOIN people p ON p.id = q.speaker_id WHERE q.speaker_id IS NOT NULL AND p.id IS NULL'],
  ['quotes without addressee', 'SELECT q.id FROM quotes q LEFT JOIN people p ON p.id = q.addressee_id WHERE q.addressee_id IS NOT NULL AND p.id IS NULL'],
  ['related without article', 'SELECT r.id FROM related_articles r LEFT JOIN articles a ON a.id = r.article_id WHERE a.id IS NULL'],
  ['related without target', 'SELECT r.id FROM related_articles r LEFT JOIN articles a ON a.id = r.related_id WHERE a.id IS NULL'],
  // Rows that point across articles are as broken as orphans: a quote in another article's paragraph.
  ['quotes in another article’s paragraph', 'SELECT q.id FROM quotes q JOIN paragraphs p ON p.id = q.paragraph_id WHERE p.article_id <> q.article_id'],
  ['mentions of another article’s paragraph', 'SELECT m.paragraph_id FROM mentions m JOIN article_people x ON x.id = m.article_person_id JOIN paragraphs p ON p.id = m.paragraph_id WHERE p.article_id <> x.article_id'],
  // Positions are 1..n without gaps or duplicates (duplicates are also a unique key; gaps are not).
  ['paragraph positions with gaps', 'SELECT article_id FROM paragraphs GROUP BY article_id HAVING MIN(position) <> 1 OR MAX(position) <> COUNT(*) OR COUNT(DISTINCT position) <> COUNT(*)'],
  ['related positions with gaps', 'SELECT article_id FROM related_articles GROUP BY article_id HAVING MIN(position) <> 1 OR MAX(position) <> COUNT(*)'],
  // A real (non-stub) article always has a body; a stub never has one.
  ['non-stub articles without paragraphs', 'SELECT a.id FROM articles a WHERE a.is_stub = false AND NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)'],
  ['stubs with paragraphs', 'SELECT a.id FROM articles a WHERE a.is_stub = true AND EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)'],
];

/** The article search index (src/db/search-index.ts) is in step once every writer has committed. */
const SEARCH_INDEX: Record<Provider, [string, string][]> = {
  sqlite: [
    ['article search changes never applied', 'SELECT article_id FROM article_search_pending'],
    ['articles missing from article_search', 'SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id)'],
    ['article_search documents of deleted articles', 'SELECT s.rowid FROM article_search s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.rowid)'],
  ],
  postgresql: [
    ['article search changes never applied', 'SELECT article_id FROM article_search_pending'],
    ['articles missing from article_search', 'SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.article_id = a.id)'],
  ],
};

/**
 * The database's own integrity check (SQLite: integrity_check and foreign_key_check; PostgreSQL: every constraint
 * validated, no invalid index), then the model's invariants as orphan queries. Throws with what is wrong.
 *
 * SQLite's checks run on a NEW connection to the file — what the next program to open it sees. (A connection that
 * was open while another process wrote reports FTS5 "corruption found reading blob" from its stale cache of the
 * full-text index's structure, although the file is sound: a fresh connection says ok.)
 */
export async function assertIntegrity(db: Db, provider: Provider, url: string): Promise<void> {
  if (provider === 'sqlite') {
    const sqlite = new Database(url.replace(/^file:/, '').replace(/\?.*$/, ''), { fileMustExist: true });
    try {
      const integrity = sqlite.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
      assert.deepEqual(integrity.map((r) => r.integrity_check), ['ok'], 'PRAGMA integrity_check');
      assert.deepEqual(sqlite.prepare('PRAGMA foreign_key_check').all(), [], 'PRAGMA foreign_key_check');
    } finally {
      sqlite.close();
    }
  } else {
    const invalid = await db.$queryRawUnsafe<{ conname: string }[]>(
      "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND NOT c.convalidated",
    );
    assert.deepEqual(invalid, [], 'unvalidated constraints');
    const badIndexes = await db.$queryRawUnsafe<{ indexrelid: unknown }[]>(
      "SELECT i.indexrelid::regclass::text AS indexrelid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT (i.indisvalid AND i.indisready)",
    );
    assert.deepEqual(badIndexes, [], 'invalid indexes');
  }
  for (const [what, sql] of [...ORPHANS, ...SEARCH_INDEX[provider]]) {
    const rows = await db.$queryRawUnsafe<unknown[]>(sql);
    assert.equal(rows.length, 0, `${what}: ${JSON.stringify(rows.slice(0, 5), (_k, v) => normalise(v))}`);
  }
}

/**
 * Every ingested article is whole: its stored rows are exactly what its stored source text parses into (so a
 * crash between two statements of one article would show as a count that does not match). Returns how many were
 * checked.
 */
export async function assertIngestedArticlesWhole(db: Db): Promise<number> {
  const articles = await db.article.findMany({
    where: { isStub: false, sourceText: { not: null } },
    select: {
      id: true,
      slug: true,
      sourceText: true,
      _count: { select: { paragraphs: true, quotes: true, people: true, related: true } },
    },
  });
  for (const a of articles) {
    const parsed = parseArticle(a.sourceText!);
    const expected = {
      paragraphs: parsed.paragraphs.length,
      quotes: parsed.quotes.length,
      // one link per distinct person; the loader folds names that normalise alike
      people: a._count.people,
      related: new Set(parsed.related.map((r) => r.title.toLowerCase())).size,
    };
    assert.equal(a._count.paragraphs, expected.paragraphs, `${a.slug}: paragraphs`);
    assert.equal(a._count.quotes, expected.quotes, `${a.slug}: quotes`);
    const persons = parsed.people.length;
    assert.ok(a._count.people <= persons && (persons === 0) === (a._count.people === 0), `${a.slug}: people`);
    assert.ok(a._count.related <= expected.related && (expected.related === 0) === (a._count.related === 0), `${a.slug}: related`);
  }
  return articles.length;
}
