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
  const insertArticle = db.prepare(
    `INSERT INTO articles (id, slug, headline, headline_derived, byline, source_name, source_url, language, status, is_stub,
       published_at, source_text, content_hash, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const fillStub = db.prepare(
    `UPDATE articles SET headline = ?, headline_derived = ?, byline = ?, source_name = ?, source_url = ?, language = ?,
       status = ?, is_stub = 0, published_at = ?, source_text = ?, content_hash = ?, version = ?, updated_at = ? WHERE id = ?`,
  );
  const insertParagraph = db.prepare('INSERT INTO paragraphs (id, article_id, position, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertPerson = db.prepare('INSERT INTO people (id, name, name_key, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)');
  const insertLink = db.prepare('INSERT INTO article_people (id, article_id, person_id, role, aliases, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertMention = db.prepare('INSERT INTO mentions (article_person_id, paragraph_id) VALUES (?, ?)');
  const insertQuote = db.prepare(
    `INSERT INTO quotes (id, article_id, paragraph_id, text, kind, speaker_id, addressee_id, verb, start_offset, end_offset,
       paragraph_span, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRelated = db.prepare('INSERT INTO related_articles (id, article_id, related_id, position, title) VALUES (?, ?, ?, ?, ?)');
  const touchRelating = db.prepare<{ now: string; stubs: string; except: string }>(
    `UPDATE articles SET updated_at = :now,
       version = version + (SELECT count(*) FROM related_articles r WHERE r.article_id = articles.id AND r.related_id IN (SELECT value FROM json_each(:stubs)))
     WHERE id IN (SELECT article_id FROM related_articles WHERE related_id IN (SELECT value FROM json_each(:stubs)))
       AND id NOT IN (SELECT value FROM json_each(:except))`,
  );
  const refreshSearch = REFRESH_ARTICLE_SEARCH.sqlite.map((sql) => db.prepare(sql));
  const insertRevision = db.prepare(
    `INSERT INTO revisions (id, entity_type, entity_id, action, actor, token_id, version, after, created_at)
     VALUES (?, 'article', ?, ?, ?, ?, ?, ?, ?)`,
  );

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
      for (const a of rows.articles) {
        insertArticle.run(a.id, a.slug, a.headline, bit(a.headlineDerived), a.byline, a.sourceName, a.sourceUrl, a.language, a.status,
          bit(a.isStub), time(a.publishedAt), a.sourceText, a.contentHash, a.version, now, now);
      }
      for (const f of rows.fills) {
        fillStub.run(f.headline, bit(f.headlineDerived), f.byline, f.sourceName, f.sourceUrl, f.language, f.status, time(f.publishedAt),
          f.sourceText, f.contentHash, f.version, now, f.article.id);
      }
      for (const p of rows.paragraphs) insertParagraph.run(p.id, p.article.id, p.position, p.text, now, now);
      for (const p of rows.people) insertPerson.run(p.id, p.name, p.nameKey, now, now);
      for (const l of rows.links) insertLink.run(l.id, l.article.id, l.person.id, l.role, l.aliases, now);
      for (const m of rows.mentions) insertMention.run(m.link.id, m.paragraph.id);
      for (const q of rows.quotes) {
        insertQuote.run(q.id, q.article.id, q.paragraph.id, q.text, q.kind, q.speaker?.id ?? null, q.addressee?.id ?? null, q.verb,
          q.startOffset, q.endOffset, q.paragraphSpan, now, now);
      }
      for (const r of rows.related) insertRelated.run(r.id, r.article.id, r.related.id, r.position, r.title);
      for (const v of rows.revisions) insertRevision.run(v.id, v.article.id, v.action, v.actor, v.tokenId, v.version, v.after, now);
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

/** Prisma's better-sqlite3 adapter stores DateTime as ISO text with "+00:00"; so does the bulk path, or sorts break. */
const sqliteTime = (iso: string) => iso.replace('Z', '+00:00');
const time = (iso: string | null) => (iso ? sqliteTime(iso) : null);
const bit = (b: boolean) => (b ? 1 : 0);
