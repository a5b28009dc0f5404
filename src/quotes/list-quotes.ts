import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { decodeCursor, encodeCursor, page } from '../http/cursor.ts';
import { type Quote, quoteSelect, toQuote } from './quote-view.ts';

export interface ListQuotesInput {
  speaker?: number;
  article?: number;
  kind?: 'direct' | 'partial' | 'scare';
  publishedOnly: boolean;
  cursor?: string;
  limit: number;
}

/** Quotes in id order (keyset on id), filtered; each with its speaker and paragraph position, in one query batch. */
export async function listQuotes(db: Db, input: ListQuotesInput): Promise<{ data: Quote[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor, 'id') : null;
  const where: Prisma.QuoteWhereInput = {
    ...(input.speaker ? { speakerId: input.speaker } : {}),
    ...(input.article ? { articleId: input.article } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.publishedOnly ? { article: { status: 'published' } } : {}),
    ...(after ? { id: { gt: after.id } } : {}),
  };
  const rows = await db.quote.findMany({ where, orderBy: { id: 'asc' }, take: input.limit + 1, select: quoteSelect });
  const result = page(rows, input.limit, (last) => encodeCursor('id', null, last.id));
  return { data: result.data.map(toQuote), nextCursor: result.nextCursor };
}
