import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { TEXT_FILTER_LIMIT } from '../articles/list-articles.ts';
import { decodeCursor, encodeCursor, page } from '../http/cursor.ts';
import { matchingIds } from '../search/search-articles.ts';
import { type Quote, quoteSelect, toQuote } from './quote-view.ts';

export interface ListQuotesInput {
  speaker?: number;
  article?: number;
  kind?: 'direct' | 'partial' | 'scare';
  /** full-text search in the quote's words (src/search/ syntax) */
  q?: string;
  publishedOnly: boolean;
  cursor?: string;
  limit: number;
}

/** Quotes in id order (keyset on id), filtered; each with its speaker and paragraph position, in one query batch. */
export async function listQuotes(db: Db, input: ListQuotesInput): Promise<{ data: Quote[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor, 'id') : null;
  // Narrows to the best TEXT_FILTER_LIMIT matches (a bounded id list, as the articles' q); the list keeps its id order.
  const matching = input.q ? await matchingIds(db, input.q, 'quote', TEXT_FILTER_LIMIT) : null;
  const where: Prisma.QuoteWhereInput = {
    ...(matching ? { id: { in: matching } } : {}),
    ...(input.speaker ? { speakerId: input.speaker } : {}),
    ...(input.article ? { articleId: input.article } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    // Quotes in articles in the trash are gone with them.
    article: { deletedAt: null, ...(input.publishedOnly ? { status: 'published' as const } : {}) },
    ...(after ? { AND: [{ id: { gt: after.id } }] } : {}),
  };
  const rows = await db.quote.findMany({ where, orderBy: { id: 'asc' }, take: input.limit + 1, select: quoteSelect });
  const result = page(rows, input.limit, (last) => encodeCursor('id', null, last.id));
  return { data: result.data.map(toQuote), nextCursor: result.nextCursor };
}
