import type { Provider } from '../config/database-url.ts';
import { articleStatusesSql } from '../db/dialect.ts';
import { Prisma } from '../generated/sqlite/client.ts';
import { type SearchQuery, type SearchTerm, fts5Term, positiveTerms, toFts5, toTsquery, tsqueryTerm } from './search-query.ts';

/**
 * The search SQL, once per dialect, in two steps.
 *
 * 1. Which articles match, and how well: `article_search`, one document per article (headline, then its paragraphs;
 *    see the *_article_search migrations and src/db/search-index.ts). The whole query is evaluated against the
 *    article — "putin taiwan" finds Putin in one paragraph and Taiwan in another, -taiwan leaves out an article with
 *    Taiwan anywhere — in one MATCH (SQLite FTS5, bm25) or one @@ (PostgreSQL tsvector + GIN, ts_rank), the headline
 *    counting HEADLINE_WEIGHT times. Higher scores are better on both databases.
 * 2. Why they match, for the page shown only: the best headline, paragraphs and quotes of each article, with their
 *    snippets (search_documents on PostgreSQL, a scratch table on SQLite: page-hits.ts).
 *
 * Ranking is bounded: the RANK_WINDOW most recently added matching articles are scored, not every match. For a word
 * in most articles of a 100,000-article store, scoring all of them costs ~80 ms a search and grows with the store;
 * the window keeps a search's cost flat (docs/performance.md). Editors and readers want recent stories first among
 * equals anyway; an older story is found by a more precise query, or by analysts in SQL over the same tables.
 */
export const HEADLINE_WEIGHT = 3;
export const RANK_WINDOW = 2_000;
/** The FTS5 tokenizer of search_documents and article_search (their migrations), and of page-hits.ts's scratch table. */
export const FTS5_TOKENIZE = 'porter unicode61 remove_diacritics 2';

/** Private-use characters mark the matched words inside snippets; toSnippet() turns them into offsets. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** ts_rank's weights (each at most 1), in its order {D, C, B, A}: paragraphs are D, the headline A. */
const TS_WEIGHTS = `{${(1 / HEADLINE_WEIGHT).toFixed(4)}, 0, 0, 1}`;

/**
 * `WITH "candidates" AS (…)`: id and score of the `window` newest matching articles (by id) with one of the
 * statuses. SQLite walks the FTS index in rowid order and stops at the window; bm25 is computed for those rows only.
 */
function candidates(dialect: Provider, query: SearchQuery, statuses: string[], window = RANK_WINDOW): Prisma.Sql {
  if (dialect === 'sqlite') {
    // Articles in the trash are not found.
    const status = Prisma.sql`AND a."status" IN (${articleStatusesSql(dialect, statuses)}) AND a."deleted_at" IS NULL`;
    return Prisma.sql`WITH "candidates" AS MATERIALIZED (
      SELECT s."rowid" AS "id", -bm25("article_search", ${Prisma.raw(HEADLINE_WEIGHT.toFixed(1))}, 1.0) AS "score"
      FROM "article_search" s JOIN "articles" a ON a."id" = s."rowid"
      WHERE "article_search" MATCH ${toFts5(query)} ${status}
      ORDER BY s."rowid" DESC LIMIT ${window})`;
  }
  // PostgreSQL: every match from the GIN index first, then the newest `window` of them with a status, then ts_rank
  // for those. Each step is fenced (MATERIALIZED, and the status read per match by its id) so that the planner cannot
  // choose to walk the articles newest first testing each one's document instead: it did, as its cost model prices a
  // tsvector match at almost nothing, and a search took 117–230 ms at 100,000 articles where this takes 19–50 ms. The
  // cost is then the number of matches, which is what the index is for (docs/performance.md).
  const status = articleStatusesSql(dialect, statuses);
  return Prisma.sql`WITH ${articleMatches(query)},
    "window" AS MATERIALIZED (
      SELECT m."article_id" FROM "matches" m
      WHERE (SELECT a."status" FROM "articles" a WHERE a."id" = m."article_id" AND a."deleted_at" IS NULL) IN (${status})
      ORDER BY m."article_id" DESC LIMIT ${window}),
    "candidates" AS (
      SELECT w."article_id" AS "id", ts_rank(${TS_WEIGHTS}::float4[], s."document", to_tsquery('english', ${toTsquery(query)}))::float8 AS "score"
      FROM "window" w JOIN "article_search" s ON s."article_id" = w."article_id")`;
}

/** PostgreSQL: `"matches" AS MATERIALIZED (…)`, the ids of every article whose document matches, from the GIN index. */
const articleMatches = (query: SearchQuery) => Prisma.sql`"matches" AS MATERIALIZED (
      SELECT "article_id" FROM "article_search" WHERE "document" @@ to_tsquery('english', ${toTsquery(query)}))`;

export interface RankedArticleRow {
  id: number | bigint;
  score: number;
}

/** One row per matching article with the given statuses, best first, after the keyset cursor. */
export function rankedArticlesSql(
  dialect: Provider,
  query: SearchQuery,
  statuses: string[],
  after: { score: number; id: number } | null,
  limit: number,
  window = RANK_WINDOW,
): Prisma.Sql {
  const keyset = after ? Prisma.sql`WHERE c."score" < ${after.score} OR (c."score" = ${after.score} AND c."id" > ${after.id})` : Prisma.empty;
  return Prisma.sql`${candidates(dialect, query, statuses, window)}
    SELECT c."id", c."score" FROM "candidates" c ${keyset}
    ORDER BY c."score" DESC, c."id" ASC LIMIT ${limit}`;
}

