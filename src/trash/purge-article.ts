import { touchArticleVersion } from '../articles/article-version.ts';
import { loadArticleDetail } from '../articles/get-article.ts';
import type { Db } from '../db/client.ts';
import { transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';

/**
 * Empties an article from the trash: now it is deleted. Its paragraphs, quotes and links go with it (cascades);
 * articles that listed it as related lose that link, which is a change to them too, so their versions move and their
 * history says why. Only what is in the trash can be purged: a live article goes to the trash first.
 */
export async function purgeArticle(db: Db, id: number, actor: Actor): Promise<void> {
  await transaction(db, async (tx) => {
    const row = await tx.article.findUnique({ where: { id }, select: { deletedAt: true } });
    if (!row?.deletedAt) {
      throw new AppError('not_found', row ? `Article ${id} is not in the trash (DELETE /api/articles/${id} puts it there)` : `No article with id ${id} in the trash`);
    }
    // The whole article as it was — paragraphs, quotes, people, related — so the purge can be read in its history.
    const snapshot = await loadArticleDetail(tx, id);
    const linking = await tx.relatedArticle.findMany({ where: { relatedId: id }, select: { articleId: true } });
    // Conditional on still being in the trash: a restore that got in first wins.
    const { count } = await tx.article.deleteMany({ where: { id, deletedAt: { not: null } } });
    if (count !== 1) throw new AppError('conflict', `Article ${id} left the trash while it was being emptied`);
    for (const { articleId } of linking) {
      const version = await touchArticleVersion(tx, articleId);
      await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'related.remove', actor, version, before: { relatedId: id }, after: null });
    }
    await recordRevision(tx, { entityType: 'article', entityId: id, action: 'article.purge', actor, before: snapshot });
  });
}

/** Who empties the trash when an article has been in it longer than the retention (TRASH_RETENTION_DAYS). */
export const RETENTION_ACTOR: Actor = { name: 'trash-retention', tokenId: null };

/**
 * Purges every article that went to the trash more than `retentionDays` before `now`, each in its own transaction
 * (one that fails, say a restore got in first, leaves the others to go). Returns the ids purged.
 *
 * The server calls this on a timer (src/trash/trash-retention.ts). With two server processes on one database both
 * may try the same article: one purges it, the other finds it gone and moves on. A scheduler with a database lease
 * can take over the calling without any change here.
 */
export async function purgeExpiredTrash(db: Db, now: Date, retentionDays: number): Promise<number[]> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const expired = await db.article.findMany({ where: { deletedAt: { lt: cutoff } }, orderBy: { deletedAt: 'asc' }, select: { id: true } });
  const purged: number[] = [];
  for (const { id } of expired) {
    try {
      await purgeArticle(db, id, RETENTION_ACTOR);
      purged.push(id);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'not_found' && e.code !== 'conflict')) throw e;
    }
  }
  return purged;
}
