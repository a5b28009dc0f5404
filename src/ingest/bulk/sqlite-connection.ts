import Database from 'better-sqlite3';
import { REFRESH_ARTICLE_SEARCH } from '../../db/search-index.ts';
import { toSubscriber } from '../../webhooks/outbox-rows.ts';
import type { BulkConnection } from './bulk-connection.ts';
import {
  type IdTable, KNOWN_ARTICLE_COLUMNS, KNOWN_ROLES_LIMIT, type Known, type KnownArticle, type KnownArticleRow, type KnownPerson,
  type KnownPersonRow, type PlannedRows, addKnownPerson, toKnownArticle, toKnownPerson,
} from './plan-batch.ts';
import { type Column, type ColumnType, INSERTS, PRONOUN_FILL, STUB_FILL, type TableWrite, WRITE_ORDER } from './planned-columns.ts';

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
  // A batch writes thousands of pages (the text, its indexes, two full-text indexes). With the defaults (a 2 MB page
  // cache, a checkpoint each time the log passes 1,000 pages) it spilled pages mid-transaction and every commit copied
  // the batch into the file again and synced it: 60 ms a commit of 250 articles, against ~35 ms with these.
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 16384');

  const articleBySlug = db.prepare<[string], KnownArticleRow>(`SELECT ${KNOWN_ARTICLE_COLUMNS} FROM articles WHERE slug = ?`);
  const subscribers = db.prepare<[], { id: number; events: string }>('SELECT id, events FROM webhook_endpoints WHERE enabled = 1 ORDER BY id');
  // Every person with one of the batch's name keys and their latest roles, in one statement: a statement per person
  // (a batch of 250 articles meets ~2,000 of them in the bench's corpus, where names recur) took 170 ms against 20.
  const peopleByKeys = db.prepare<[string, number], KnownPersonRow & { role: string | null }>(
    `SELECT id, name, name_key, kind, pronoun, role FROM (
       SELECT p.id, p.name, p.name_key, p.kind, p.pronoun, ap.role,
              row_number() OVER (PARTITION BY p.id ORDER BY ap.article_id DESC) AS n
       FROM people p LEFT JOIN article_people ap ON ap.person_id = p.id AND ap.role IS NOT NULL
       WHERE p.name_key IN (SELECT value FROM json_each(?)))
     WHERE n <= ? ORDER BY id, n`,
  );
  const sequence = db.prepare<[string], { seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?');
  // One INSERT … SELECT FROM json_each per table and batch, not a statement per row: every statement that fires the
  // full-text triggers (search_documents behind articles, paragraphs and quotes) makes FTS5 settle its pending terms
  // for a statement savepoint, which cost 21 µs a paragraph row against 5 µs in one statement (docs/performance.md).
  const writers = plannedWriters(db);
  const touchRelating = db.prepare<{ now: string; stubs: string; except: string }>(
    `UPDATE articles SET updated_at = :now,
       version = version + (SELECT count(*) FROM related_articles r WHERE r.article_id = articles.id AND r.related_id IN (SELECT value FROM json_each(:stubs)))
     WHERE id IN (SELECT article_id FROM related_articles WHERE related_id IN (SELECT value FROM json_each(:stubs)))
       AND id NOT IN (SELECT value FROM json_each(:except))`,
  );
  const refreshSearch = REFRESH_ARTICLE_SEARCH.sqlite.map((sql) => db.prepare(sql));

  return {
    async lookup(slugs, nameKeys) {
      const known: Known = { articles: new Map<string, KnownArticle>(), people: new Map(), subscribers: subscribers.all().map(toSubscriber) };
      for (const slug of slugs) {
        const r = articleBySlug.get(slug);
        if (r) known.articles.set(slug, toKnownArticle(r));
      }
      let last: KnownPerson | null = null;
      for (const r of nameKeys.length ? peopleByKeys.all(JSON.stringify(nameKeys), KNOWN_ROLES_LIMIT) : []) {
        if (last?.id !== r.id) addKnownPerson(known.people, r.name_key, (last = toKnownPerson(r, [])));
        if (r.role !== null) last.roles.push(r.role);
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
      for (const key of WRITE_ORDER) writers[key](now, rows[key]);
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

/** A value in the form Prisma's SQLite adapter stores it. */
function sqliteValue(type: ColumnType, value: unknown): unknown {
  if (type === 'bool') return value ? 1 : 0;
  if (type === 'time') return value ? sqliteTime(value as string) : null;
  return value;
}

type Writer = (now: string, rows: unknown[]) => void;

/**
 * A statement per table of the plan, each taking all its rows as one JSON array of arrays (JSON null is SQL NULL,
 * JSON integers stay integers): `INSERT INTO t (…) SELECT value->>0, …, :now FROM json_each(:rows)`, and for the stubs
 * filled `UPDATE articles SET … FROM json_each(:rows) WHERE articles.id = value->>0`.
 */
function plannedWriters(db: Database.Database): Record<(typeof WRITE_ORDER)[number], Writer> {
  const writer = (sql: string, columns: Column<unknown>[]): Writer => {
    const statement = db.prepare<{ now: string; rows: string }>(sql);
    return (now, rows) => {
      if (rows.length) statement.run({ now, rows: JSON.stringify(rows.map((row) => columns.map((c) => sqliteValue(c.type, c.value(row))))) });
    };
  };
  const insert = ({ table, columns, stamped }: TableWrite<unknown>) =>
    writer(
      `INSERT INTO ${table} (${[...columns.map((c) => c.name), ...stamped].join(', ')})
       SELECT ${[...columns.map((_, i) => `value->>${i}`), ...stamped.map(() => ':now')].join(', ')} FROM json_each(:rows)`,
      columns,
    );
  const { table, key, columns, stamped } = STUB_FILL;
  const sets = [...columns.map((c, i) => `${c.name} = value->>${i + 1}`), ...stamped.map((name) => `${name} = :now`)];
  const pronoun = PRONOUN_FILL;
  return {
    ...(Object.fromEntries(Object.entries(INSERTS).map(([k, spec]) => [k, insert(spec)])) as Record<keyof typeof INSERTS, Writer>),
    fills: writer(`UPDATE ${table} SET ${sets.join(', ')} FROM json_each(:rows) WHERE ${table}.${key.name} = value->>0`, [key, ...columns]),
    pronouns: writer(
      `UPDATE ${pronoun.table} SET ${pronoun.pronoun.name} = value->>1, version = version + 1, updated_at = :now FROM json_each(:rows)
       WHERE ${pronoun.table}.${pronoun.key.name} = value->>0 AND ${pronoun.table}.${pronoun.pronoun.name} IS NULL`,
      [pronoun.key, pronoun.pronoun] as Column<unknown>[],
    ),
  };
}

/** Prisma's better-sqlite3 adapter stores DateTime as ISO text with "+00:00"; so does the bulk path, or sorts break. */
const sqliteTime = (iso: string) => iso.replace('Z', '+00:00');
