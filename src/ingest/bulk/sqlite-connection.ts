import Database from 'better-sqlite3';
import { REFRESH_ARTICLE_SEARCH } from '../../db/search-index.ts';
import type { BulkConnection } from './bulk-connection.ts';
import type { IdTable, Known, KnownArticle, PlannedRows } from './plan-batch.ts';

/**
 * The bulk writer's own better-sqlite3 connection to the store's file: Prisma's adapter keeps one connection and
 * cannot send a prepared statement per row without its per-call overhead (docs/performance.md). WAL lets the API
 * read while a batch is written; the busy timeout makes a batch wait for another writer's transaction instead of
 * failing. Every statement is synchronous, so a batch holds the write lock only while it plans and writes.
 */
export function openSqliteConnection(file: string, busyTimeoutMs = 10_000): BulkConnection {
  const db = new Database(file, { timeout: busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');

  const articleBySlug = db.prepare<[string], { id: number; slug: string; is_stub: number; content_hash: string | null; version: number }>(
    'SELECT id, slug, is_stub, content_hash, version FROM articles WHERE slug = ?',
  );
  const personByKey = db.prepare<[string], { id: number }>('SELECT id FROM people WHERE name_key = ?');
  const sequence = db.prepare<[string], { seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?');
  // One INSERT … SELECT FROM json_each per table and batch, not a statement per row: every statement that fires the
  // full-text triggers (search_documents behind articles, paragraphs and quotes) makes FTS5 settle its pending terms
  // for a statement savepoint, which cost 21 µs a paragraph row against 5 µs in one statement (docs/performance.md).
  const insertArticles = jsonInsert(db, 'articles', ['id', 'slug', 'headline', 'headline_derived', 'byline', 'source_name',
    'source_url', 'language', 'status', 'is_stub', 'published_at', 'source_text', 'content_hash', 'version']);
  const insertParagraphs = jsonInsert(db, 'paragraphs', ['id', 'article_id', 'position', 'text']);
  const insertPeople = jsonInsert(db, 'people', ['id', 'name', 'name_key']);
  const insertLinks = jsonInsert(db, 'article_people', ['id', 'article_id', 'person_id', 'role', 'aliases'], ['created_at']);
  const insertMentions = jsonInsert(db, 'mentions', ['article_person_id', 'paragraph_id'], []);
  const insertQuotes = jsonInsert(db, 'quotes', ['id', 'article_id', 'paragraph_id', 'text', 'kind', 'speaker_id', 'addressee_id',
    'verb', 'start_offset', 'end_offset', 'paragraph_span']);
  const insertRelated = jsonInsert(db, 'related_articles', ['id', 'article_id', 'related_id', 'position', 'title'], []);
  const insertRevisions = jsonInsert(db, 'revisions', ['id', 'entity_id', 'action', 'actor', 'token_id', 'version', 'after'], ['created_at'],
    { entity_type: 'article' });
  const fillStubs = db.prepare<{ now: string; rows: string }>(
    `UPDATE articles SET headline = value->>1, headline_derived = value->>2, byline = value->>3, source_name = value->>4,
       source_url = value->>5, language = value->>6, status = value->>7, is_stub = 0, published_at = value->>8,
       source_text = value->>9, content_hash = value->>10, version = value->>11, updated_at = :now
     FROM json_each(:rows) WHERE articles.id = value->>0`,
  );
  const touchRelating = db.prepare<{ now: string; stubs: string; except: string }>(
    `UPDATE articles SET updated_at = :now,
       version = version + (SELECT count(*) FROM related_articles r WHERE r.article_id = articles.id AND r.related_id IN (SELECT value FROM json_each(:stubs)))
     WHERE id IN (SELECT article_id FROM related_articles WHERE related_id IN (SELECT value FROM json_each(:stubs)))
       AND id NOT IN (SELECT value FROM json_each(:except))`,
  );
  const refreshSearch = REFRESH_ARTICLE_SEARCH.sqlite.map((sql) => db.prepare(sql));

  return {
    async lookup(slugs, nameKeys) {
      const known: Known = { articles: new Map<string, KnownArticle>(), people: new Map() };
      for (const slug of slugs) {
        const r = articleBySlug.get(slug);
        if (r) known.articles.set(slug, { ref: { id: r.id }, slug: r.slug, isStub: r.is_stub === 1, contentHash: r.content_hash, version: r.version });
      }
      for (const key of nameKeys) {
        const r = personByKey.get(key);
        if (r) known.people.set(key, { id: r.id });
      }
      return known;
    },
    // Safe because a batch runs in BEGIN IMMEDIATE: no other connection can take ids until it commits, and rows
    // written with explicit ids move sqlite_sequence as AUTOINCREMENT would.
    async allocate(table: IdTable, n: number) {
      const first = (sequence.get(table)?.seq ?? 0) + 1;
      return Array.from({ length: n }, (_, i) => first + i);
    },
    async insert(rows: PlannedRows) {
      const now = sqliteTime(new Date().toISOString());
      insertArticles(now, rows.articles.map((a) => [a.id, a.slug, a.headline, bit(a.headlineDerived), a.byline, a.sourceName, a.sourceUrl,
        a.language, a.status, bit(a.isStub), time(a.publishedAt), a.sourceText, a.contentHash, a.version]));
      if (rows.fills.length) {
        fillStubs.run({ now, rows: JSON.stringify(rows.fills.map((f) => [f.article.id, f.headline, bit(f.headlineDerived), f.byline,
          f.sourceName, f.sourceUrl, f.language, f.status, time(f.publishedAt), f.sourceText, f.contentHash, f.version])) });
      }
      insertParagraphs(now, rows.paragraphs.map((p) => [p.id, p.article.id, p.position, p.text]));
      insertPeople(now, rows.people.map((p) => [p.id, p.name, p.nameKey]));
      insertLinks(now, rows.links.map((l) => [l.id, l.article.id, l.person.id, l.role, l.aliases]));
      insertMentions(now, rows.mentions.map((m) => [m.link.id, m.paragraph.id]));
      insertQuotes(now, rows.quotes.map((q) => [q.id, q.article.id, q.paragraph.id, q.text, q.kind, q.speaker?.id ?? null,
        q.addressee?.id ?? null, q.verb, q.startOffset, q.endOffset, q.paragraphSpan]));
      insertRelated(now, rows.related.map((r) => [r.id, r.article.id, r.related.id, r.position, r.title]));
      insertRevisions(now, rows.revisions.map((v) => [v.id, v.article.id, v.action, v.actor, v.tokenId, v.version, v.after]));
    },
    async touchArticlesRelatedTo(stubIds, except) {
      if (stubIds.length) touchRelating.run({ now: sqliteTime(new Date().toISOString()), stubs: JSON.stringify(stubIds), except: JSON.stringify(except) });
    },
    refreshSearch: async () => refreshSearch.forEach((statement) => statement.run()),
    // IMMEDIATE takes the write lock up front: the lookups and the id allocation then stay true until COMMIT.
    begin: async () => void db.exec('BEGIN IMMEDIATE'),
    commit: async () => void db.exec('COMMIT'),
    rollback: async () => void (db.inTransaction && db.exec('ROLLBACK')),
    savepoint: async (name) => void db.exec(`SAVEPOINT ${name}`),
    release: async (name) => void db.exec(`RELEASE ${name}`),
    rollbackTo: async (name) => void db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`),
    close: async () => void db.close(),
  };
}

/**
 * `INSERT INTO table (columns…, stamped…) SELECT value->>0, …, :now FROM json_each(:rows)`: the rows go in as one JSON
 * array of arrays (JSON null is SQL NULL, JSON integers stay integers). `stamped` columns take the batch's time
 * (created_at and updated_at unless said otherwise), `fixed` ones a constant.
 */
function jsonInsert(db: Database.Database, table: string, columns: string[], stamped = ['created_at', 'updated_at'], fixed: Record<string, string> = {}) {
  const names = [...columns, ...stamped, ...Object.keys(fixed)];
  const values = [...columns.map((_, i) => `value->>${i}`), ...stamped.map(() => ':now'), ...Object.values(fixed).map((v) => `'${v}'`)];
  const statement = db.prepare<{ now: string; rows: string }>(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${values.join(', ')} FROM json_each(:rows)`);
  return (now: string, rows: unknown[][]) => {
    if (rows.length) statement.run({ now, rows: JSON.stringify(rows) });
  };
}

/** Prisma's better-sqlite3 adapter stores DateTime as ISO text with "+00:00"; so does the bulk path, or sorts break. */
const sqliteTime = (iso: string) => iso.replace('Z', '+00:00');
const time = (iso: string | null) => (iso ? sqliteTime(iso) : null);
const bit = (b: boolean) => (b ? 1 : 0);
