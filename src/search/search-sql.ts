import type { Provider } from '../config/database-url.ts';
import { Prisma } from '../generated/sqlite/client.ts';
import { type SearchQuery, type SearchTerm, fts5Term, positiveTerms, toFts5, toTsquery, tsqueryTerm } from './search-query.ts';

/**
 * The search SQL, once per dialect. Both read `search_documents` (one row per headline, paragraph and quote; see
 * the full_text_search migrations): SQLite through FTS5 (MATCH, bm25, snippet), PostgreSQL through a tsvector with
 * a GIN index (@@, ts_rank, ts_headline).
 *
 * An article matches when its rows together satisfy the query — "putin taiwan" finds an article with Putin in one
 * paragraph and Taiwan in another, and -taiwan leaves out an article with Taiwan anywhere — so each term is
 * matched on its own and the article sets are combined (INTERSECT, EXCEPT, UNION). The article's score is the sum
 * of the scores of its rows that match any term it looks for, a headline row counting HEADLINE_WEIGHT times;
 * higher is better on both databases. Those rows also give the snippets.
 */
export const HEADLINE_WEIGHT = 3;

/** Private-use characters mark the matched words inside snippets; toSnippet() turns them into offsets. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

const weight = (kind: Prisma.Sql) => Prisma.sql`(CASE ${kind} WHEN 'headline' THEN ${Prisma.raw(HEADLINE_WEIGHT.toFixed(1))} ELSE 1.0 END)`;

/** Ids of the articles with a row matching one term (its negation aside). */
function termArticles(dialect: Provider, term: SearchTerm): Prisma.Sql {
  return dialect === 'sqlite'
    ? Prisma.sql`SELECT CAST("article_id" AS INTEGER) AS "article_id" FROM "search_documents" WHERE "search_documents" MATCH ${fts5Term(term)}`
    : Prisma.sql`SELECT "article_id" FROM "search_documents" WHERE "document" @@ to_tsquery('english', ${tsqueryTerm(term)})`;
}

/** The articles that satisfy the query: per OR-group, the intersection of its terms minus its exclusions. */
function qualifyingArticles(dialect: Provider, query: SearchQuery): Prisma.Sql {
  const groups = query.map((group, i) => {
    const positive = group.filter((t) => !t.negated).map((t) => termArticles(dialect, t));
    const negative = group.filter((t) => t.negated).map((t) => termArticles(dialect, t));
    // SQLite evaluates compound operators left to right, PostgreSQL binds INTERSECT tighter: this order means the
    // same on both. Each group is a FROM subquery because SQLite allows no parentheses around compound SELECTs.
    const compound = Prisma.join([Prisma.join(positive, ' INTERSECT '), ...negative], ' EXCEPT ');
    return Prisma.sql`SELECT "article_id" FROM (${compound}) ${Prisma.raw(`"g${i}"`)}`;
  });
  return Prisma.join(groups, ' UNION ');
}

/**
 * `WITH "qualifying" AS (…), "m" AS MATERIALIZED (…)`: m holds the scored rows of qualifying articles that match a
 * term to look for (+ snippet on SQLite, body on PostgreSQL), optionally restricted further by `where`.
 * MATERIALIZED because SQLite refuses bm25()/snippet() once its flattener has merged the full-text query into the
 * aggregate or window query around it.
 */
function scoredMatches(dialect: Provider, query: SearchQuery, where: Prisma.Sql, withSnippet: boolean): Prisma.Sql {
  const terms = positiveTerms(query);
  const qualifying = Prisma.sql`"qualifying" AS (${qualifyingArticles(dialect, query)})`;
  if (dialect === 'sqlite') {
    const snippet = withSnippet
      ? Prisma.sql`, snippet("search_documents", 0, ${MARK_START}, ${MARK_END}, '…', 24) AS "snippet"`
      : Prisma.empty;
    return Prisma.sql`WITH ${qualifying}, "m" AS MATERIALIZED (
      SELECT CAST("article_id" AS INTEGER) AS "article_id", "kind", CAST("source_id" AS INTEGER) AS "source_id",
             -bm25("search_documents") * ${weight(Prisma.sql`"kind"`)} AS "score"${snippet}
      FROM "search_documents"
      WHERE "search_documents" MATCH ${terms.map(fts5Term).join(' OR ')}
        AND "article_id" IN (SELECT "article_id" FROM "qualifying") ${where})`;
  }
  return Prisma.sql`WITH ${qualifying}, "m" AS MATERIALIZED (
    SELECT d."article_id", d."kind", d."source_id", d."body",
           ts_rank(d."document", q)::float8 * ${weight(Prisma.sql`d."kind"`)}::float8 AS "score"
    FROM "search_documents" d, to_tsquery('english', ${anyTerm(query)}) q
    WHERE d."document" @@ q AND d."article_id" IN (SELECT "article_id" FROM "qualifying") ${where})`;
}

