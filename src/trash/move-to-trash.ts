import { bumpArticleVersion, touchArticlesShowing } from '../articles/article-version.ts';
import type { Db } from '../db/client.ts';
import { transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';

/**
 * DELETE /api/articles/:id (admins): the article goes to the trash, whole. Nothing is deleted: its paragraphs,
 * quotes, people and related links stay as they are, so a restore brings it back exactly; it is hidden from lists,
 * search, reads, exports and the analysts' views meanwhile (articles.deleted_at). Links to it from other articles
 * stay too, marked `trashed`: those articles look different, so their versions move (touchArticlesShowing).
 */
export async function moveToTrash(db: Db, id: number, expected: number, actor: Actor, now = new Date()): Promise<{ version: number }> {
  return transaction(db, async (tx) => {
    const version = await bumpArticleVersion(tx, id, expected); // 404 for an unknown id or one already in the trash
    await tx.article.update({ where: { id }, data: { deletedAt: now, deletedBy: actor.name }, select: { id: true } });
    await touchArticlesShowing(tx, { articleId: id });
    const after = { deletedAt: now.toISOString(), deletedBy: actor.name };
    await recordRevision(tx, { entityType: 'article', entityId: id, action: 'article.delete', actor, version, before: { deletedAt: null }, after, snapshot: 'unchanged' });
    return { version };
  });
}

/** POST /api/articles/:id/restore: out of the trash, with everything it had, as a new version. */
export async function restoreFromTrash(db: Db, id: number, actor: Actor): Promise<{ version: number }> {
  return transaction(db, async (tx) => {
    const row = await tx.article.findUnique({ where: { id }, select: { deletedAt: true, deletedBy: true } });
    if (!row) throw new AppError('not_found', `No article with id ${id}`);
    if (!row.deletedAt) throw new AppError('conflict', `Article ${id} is not in the trash`);
    // Conditional, so of two restores at once one does it and the other is told it is not in the trash.
    const { count } = await tx.article.updateMany({ where: { id, deletedAt: { not: null } }, data: { deletedAt: null, deletedBy: null, version: { increment: 1 } } });
    if (count !== 1) throw new AppError('conflict', `Article ${id} is not in the trash`);
    const { version } = await tx.article.findUniqueOrThrow({ where: { id }, select: { version: true } });
    await touchArticlesShowing(tx, { articleId: id });
    const before = { deletedAt: row.deletedAt.toISOString(), deletedBy: row.deletedBy };
    await recordRevision(tx, { entityType: 'article', entityId: id, action: 'article.restore', actor, version, before, after: { deletedAt: null }, snapshot: 'unchanged' });
    return { version };
  });
}