/**
 * The `q` filter of the article list: ids of the `limit` most recently added matching articles, any status (the list
 * filters, and keeps its own sort). Relevance does not choose them: the list does not show it, and scoring the
 * ranking window (bm25) cost 5–12 ms at 100,000 articles where reading the newest matches in index order costs
 * 0.3 ms, flat in the size of the store (docs/performance.md).
 */
export function matchingArticlesSql(dialect: Provider, query: SearchQuery, limit: number): Prisma.Sql {
  if (dialect === 'sqlite') {
    return Prisma.sql`SELECT "rowid" AS "id" FROM "article_search" WHERE "article_search" MATCH ${toFts5(query)}
      ORDER BY "rowid" DESC LIMIT ${limit}`;
  }
  // Fenced for the reason candidates() gives: unfenced, 24–75 ms at 100,000 articles against 0.3–15 ms.
  return Prisma.sql`WITH ${articleMatches(query)}
    SELECT "article_id" AS "id" FROM "matches" ORDER BY "article_id" DESC LIMIT ${limit}`;
}

export interface HitRow {
  article_id: number | bigint;
  kind: 'headline' | 'paragraph' | 'quote';
  source_id: number | bigint;
  score: number;
  snippet: string;
  body: string | null;
  paragraph_id: number | bigint | null;
  paragraph_position: number | bigint | null;
}

const anyTerm = (query: SearchQuery) => positiveTerms(query).map(tsqueryTerm).join(' | ');
/** Any term to look for, as an FTS5 expression: the rows that earn an article its snippets. */
export const anyTermFts5 = (query: SearchQuery) => positiveTerms(query).map(fts5Term).join(' OR ');
const weight = (kind: Prisma.Sql) => Prisma.sql`(CASE ${kind} WHEN 'headline' THEN ${Prisma.raw(HEADLINE_WEIGHT.toFixed(1))} ELSE 1.0 END)`;

/**
 * PostgreSQL: the best `perArticle` rows of each of the given articles in search_documents that match any term to
 * look for, with snippet and paragraph position (SQLite: page-hits.ts). ts_headline is the costly part: only for
 * the rows shown.
 */
export function hitsSql(query: SearchQuery, articleIds: number[], perArticle: number): Prisma.Sql {
  return Prisma.sql`
    WITH "m" AS MATERIALIZED (
      SELECT d."article_id", d."kind", d."source_id", d."body",
             ts_rank(d."document", q)::float8 * ${weight(Prisma.sql`d."kind"`)}::float8 AS "score"
      FROM "search_documents" d, to_tsquery('english', ${anyTerm(query)}) q
      WHERE d."document" @@ q AND d."article_id" IN (${Prisma.join(articleIds)}))
    SELECT h."article_id", h."kind", h."source_id", h."score", h."body",
           ts_headline('english', h."body", to_tsquery('english', ${anyTerm(query)}),
             ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=15, ShortWord=2`}) AS "snippet",
           COALESCE(p."id", qp."id") AS "paragraph_id", COALESCE(p."position", qp."position") AS "paragraph_position"
    FROM (
      SELECT m.*, row_number() OVER (PARTITION BY m."article_id" ORDER BY m."score" DESC, m."kind", m."source_id") AS "rn"
      FROM "m" m
    ) h
    LEFT JOIN "paragraphs" p ON h."kind" = 'paragraph' AND p."id" = h."source_id"
    LEFT JOIN "quotes" qu ON h."kind" = 'quote' AND qu."id" = h."source_id"
    LEFT JOIN "paragraphs" qp ON qp."id" = qu."paragraph_id"
    WHERE h."rn" <= ${perArticle}
    ORDER BY h."article_id", h."rn"`;
}

/**
 * The `q` filter of the quote list: ids of the best matching quotes, the query applied to each quote's words; the
 * RANK_WINDOW newest matching quotes are ranked, as for articles.
 */
export function matchingQuotesSql(dialect: Provider, query: SearchQuery, limit: number): Prisma.Sql {
  if (dialect === 'sqlite') {
    return Prisma.sql`
      WITH "m" AS MATERIALIZED (
        SELECT CAST("source_id" AS INTEGER) AS "id", bm25("search_documents") AS "score" FROM "search_documents"
        WHERE "search_documents" MATCH ${toFts5(query)} AND "kind" = 'quote'
        ORDER BY "rowid" DESC LIMIT ${RANK_WINDOW})
      SELECT "id" FROM "m" ORDER BY "score", "id" LIMIT ${limit}`;
  }
  // Fenced for the reason candidates() gives: unfenced, up to 670 ms at 100,000 articles against 0.3–34 ms.
  return Prisma.sql`
    WITH "matches" AS MATERIALIZED (
      SELECT d."source_id" FROM "search_documents" d
      WHERE d."document" @@ to_tsquery('english', ${toTsquery(query)}) AND d."kind" = 'quote'),
    "m" AS MATERIALIZED (SELECT "source_id" FROM "matches" ORDER BY "source_id" DESC LIMIT ${RANK_WINDOW})
    SELECT m."source_id" AS "id" FROM "m" m
    JOIN "search_documents" d ON d."kind" = 'quote' AND d."source_id" = m."source_id", to_tsquery('english', ${toTsquery(query)}) q
    ORDER BY ts_rank(d."document", q) DESC, m."source_id" LIMIT ${limit}`;
}
