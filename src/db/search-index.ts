import type { Provider } from '../config/database-url.ts';
import { type Db, type Tx, isClient } from './client.ts';
import { dialectOf } from './dialect.ts';

/**
 * Brings `article_search` (one full-text document per article: its headline and its paragraphs in order) up to date
 * for the articles the triggers noted in `article_search_pending` (the *_article_search migrations say why the
 * triggers only take notes). Every writer runs this inside its own transaction, just before it commits — Prisma
 * writes in transaction(), the bulk ingest per batch — so a search never sees a document older than the committed
 * text. A write made with SQL outside the application is noted by the same triggers, and the next search or write
 * through the application catches up (catchUpArticleSearch).
 *
 * The statements, in order, per dialect; the bulk connections run the same text through their own drivers.
 */
export const REFRESH_ARTICLE_SEARCH: Record<Provider, string[]> = {
  sqlite: [
    'DELETE FROM "article_search" WHERE "rowid" IN (SELECT "article_id" FROM "article_search_pending")',
    `INSERT INTO "article_search" ("rowid", "headline", "body")
     SELECT a."id", a."headline",
            (SELECT group_concat(t."text", char(10)) FROM (SELECT p."text" FROM "paragraphs" p WHERE p."article_id" = a."id" ORDER BY p."position") t)
     FROM "article_search_pending" n JOIN "articles" a ON a."id" = n."article_id"`,
    'DELETE FROM "article_search_pending"',
  ],
  // One statement: the CTE empties the notes, and the insert reads the text as the statement starts (after this
  // transaction's own writes). A deleted article's document went with it (ON DELETE CASCADE).
  // Each article's paragraphs are read by a subquery on (article_id, position), as on SQLite, not by a join: the
  // planner cannot turn that into a scan of every paragraph. The join did exactly that during a bulk load, where the
  // statistics lag behind the tables (autovacuum off, or not yet round): every batch read all the paragraphs stored
  // so far, and a 100,000-article load slowed from 300 to under 100 articles/s by 65,000.
  postgresql: [
    `WITH "noted" AS (DELETE FROM "article_search_pending" RETURNING "article_id")
     INSERT INTO "article_search" ("article_id", "document")
     SELECT a."id",
            setweight(to_tsvector('english', a."headline"), 'A') ||
            setweight(to_tsvector('english', coalesce(
              (SELECT string_agg(p."text", E'\\n' ORDER BY p."position") FROM "paragraphs" p WHERE p."article_id" = a."id"), '')), 'D')
     FROM (SELECT DISTINCT "article_id" FROM "noted") n
     JOIN "articles" a ON a."id" = n."article_id"
     ON CONFLICT ("article_id") DO UPDATE SET "document" = EXCLUDED."document"`,
  ],
};

/** Whether there is anything to do, so that most transactions (no article text changed) and searches pay one read. */
const ANY_PENDING = 'SELECT 1 AS "pending" FROM "article_search_pending" LIMIT 1';

/** refreshes the documents of the articles changed in this transaction (see above); `tx` must be inside one */
export async function refreshArticleSearch(tx: Tx): Promise<void> {
  const dialect = dialectOf(tx);
  if (dialect === 'sqlite' && (await tx.$queryRawUnsafe<unknown[]>(ANY_PENDING)).length === 0) return;
  for (const sql of REFRESH_ARTICLE_SEARCH[dialect]) await tx.$executeRawUnsafe(sql);
}

/**
 * Before a search: applies changes that were committed without the application (an operator's UPDATE in the sqlite3
 * shell or psql), so the search sees them as it sees the API's. Costs one indexed read when there are none. If the
 * database refuses the write (opened read-only, locked past the busy timeout), the search still runs, on the index
 * as it stands: a slightly stale ranking is better than no answer.
 */
export async function catchUpArticleSearch(db: Db | Tx): Promise<void> {
  if ((await db.$queryRawUnsafe<unknown[]>(ANY_PENDING)).length === 0) return;
  if (!isClient(db)) return; // inside a transaction, whose writer refreshes before it commits
  await db.$transaction((tx) => refreshArticleSearch(tx)).catch(() => {});
}
