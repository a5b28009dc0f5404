import { type ArticleDetail, loadArticleDetail } from '../articles/get-article.ts';
import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';

export interface ExportFilter {
  /** only these articles (ids, slugs); either picks them whatever their status unless `status` is given too */
  ids?: number[];
  slugs?: string[];
  /** default: every status but stubs (placeholders with no body; the related blocks recreate them) */
  status?: 'draft' | 'published' | 'archived' | 'stub' | 'scheduled';
  /** changed at or after */
  since?: Date;
  /** changed at or before */
  until?: Date;
  publishedFrom?: Date;
  publishedTo?: Date;
  /** at most this many articles, the first by id */
  limit?: number;
}

const picked = (filter: ExportFilter) => Boolean(filter.ids?.length || filter.slugs?.length);

export function exportWhere(filter: ExportFilter): Prisma.ArticleWhereInput {
  return {
    ...(filter.status ? { status: filter.status } : picked(filter) ? {} : { status: { not: 'stub' } }),
    ...(picked(filter) ? { OR: [...(filter.ids?.length ? [{ id: { in: filter.ids } }] : []), ...(filter.slugs?.length ? [{ slug: { in: filter.slugs } }] : [])] } : {}),
    // Articles in the trash are not exported (until restored).
    deletedAt: null,
    ...(filter.since || filter.until
      ? { updatedAt: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lte: filter.until } : {}) } }
      : {}),
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
  let left = filter.limit ?? Infinity;
  for (;;) {
    const take = Math.min(batchSize, left);
    if (take <= 0) return;
    const batch = await db.article.findMany({ where: { AND: [where, { id: { gt: after } }] }, orderBy: { id: 'asc' }, take, select: { id: true } });
    left -= batch.length;
    for (const { id } of batch) {
      try {
        yield await loadArticleDetail(db, id);
      } catch (e) {
        // Deleted since the batch was read: an export is a snapshot of what is still there.
        if ((e as { code?: string }).code !== 'not_found') throw e;
      }
    }
    if (batch.length < take) return;
    after = batch[batch.length - 1]!.id;
  }
}

/**
 * Ids and slugs asked for by name that name no article to export (none such, in the trash, or not of `status`): an
 * explicit pick that finds nothing is more likely a typo than a wish for an empty file. (The date filters may still
 * leave a picked article out: that is what they are for.)
 */
export async function missingPicks(db: Db, filter: ExportFilter): Promise<{ option: 'id' | 'slug'; value: string }[]> {
  if (!picked(filter)) return [];
  const found = await db.article.findMany({ where: exportWhere({ ids: filter.ids, slugs: filter.slugs, status: filter.status }), select: { id: true, slug: true } });
  const ids = new Set(found.map((a) => a.id));
  const slugs = new Set(found.map((a) => a.slug));
  return [
    ...(filter.ids ?? []).filter((id) => !ids.has(id)).map((id) => ({ option: 'id' as const, value: String(id) })),
    ...(filter.slugs ?? []).filter((s) => !slugs.has(s)).map((s) => ({ option: 'slug' as const, value: s })),
  ];
}
