import { z } from 'zod';
import { articleSummarySelect, ArticleSummary, toArticleSummary } from '../articles/article-view.ts';
import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { type CursorKey, decodeCursor, encodeCursor, page } from '../http/cursor.ts';
import { DateTime } from '../http/schemas.ts';

export const TrashedArticle = ArticleSummary.extend({
  deletedAt: DateTime,
  deletedBy: z.string().nullable().meta({ description: 'who put it in the trash' }),
  purgeAfter: DateTime.meta({ description: 'when the retention (TRASH_RETENTION_DAYS) empties it from the trash' }),
}).meta({ id: 'TrashedArticle' });
export type TrashedArticle = z.infer<typeof TrashedArticle>;

/** The trash, most recently trashed first (keyset on deleted_at, id; the deleted_at index serves it). */
export async function listTrash(db: Db, input: { cursor?: string; limit: number; retentionDays: number }): Promise<{ data: TrashedArticle[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor, 'trash') : null;
  const rows = await db.article.findMany({
    where: { deletedAt: { not: null }, ...(after ? keysetAfter(after) : {}) },
    orderBy: [{ deletedAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    select: { ...articleSummarySelect, deletedAt: true, deletedBy: true },
  });
  const result = page(rows, input.limit, (last) => encodeCursor('trash', last.deletedAt!.toISOString(), last.id));
  return {
    data: result.data.map(({ deletedAt, deletedBy, ...a }) => ({
      ...toArticleSummary(a),
      deletedAt: deletedAt!.toISOString(),
      deletedBy,
      purgeAfter: new Date(deletedAt!.getTime() + input.retentionDays * 86_400_000).toISOString(),
    })),
    nextCursor: result.nextCursor,
  };
}

/** Rows after (deleted_at, id) in descending order; a forged cursor (no time in it) gives an empty page. */
function keysetAfter(after: { key: CursorKey; id: number }): Prisma.ArticleWhereInput {
  const at = new Date(String(after.key));
  if (after.key === null || Number.isNaN(at.getTime())) return { id: -1 };
  return { OR: [{ deletedAt: { lt: at } }, { deletedAt: at, id: { lt: after.id } }] };
}