const anyTerm = (query: SearchQuery) => positiveTerms(query).map(tsqueryTerm).join(' | ');

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
): Prisma.Sql {
  const keyset = after
    ? Prisma.sql`AND (s."score" < ${after.score} OR (s."score" = ${after.score} AND s."article_id" > ${after.id}))`
    : Prisma.empty;
  return Prisma.sql`
    ${scoredMatches(dialect, query, Prisma.empty, false)}
    SELECT s."article_id" AS "id", s."score" AS "score"
    FROM (SELECT m."article_id", sum(m."score") AS "score" FROM "m" m GROUP BY m."article_id") s
    JOIN "articles" a ON a."id" = s."article_id"
    WHERE CAST(a."status" AS TEXT) IN (${Prisma.join(statuses)}) ${keyset}
    ORDER BY s."score" DESC, s."article_id" ASC
    LIMIT ${limit}`;
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

/** The best `perArticle` matching rows of each of the given articles, with snippet and paragraph position. */
export function hitsSql(dialect: Provider, query: SearchQuery, articleIds: number[], perArticle: number): Prisma.Sql {
  const column = dialect === 'sqlite' ? Prisma.sql`"article_id"` : Prisma.sql`d."article_id"`;
  const scored = scoredMatches(dialect, query, Prisma.sql`AND ${column} IN (${Prisma.join(articleIds)})`, dialect === 'sqlite');
  // ts_headline is the costly part of a PostgreSQL search: only for the rows shown.
  const snippet =
    dialect === 'sqlite'
      ? Prisma.sql`h."snippet", NULL AS "body"`
      : Prisma.sql`ts_headline('english', h."body", to_tsquery('english', ${anyTerm(query)}),
          ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=15, ShortWord=2`}) AS "snippet", h."body"`;
  return Prisma.sql`
    ${scored}
    SELECT h."article_id", h."kind", h."source_id", h."score", ${snippet},
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

/** The `q` filter of the article list: ids of the best matching articles, any status (the list filters). */
export function matchingArticlesSql(dialect: Provider, query: SearchQuery, limit: number): Prisma.Sql {
  return Prisma.sql`
    ${scoredMatches(dialect, query, Prisma.empty, false)}
    SELECT m."article_id" AS "id", sum(m."score") AS "score" FROM "m" m
    GROUP BY m."article_id" ORDER BY sum(m."score") DESC, m."article_id" LIMIT ${limit}`;
}

/** The `q` filter of the quote list: ids of the best matching quotes, the query applied to each quote's words. */
export function matchingQuotesSql(dialect: Provider, query: SearchQuery, limit: number): Prisma.Sql {
  if (dialect === 'sqlite') {
    return Prisma.sql`
      WITH "m" AS MATERIALIZED (
        SELECT CAST("source_id" AS INTEGER) AS "id", bm25("search_documents") AS "score" FROM "search_documents"
        WHERE "search_documents" MATCH ${toFts5(query)} AND "kind" = 'quote')
      SELECT "id" FROM "m" ORDER BY "score", "id" LIMIT ${limit}`;
  }
  return Prisma.sql`
    SELECT d."source_id" AS "id" FROM "search_documents" d, to_tsquery('english', ${toTsquery(query)}) q
    WHERE d."document" @@ q AND d."kind" = 'quote'
    ORDER BY ts_rank(d."document", q) DESC, d."source_id" LIMIT ${limit}`;
}
