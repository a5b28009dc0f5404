import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { type CursorKey, decodeCursor, encodeCursor, page } from '../http/cursor.ts';
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
  status?: 'draft' | 'published' | 'archived' | 'stub';
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
  const after = input.cursor ? decodeCursor(input.cursor, input.sort) : null;
  const where: Prisma.ArticleWhereInput = {
    // Stubs are placeholders for related links: listed only when asked for.
    status: input.status ?? { not: 'stub' },
    ...(input.person ? { people: { some: { personId: input.person } } } : {}),
    ...(input.publishedFrom || input.publishedTo
      ? { publishedAt: { ...(input.publishedFrom ? { gte: input.publishedFrom } : {}), ...(input.publishedTo ? { lte: input.publishedTo } : {}) } }
      : {}),
    ...(input.q ? textFilter(input.q) : {}),
    ...(after ? { AND: [keysetAfter(sort.field, sort.dir, sort.nullable, after)] } : {}),
  };
  // NULLS LAST is spelled out: SQLite and PostgreSQL disagree on where NULL sorts by default.
  const orderBy: Prisma.ArticleOrderByWithRelationInput[] = [
    { [sort.field]: sort.nullable ? { sort: sort.dir, nulls: 'last' } : sort.dir },
    { id: sort.dir },
  ];
  const rows = await db.article.findMany({ where, orderBy, take: input.limit + 1, select: articleSummarySelect });
  const result = page(rows, input.limit, (last) => encodeCursor(input.sort, keyOf(last[sort.field]), last.id));
  return { data: result.data.map(toArticleSummary), nextCursor: result.nextCursor };
}

/**
 * The `q` filter: a plain substring match on headline and paragraphs until full-text search (issue 5) replaces
 * this one function with FTS5 / tsvector. Case-sensitivity follows the database (LIKE on SQLite is ASCII-insensitive).
 */
function textFilter(q: string): Prisma.ArticleWhereInput {
  return { OR: [{ headline: { contains: q } }, { paragraphs: { some: { text: { contains: q } } } }] };
}

function keyOf(value: Date | string | null): CursorKey {
  return value instanceof Date ? value.toISOString() : value;
}

/** Rows strictly after (key, id) in the order (field dir NULLS LAST, id dir). */
function keysetAfter(field: SortField, dir: 'asc' | 'desc', nullable: boolean, after: { key: CursorKey; id: number }): Prisma.ArticleWhereInput {
  const cmp = dir === 'desc' ? 'lt' : 'gt';
  const idAfter = { id: { [cmp]: after.id } };
  if (after.key === null) return nullable ? { [field]: null, ...idAfter } : idAfter;
  const key = field === 'headline' ? String(after.key) : new Date(String(after.key));
  if (key instanceof Date && Number.isNaN(key.getTime())) return { id: -1 }; // a forged cursor: empty page
  return {
    OR: [{ [field]: { [cmp]: key } }, { [field]: key, ...idAfter }, ...(nullable ? [{ [field]: null }] : [])],
  };
}
