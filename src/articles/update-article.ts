import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../db/client.ts';
import { Unchanged, transaction } from '../db/transaction.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';
import { articleSummarySelect, toArticleSummary, type ArticleSummary } from './article-view.ts';
import { bumpArticleVersion, requireArticle, shownAsRelated, touchArticlesShowing } from './article-version.ts';
import { type PatchArticleBody, toDate } from './schemas.ts';

/** Changes an article's own fields; the version moves from `expected` or the whole change is refused (412). */
export async function updateArticle(db: Db, id: number, expected: number, patch: PatchArticleBody, actor: Actor): Promise<ArticleSummary> {
  return transaction(db, async (tx) => {
    const beforeRow = await tx.article.findUnique({ where: { id }, select: articleSummarySelect });
    if (!beforeRow) await requireArticle(tx, id);
    const version = await bumpArticleVersion(tx, id, expected);
    const { publishedAt, publishAt, headline, status, ...rest } = patch;
    const row = await tx.article.update({
      where: { id },
      data: {
        ...rest,
        ...(headline !== undefined ? { headline: headline.trim(), headlineDerived: false } : {}),
        // Giving a stub a real status turns it into an article.
        ...(status !== undefined ? { status, isStub: false } : {}),
        // Only a scheduled article has a publishAt: any other status given unschedules it.
        ...(status !== undefined ? { publishAt: publishAt === undefined ? null : new Date(publishAt) } : {}),
        ...(publishedAt !== undefined ? { publishedAt: publishedAt === null ? null : toDate(publishedAt) } : {}),
      },
      select: articleSummarySelect,
    });
    if (shownAsRelated(row) !== shownAsRelated(beforeRow!)) await touchArticlesShowing(tx, { articleId: id });
    const before = toArticleSummary(beforeRow!);
    const after = toArticleSummary(row);
    const changed = [...Object.keys(patch), ...(status !== undefined && !('publishAt' in patch) && before.publishAt ? ['publishAt'] : [])] as (keyof ArticleSummary)[];
    if (isDeepStrictEqual(pick(before, changed), pick(after, changed))) return new Unchanged(before);
    await recordRevision(tx, {
      entityType: 'article',
      entityId: id,
      action: 'article.update',
      actor,
      version,
      before: pick(before, changed),
      after: pick(after, changed),
    });
    return after;
  });
}

function pick<T extends object>(value: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]])) as Partial<T>;
}

