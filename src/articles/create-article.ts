import { readRole } from '../article-people/role-category.ts';
import type { Db } from '../db/client.ts';
import { transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';
import { ensureArticlePeople, refKey, resolvePeople, type PersonRef } from '../people/resolve-people.ts';
import { locateQuote } from '../quotes/quote-view.ts';
import { replaceRelated } from '../related/set-related.ts';
import { type ArticleDetail, loadArticleDetail } from './get-article.ts';
import { type CreateArticleBody, toDate } from './schemas.ts';
import { slugify } from './slugify.ts';

/**
 * Creates an article with its body, people, quotes and related links in one transaction. When the slug belongs to
 * a stub (a placeholder made from another article's related block) the stub is filled in place, so links to it hold.
 */
export async function createArticle(db: Db, body: CreateArticleBody, actor: Actor): Promise<ArticleDetail> {
  return transaction(db, async (tx) => {
    const slug = body.slug ?? slugify(body.headline);
    const fields = {
      headline: body.headline.trim(),
      headlineDerived: false,
      standfirst: body.standfirst ?? null,
      byline: body.byline ?? null,
      sourceName: body.sourceName ?? null,
      sourceUrl: body.sourceUrl ?? null,
      language: body.language ?? 'en',
      status: body.status ?? 'draft',
      isStub: false,
      publishedAt: body.publishedAt ? toDate(body.publishedAt) : null,
    } as const;

    const existing = await tx.article.findUnique({ where: { slug }, select: { id: true, isStub: true } });
    if (existing && !existing.isStub) {
      throw new AppError('conflict', `An article with the slug "${slug}" already exists`, {
        issues: [{ path: ['body', 'slug'], message: 'already taken; choose another slug' }],
      });
    }
    const { id } = existing
      ? await tx.article.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 } }, select: { id: true } })
      : await tx.article.create({ data: { ...fields, slug }, select: { id: true } });

    const paragraphs = await tx.paragraph.createManyAndReturn({
      data: body.paragraphs.map((text, i) => ({ articleId: id, position: i + 1, text })),
      select: { id: true, position: true },
    });
    const paragraphId = new Map(paragraphs.map((p) => [p.position, p.id]));

    const refs: { ref: PersonRef; path: (string | number)[] }[] = [];
    for (const [i, p] of (body.people ?? []).entries()) refs.push({ ref: p.person, path: ['body', 'people', i, 'person'] });
    for (const [i, q] of (body.quotes ?? []).entries()) {
      if (q.speaker) refs.push({ ref: q.speaker, path: ['body', 'quotes', i, 'speaker'] });
      if (q.addressee) refs.push({ ref: q.addressee, path: ['body', 'quotes', i, 'addressee'] });
    }
    const people = await resolvePeople(tx, refs, actor);
    const personOf = (ref: PersonRef) => people.get(refKey(ref))!;

    // Everyone listed, quoted or addressed appears among the article's people.
    const links = await ensureArticlePeople(tx, id, refs.map(({ ref }) => personOf(ref)));
    for (const p of body.people ?? []) {
      const linkId = links.get(personOf(p.person))!;
      if (p.role !== undefined || p.aliases) {
        await tx.articlePerson.update({ where: { id: linkId }, data: { role: p.role ?? null, ...readRole(p.role), aliases: p.aliases ?? [] }, select: { id: true } });
      }
      const mentioned = [...new Set(p.paragraphs ?? [])];
      if (mentioned.length) {
        await tx.mention.createMany({ data: mentioned.map((pos) => ({ articlePersonId: linkId, paragraphId: paragraphId.get(pos)! })) });
      }
    }

    if (body.quotes?.length) {
      await tx.quote.createMany({
        data: body.quotes.map((q) => {
          const span = q.paragraphSpan ?? 1;
          const offsets =
            q.startOffset != null && q.endOffset != null
              ? { startOffset: q.startOffset, endOffset: q.endOffset }
              : span === 1
                ? locateQuote(body.paragraphs[q.paragraph - 1]!, q.text)
                : { startOffset: null, endOffset: null };
          return {
            articleId: id,
            paragraphId: paragraphId.get(q.paragraph)!,
            text: q.text,
            kind: q.kind,
            speakerId: q.speaker ? personOf(q.speaker) : null,
            addresseeId: q.addressee ? personOf(q.addressee) : null,
            verb: q.verb ?? null,
            paragraphSpan: span,
            ...offsets,
          };
        }),
      });
    }

    if (body.related?.length) await replaceRelated(tx, id, body.related, ['body', 'related']);

    const after = await loadArticleDetail(tx, id);
    await recordRevision(tx, {
      entityType: 'article',
      entityId: id,
      action: existing ? 'article.fill-stub' : 'article.create',
      actor,
      version: after.version,
      after,
    });
    return after;
  });
}
