import type { Db } from '../db/client.ts';
import { inDateDomain } from '../dates.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { type CursorKey, decodeCursor, encodeCursor, page } from '../http/cursor.ts';
import { matchingIds } from '../search/search-articles.ts';
import { type ArticleSummary, articleSummarySelect, toArticleSummary } from './article-view.ts';

export const ARTICLE_SORTS = ['-published', 'published', '-updated', 'updated', 'headline', '-headline'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

type SortField = 'publishedAt' | 'updatedAt' | 'headline';
const SORTS: Record<ArticleSort, { field: SortField; dir: 'asc' | 'desc'; nullable: boolean }> = {
  '-published': { field: 'publishedAt', dir: 'desc', nullable: true },
  published: { field: 'publishedAt', dir: 'asc', nullable: true },
  '-updated': { field: 'updatedAt', dir: 'desc', nullable: false },
  updated: { field: 'updatedAt', dir: 'asc', nullable: false },
  headline: { field: 'headline', dir: 'asc', nullable: false },
  '-headline': { field: 'headline', dir: 'desc', nullable: false },
};

export interface ListArticlesInput {
  status?: 'draft' | 'published' | 'archived' | 'stub' | 'scheduled';
  person?: number;
  q?: string;
  publishedFrom?: Date;
  publishedTo?: Date;
  sort: ArticleSort;
  cursor?: string;
  limit: number;
}

export async function listArticles(db: Db, input: ListArticlesInput): Promise<{ data: ArticleSummary[]; nextCursor: string | null }> {
  const sort = SORTS[input.sort];
  // Parsed before any other work, so a query the search syntax cannot read is a 400 whatever else is wrong.
  const textMatch = input.q ? await textFilter(db, input.q) : null;
  const after = input.cursor ? decodeCursor(input.cursor, input.sort) : null;
  const filters: Prisma.ArticleWhereInput[] = [
    // Stubs are placeholders for related links: listed only when asked for.
    { status: input.status ?? { not: 'stub' } },
    // Articles in the trash are listed by GET /api/trash only.
    { deletedAt: null },
    ...(input.person ? [{ people: { some: { personId: input.person } } }] : []),
    ...(input.publishedFrom ? [{ publishedAt: { gte: input.publishedFrom } }] : []),
    ...(input.publishedTo ? [{ publishedAt: { lte: input.publishedTo } }] : []),
    ...(textMatch ? [textMatch] : []),
  ];
  const take = input.limit + 1;
  const idAfter = (id: number) => ({ id: { [sort.dir === 'desc' ? 'lt' : 'gt']: id } });
  const findOrdered = (where: Prisma.ArticleWhereInput[], byField: boolean, n: number) =>
    db.article.findMany({
      where: { AND: [...filters, ...where] },
      orderBy: byField ? [{ [sort.field]: sort.dir }, { id: sort.dir }] : [{ id: sort.dir }],
      take: n,
      select: articleSummarySelect,
    });

  let rows: Awaited<ReturnType<typeof findOrdered>>;
  if (!sort.nullable) {
    rows = await findOrdered(after ? [keysetAfter(sort.field, sort.dir, after)] : [], true, take);
  } else {
    // Rows without the key (undated articles) come last in either direction. Rather than ORDER BY … NULLS LAST,
    // which no plain index serves on PostgreSQL (DESC) or SQLite (ASC), read the keyed rows in index order and
    // then the unkeyed ones by id: two index scans, and page 1,000 costs what page 1 costs.
    rows = [];
    if (after?.key !== null) {
      rows = await findOrdered([{ [sort.field]: { not: null } }, ...(after ? [keysetAfter(sort.field, sort.dir, after)] : [])], true, take);
    }
    if (rows.length < take) {
      const unkeyed = [{ [sort.field]: null }, ...(after?.key === null ? [idAfter(after.id)] : [])];
      rows.push(...(await findOrdered(unkeyed, false, take - rows.length)));
    }
  }
  const result = page(rows, input.limit, (last) => encodeCursor(input.sort, keyOf(last[sort.field]), last.id));
  return { data: result.data.map(toArticleSummary), nextCursor: result.nextCursor };
}

/**
 * The `q` filter: full-text search (src/search/, same syntax as /api/search) over headlines, paragraphs and quotes.
 * The list keeps its own sort; `q` only narrows it, to the TEXT_FILTER_LIMIT most recently added matches — enough
 * for browsing, and a bounded id list for the query. GET /api/search pages through its ranked matches.
 */
// An `id IN (…)` list is one bound parameter per id, and Prisma refuses more than 999 on SQLite: the 1,000 of an
// earlier version failed every q matching that many articles (seen at 100,000 articles; test/search/search-api.test.ts).
export const TEXT_FILTER_LIMIT = 500;

async function textFilter(db: Db, q: string): Promise<Prisma.ArticleWhereInput> {
  return { id: { in: await matchingIds(db, q, 'article', TEXT_FILTER_LIMIT) } };
}

function keyOf(value: Date | string | null): CursorKey {
  return value instanceof Date ? value.toISOString() : value;
}

/** Rows strictly after (key, id) in the order (field dir, id dir), for a key that is not null. */
function keysetAfter(field: SortField, dir: 'asc' | 'desc', after: { key: CursorKey; id: number }): Prisma.ArticleWhereInput {
  const cmp = dir === 'desc' ? 'lt' : 'gt';
  if (after.key === null) return { id: -1 }; // a forged cursor: a null key on a sort that has none
  const key = field === 'headline' ? String(after.key) : new Date(String(after.key));
  if (key instanceof Date && !inDateDomain(key.getTime())) return { id: -1 }; // a forged cursor: empty page
  return { OR: [{ [field]: { [cmp]: key } }, { [field]: key, id: { [cmp]: after.id } }] };
}
