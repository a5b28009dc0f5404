import { z } from 'zod';
import { slugify } from '../articles/slugify.ts';
import { loadRelated, type RelatedItem } from '../articles/get-article.ts';
import type { Tx } from '../db/client.ts';
import { AppError, type ErrorIssue } from '../errors.ts';
import { IdNumber, text } from '../http/schemas.ts';

export const RelatedRef = z
  .union([z.strictObject({ id: IdNumber }), z.strictObject({ headline: text(500) })])
  .meta({ id: 'RelatedRef', description: '{"id": 12} or {"headline": "…"} (found by its slug, else created as a stub)' });
export type RelatedRef = z.infer<typeof RelatedRef>;

/**
 * Replaces an article's related list with `refs`, in order. A headline is looked up by slugify(headline) — the
 * same slug the ingest gives the article when it arrives — and becomes a stub (status 'stub', is_stub) when no
 * article has it yet; the ingest fills that stub in place later, so the link survives.
 * `path` prefixes issue paths (e.g. ['body', 'related']).
 */
export async function replaceRelated(tx: Tx, articleId: number, refs: RelatedRef[], path: (string | number)[]): Promise<RelatedItem[]> {
  const ids = refs.flatMap((r) => ('id' in r ? [r.id] : []));
  const byId = new Map(
    (await tx.article.findMany({ where: { id: { in: ids } }, select: { id: true, headline: true } })).map((a) => [a.id, a]),
  );
  const slugs = refs.flatMap((r) => ('headline' in r ? [slugify(r.headline)] : []));
  const bySlug = new Map(
    (await tx.article.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true, headline: true } })).map((a) => [a.slug, a]),
  );

  const issues: ErrorIssue[] = [];
  const targets: { id: number; title: string }[] = [];
  for (const [i, ref] of refs.entries()) {
    if ('id' in ref) {
      const found = byId.get(ref.id);
      if (!found) issues.push({ path: [...path, i, 'id'], message: `no article with id ${ref.id}` });
      else targets.push({ id: found.id, title: found.headline });
      continue;
    }
    const slug = slugify(ref.headline);
    let found = bySlug.get(slug);
    if (!found) {
      found = await tx.article.create({
        data: { slug, headline: ref.headline.trim(), status: 'stub', isStub: true },
        select: { id: true, slug: true, headline: true },
      });
      bySlug.set(slug, found);
    }
    targets.push({ id: found.id, title: ref.headline.trim() });
  }
  const seen = new Set<number>();
  for (const [i, t] of targets.entries()) {
    if (t.id === articleId) issues.push({ path: [...path, i], message: 'an article cannot be related to itself' });
    if (seen.has(t.id)) issues.push({ path: [...path, i], message: 'this article is already in the list' });
    seen.add(t.id);
  }
  if (issues.length) throw new AppError('unprocessable', 'The related list is not valid', { issues });

  await tx.relatedArticle.deleteMany({ where: { articleId } });
  if (targets.length) {
    await tx.relatedArticle.createMany({
      data: targets.map((t, i) => ({ articleId, relatedId: t.id, position: i + 1, title: t.title })),
    });
  }
  return loadRelated(tx, articleId);
}
