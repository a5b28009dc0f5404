import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { stale } from '../http/etag.ts';

/** A write's result with the article's version after it: the client's next If-Match. */
export interface Versioned<T> {
  value: T;
  version: number;
}

/**
 * The lost-edit guard. Every write to an article or anything in it starts here, inside its transaction: the
 * version moves from the one the editor read to the next in ONE conditional UPDATE, so of two editors holding the
 * same ETag exactly one matches a row (the other's UPDATE waits on the row lock, then matches nothing → 412).
 * Doing it first also serialises writers to the same article for the rest of the transaction.
 */
export async function bumpArticleVersion(tx: Tx, id: number, expected: number): Promise<number> {
  const { count } = await tx.article.updateMany({
    where: { id, version: expected, deletedAt: null },
    data: { version: { increment: 1 } },
  });
  if (count === 1) return expected + 1;
  await requireArticle(tx, id);
  throw stale('article');
}

/** For changes an editor made elsewhere that touch this article too (a person merged or detached, a link removed). */
export async function touchArticleVersion(tx: Tx, id: number): Promise<number> {
  const row = await tx.article.update({ where: { id }, data: { version: { increment: 1 } }, select: { version: true } });
  return row.version;
}

/**
 * An article shows fields of other records — the names of the people in it and of who said its quotes, the slug,
 * headline, status and stub flag of its related articles — so its version (the ETag, the render cache's key) must
 * move when they change, or a reader keeps the old name from a cache or a 304. The writer of such a change calls
 * this: one UPDATE, and no history entry on those articles (the change is in the changed record's history).
 */
export async function touchArticlesShowing(tx: Tx, shown: { personId: number } | { articleId: number }): Promise<void> {
  const where =
    'personId' in shown
      ? {
          OR: [
            { people: { some: { personId: shown.personId } } },
            { quotes: { some: { OR: [{ speakerId: shown.personId }, { addresseeId: shown.personId }] } } },
          ],
        }
      : { related: { some: { relatedId: shown.articleId } } };
  await tx.article.updateMany({ where, data: { version: { increment: 1 } } });
}

/** The fields of an article that other articles show in their related lists (articleRefSelect). */
export const shownAsRelated = (a: { slug: string; headline: string; status: string; isStub: boolean }) => [a.slug, a.headline, a.status, a.isStub].join('\u0000');

/** The article, not in the trash: nothing in the trash is edited until it is restored. */
export async function requireArticle(tx: Tx, id: number): Promise<{ id: number; version: number; status: string }> {
  const row = await tx.article.findUnique({ where: { id }, select: { id: true, version: true, status: true, deletedAt: true } });
  if (!row) throw articleNotFound(id);
  if (row.deletedAt) throw new AppError('not_found', `Article ${id} is in the trash; restore it first (POST /api/articles/${id}/restore)`);
  return { id: row.id, version: row.version, status: row.status };
}

export const articleNotFound = (idOrSlug: number | string) =>
  new AppError('not_found', `No article ${typeof idOrSlug === 'number' ? `with id ${idOrSlug}` : `"${idOrSlug}"`}`);
