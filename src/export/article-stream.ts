import { type ArticleDetail, loadArticleDetail } from '../articles/get-article.ts';
import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';

export interface ExportFilter {
  /** default: every status but stubs (placeholders with no body; the related blocks recreate them) */
  status?: 'draft' | 'published' | 'archived' | 'stub' | 'scheduled';
  /** changed at or after */
  since?: Date;
  publishedFrom?: Date;
  publishedTo?: Date;
}

export function exportWhere(filter: ExportFilter): Prisma.ArticleWhereInput {
  return {
    status: filter.status ?? { not: 'stub' },
    // Articles in the trash are not exported (until restored).
    deletedAt: null,
    ...(filter.since ? { updatedAt: { gte: filter.since } } : {}),
    ...(filter.publishedFrom || filter.publishedTo
      ? { publishedAt: { ...(filter.publishedFrom ? { gte: filter.publishedFrom } : {}), ...(filter.publishedTo ? { lte: filter.publishedTo } : {}) } }
      : {}),
  };
}

/**
 * Every matching article, in id order, in keyset batches of `batchSize` ids: memory holds one batch of ids and one
 * article at a time, whatever the size of the store, and no OFFSET grows with it.
 */
export async function* streamArticles(db: Db, filter: ExportFilter, batchSize = 200): AsyncGenerator<ArticleDetail> {
  const where = exportWhere(filter);
  let after = 0;
  for (;;) {
    const batch = await db.article.findMany({ where: { AND: [where, { id: { gt: after } }] }, orderBy: { id: 'asc' }, take: batchSize, select: { id: true } });
    for (const { id } of batch) {
      try {
        yield await loadArticleDetail(db, id);
      } catch (e) {
        // Deleted since the batch was read: an export is a snapshot of what is still there.
        if ((e as { code?: string }).code !== 'not_found') throw e;
      }
    }
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!.id;
  }
}
