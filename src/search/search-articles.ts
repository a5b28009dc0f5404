import { z } from 'zod';
import { ArticleSummary, articleSummarySelect, toArticleSummary } from '../articles/article-view.ts';
import type { Db, Tx } from '../db/client.ts';
import { dialectOf } from '../db/dialect.ts';
import { catchUpArticleSearch } from '../db/search-index.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { Prisma } from '../generated/sqlite/client.ts';
import { type SearchQuery, parseSearchQuery, tsqueryTerm } from './search-query.ts';
import { pageHits } from './page-hits.ts';
import { type HitRow, MARK_END, MARK_START, type RankedArticleRow, matchingArticlesSql, matchingQuotesSql, rankedArticlesSql } from './search-sql.ts';

export const SearchMatch = z
  .object({
    kind: z.enum(['headline', 'paragraph', 'quote']),
    paragraph: z.number().int().nullable().meta({ description: 'position of the paragraph (of the quote’s first paragraph); null for the headline' }),
    paragraphId: z.number().int().nullable(),
    quoteId: z.number().int().nullable(),
    snippet: z.string().meta({ description: 'plain text around the match; … where it was cut' }),
    highlights: z
      .array(z.object({ start: z.number().int(), end: z.number().int() }))
      .meta({ description: 'the matched words, as UTF-16 offsets into snippet (end exclusive): mark them up as you like' }),
  })
  .meta({ id: 'SearchMatch' });
export type SearchMatch = z.infer<typeof SearchMatch>;

export const SearchResult = z
  .object({
    article: ArticleSummary,
    score: z.number().meta({ description: 'relevance, higher is better; comparable within one search only' }),
    matches: z.array(SearchMatch).meta({ description: 'the best matching headline, paragraphs and quotes (at most 3)' }),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResult>;

export interface SearchArticlesInput {
  q: string;
  /** the article statuses the caller may see */
  statuses: string[];
  limit: number;
  cursor?: string;
}

const MATCHES_PER_ARTICLE = 3;
const CURSOR_SORT = 'rank';

/** Ranked full-text search: a page of articles, best first, each with its best matches as snippets. */
export async function searchArticles(db: Db, input: SearchArticlesInput): Promise<{ data: SearchResult[]; nextCursor: string | null }> {
  const dialect = dialectOf(db);
  const query = await withoutStopWords(db, parseSearchQuery(input.q));
  if (query.length === 0) return { data: [], nextCursor: null };
  await catchUpArticleSearch(db);
  const after = input.cursor ? decodeCursor(input.cursor, CURSOR_SORT) : null;
  if (after && typeof after.key !== 'number') return { data: [], nextCursor: null }; // a forged cursor: empty page
  const ranked = await db.$queryRaw<RankedArticleRow[]>(
    rankedArticlesSql(dialect, query, input.statuses, after ? { score: after.key as number, id: after.id } : null, input.limit + 1),
  );
  const pageRows = ranked.slice(0, input.limit).map((r) => ({ id: Number(r.id), score: Number(r.score) }));
  const last = pageRows[pageRows.length - 1];
  const nextCursor = ranked.length > input.limit && last ? encodeCursor(CURSOR_SORT, last.score, last.id) : null;
  if (pageRows.length === 0) return { data: [], nextCursor };

  const ids = pageRows.map((r) => r.id);
  const [articles, hits] = await Promise.all([
    db.article.findMany({ where: { id: { in: ids } }, select: articleSummarySelect }),
    pageHits(db, query, ids, MATCHES_PER_ARTICLE),
  ]);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const matchesOf = new Map<number, SearchMatch[]>();
  for (const hit of hits) {
    const list = matchesOf.get(Number(hit.article_id)) ?? [];
    list.push(toMatch(hit));
    matchesOf.set(Number(hit.article_id), list);
  }
  const data = pageRows.flatMap((r) => {
    const article = byId.get(r.id);
    // Deleted between the two reads: leave it out rather than fail the page.
    return article ? [{ article: toArticleSummary(article), score: r.score, matches: matchesOf.get(r.id) ?? [] }] : [];
  });
  return { data, nextCursor };
}

function toMatch(hit: HitRow): SearchMatch {
  const kind = hit.kind;
  const sourceId = Number(hit.source_id);
  return {
    kind,
    paragraph: hit.paragraph_position === null ? null : Number(hit.paragraph_position),
    paragraphId: hit.paragraph_id === null ? null : Number(hit.paragraph_id),
    quoteId: kind === 'quote' ? sourceId : null,
    ...toSnippet(hit.snippet, hit.body),
  };
}

/**
 * The database's snippet with its private-use marks turned into offsets (adjacent marked words merged). PostgreSQL's ts_headline returns a bare
 * fragment: the ellipses SQLite puts where it cut the text are added here, so both read alike.
 */
export function toSnippet(marked: string, body: string | null): { snippet: string; highlights: { start: number; end: number }[] } {
  let snippet = '';
  const highlights: { start: number; end: number }[] = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === MARK_START) open = snippet.length;
    else if (ch === MARK_END) {
      const prev = highlights[highlights.length - 1];
      // PostgreSQL marks each word of a phrase, SQLite the phrase: words apart by spaces only become one span.
      if (prev && open >= 0 && /^\s*$/u.test(snippet.slice(prev.end, open))) prev.end = snippet.length;
      else if (open >= 0 && snippet.length > open) highlights.push({ start: open, end: snippet.length });
      open = -1;
    } else snippet += ch;
  }
  if (body !== null && snippet !== body) {
    const at = body.indexOf(snippet);
    if (at > 0) {
      snippet = `…${snippet}`;
      for (const h of highlights) (h.start++, h.end++);
    }
    if (at >= 0 && at + snippet.replace(/^…/, '').length < body.length) snippet = `${snippet}…`;
  }
  return { snippet, highlights };
}

