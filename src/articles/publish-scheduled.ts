import type { Db } from '../db/client.ts';
import { transaction } from '../db/transaction.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';
import { touchArticlesShowing } from './article-version.ts';

/** History and webhooks name the schedule, not the editor who set it, as the one who published. */
export const SCHEDULE_ACTOR: Actor = { name: 'schedule' };

/** Whether any scheduled article is due: the scheduler's idle check, a read on the (status, publish_at) index. */
export async function hasDueArticles(db: Db, now = new Date()): Promise<boolean> {
  return (await db.article.findFirst({ where: { status: 'scheduled', publishAt: { lte: now } }, select: { id: true } })) !== null;
}

/**
 * Publishes every scheduled article whose time has come (also those whose time passed while no server ran), each in
 * its own transaction, oldest first. Safe to run in several processes at once: each article moves from scheduled to
 * published in ONE conditional UPDATE (status still scheduled, publishAt unchanged), so of two runs racing for it
 * exactly one matches a row and writes the history entry; the other finds nothing to do. The periodic job's lease
 * (server-jobs.ts) keeps the runs from racing in the first place. Returns the ids published by this run.
 */
export async function publishDueArticles(db: Db, now = new Date(), limit = 100): Promise<number[]> {
  const due = await db.article.findMany({
    where: { status: 'scheduled', publishAt: { lte: now } },
    orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: { id: true, publishAt: true, publishedAt: true },
  });
  const published: number[] = [];
  for (const article of due) {
    const done = await transaction(db, async (tx) => {
      const publishAt = article.publishAt!;
      // publishedAt is the story's date: one set by the editor stands; otherwise it is the moment it went live.
      const publishedAt = article.publishedAt ?? publishAt;
      const { count } = await tx.article.updateMany({
        where: { id: article.id, status: 'scheduled', publishAt },
        data: { status: 'published', publishAt: null, publishedAt, version: { increment: 1 } },
      });
      if (count === 0) return false; // unscheduled, rescheduled or published meanwhile
      const { version } = await tx.article.findUniqueOrThrow({ where: { id: article.id }, select: { version: true } });
      // Related lists show an article's status.
      await touchArticlesShowing(tx, { articleId: article.id });
      await recordRevision(tx, {
        entityType: 'article',
        entityId: article.id,
        action: 'article.publish-scheduled',
        actor: SCHEDULE_ACTOR,
        version,
        before: { status: 'scheduled', publishAt: publishAt.toISOString(), publishedAt: article.publishedAt?.toISOString() ?? null },
        after: { status: 'published', publishAt: null, publishedAt: publishedAt.toISOString() },
      });
      return true;
    });
    if (done) published.push(article.id);
  }
  return published;
}