/**
 * PostgreSQL drops stop words ("of", "the"): a term made only of them is an empty tsquery that matches no row, so
 * "paragraph of article" would find nothing when its terms are matched one by one. Such terms are left out (as
 * to_tsquery leaves them out of a whole expression); a group left with nothing to look for matches nothing. SQLite
 * has no stop words: the query is returned as it is.
 */
async function withoutStopWords(db: Db | Tx, query: SearchQuery): Promise<SearchQuery> {
  if (dialectOf(db) !== 'postgresql') return query;
  const terms = query.flat();
  const [row] = await db.$queryRaw<Record<string, number>[]>(
    Prisma.sql`SELECT ${Prisma.join(terms.map((t, i) => Prisma.sql`numnode(to_tsquery('english', ${tsqueryTerm(t)}))::int AS ${Prisma.raw(`"n${i}"`)}`))}`,
  );
  const empty = new Set(terms.filter((_, i) => Number(row![`n${i}`]) === 0));
  return query.map((group) => group.filter((t) => !empty.has(t))).filter((group) => group.some((t) => !t.negated));
}

/** The list endpoints' `q` filter: ids of the best matching articles (or quotes), at most `limit`, best first. */
export async function matchingIds(db: Db | Tx, q: string, kind: 'article' | 'quote', limit: number): Promise<number[]> {
  const dialect = dialectOf(db);
  const parsed = parseSearchQuery(q);
  if (kind === 'quote') {
    const rows = await db.$queryRaw<{ id: number | bigint }[]>(matchingQuotesSql(dialect, parsed, limit));
    return rows.map((r) => Number(r.id));
  }
  const query = await withoutStopWords(db, parsed);
  if (query.length === 0) return [];
  await catchUpArticleSearch(db);
  const sql = matchingArticlesSql(dialect, query, limit);
  const rows = await db.$queryRaw<{ id: number | bigint }[]>(sql);
  return rows.map((r) => Number(r.id));
}
