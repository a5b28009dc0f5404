import { isDeepStrictEqual } from 'node:util';
import { type Versioned, bumpArticleVersion } from '../articles/article-version.ts';
import type { Db, Tx } from '../db/client.ts';
import { Unchanged, transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';
import { locateQuote } from '../quotes/quote-view.ts';
import { parkAll, shiftPositions } from './positions.ts';

export interface ParagraphView {
  id: number;
  position: number;
  text: string;
}
const select = { id: true, position: true, text: true } as const;

async function findParagraph(tx: Tx, articleId: number, paragraphId: number): Promise<ParagraphView> {
  const p = await tx.paragraph.findFirst({ where: { id: paragraphId, articleId }, select });
  if (!p) throw new AppError('not_found', `Article ${articleId} has no paragraph ${paragraphId}`);
  return p;
}

/** Inserts a paragraph at `position` (default: last); the ones from there on move down by one. */
export async function insertParagraph(
  db: Db, articleId: number, expected: number, input: { text: string; position?: number }, actor: Actor,
): Promise<Versioned<ParagraphView>> {
  return transaction(db, async (tx) => {
    const version = await bumpArticleVersion(tx, articleId, expected);
    const count = await tx.paragraph.count({ where: { articleId } });
    const position = input.position ?? count + 1;
    if (position > count + 1) {
      throw new AppError('unprocessable', `The article has ${count} paragraphs: insert at 1 to ${count + 1}`, {
        issues: [{ path: ['body', 'position'], message: `at most ${count + 1}` }],
      });
    }
    const split = (await multiParagraphQuotes(tx, articleId)).filter((q) => q.first < position && position <= q.last);
    if (split.length) {
      throw new AppError('unprocessable', 'A paragraph cannot go inside a quote that runs over several paragraphs', {
        issues: split.map((q) => ({ path: ['body', 'position'], message: `would split quote ${q.id} (paragraphs ${q.first}–${q.last})` })),
      });
    }
    await shiftPositions(tx, articleId, position, 1);
    const value = await tx.paragraph.create({ data: { articleId, position, text: input.text }, select });
    await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'paragraph.insert', actor, version, after: value });
    return { value, version };
  });
}

/**
 * Replaces a paragraph's text. Quotes that start in it are found again in the new text; a quote whose words are
 * gone keeps its text with unknown (null) offsets, for the editor to fix or delete — the answer lists those
 * (`quotesNotFound`), and so does the history entry.
 */
export async function updateParagraph(
  db: Db, articleId: number, paragraphId: number, expected: number, text: string, actor: Actor,
): Promise<Versioned<ParagraphView & { quotesNotFound: number[] }>> {
  return transaction(db, async (tx) => {
    const version = await bumpArticleVersion(tx, articleId, expected);
    const before = await findParagraph(tx, articleId, paragraphId);
    if (before.text === text) return new Unchanged({ value: { ...before, quotesNotFound: [] }, version: version - 1 });
    const value = await tx.paragraph.update({ where: { id: paragraphId }, data: { text }, select });
    const quotes = await tx.quote.findMany({ where: { paragraphId, paragraphSpan: 1 }, select: { id: true, text: true }, orderBy: { id: 'asc' } });
    const quotesNotFound: number[] = [];
    for (const q of quotes) {
      const offsets = locateQuote(text, q.text);
      if (offsets.startOffset === null) quotesNotFound.push(q.id);
      await tx.quote.update({ where: { id: q.id }, data: offsets, select: { id: true } });
    }
    const after = { ...value, quotesNotFound };
    await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'paragraph.update', actor, version, before, after });
    return { value: after, version };
  });
}

/**
 * Deletes a paragraph with its mentions and the quotes in it: those that start in it, and those that run on into it
 * from an earlier paragraph (their text holds its words). The gap closes.
 */
export async function deleteParagraph(db: Db, articleId: number, paragraphId: number, expected: number, actor: Actor): Promise<number> {
  return transaction(db, async (tx) => {
    const version = await bumpArticleVersion(tx, articleId, expected);
    const before = await findParagraph(tx, articleId, paragraphId);
    // An article has a body, as on create: its last paragraph is replaced (PATCH), or the article deleted.
    if ((await tx.paragraph.count({ where: { articleId } })) === 1) {
      throw new AppError('unprocessable', `Paragraph ${paragraphId} is the only one of article ${articleId}: change its text instead, or delete the article`);
    }
    const runningOn = (await multiParagraphQuotes(tx, articleId)).filter((q) => q.first < before.position && before.position <= q.last).map((q) => q.id);
    const quotes = await tx.quote.findMany({
      where: { OR: [{ paragraphId }, { id: { in: runningOn } }] },
      select: { id: true, text: true, kind: true, speakerId: true },
      orderBy: { id: 'asc' },
    });
    if (runningOn.length) await tx.quote.deleteMany({ where: { id: { in: runningOn } } });
    await tx.paragraph.delete({ where: { id: paragraphId }, select: { id: true } });
    await shiftPositions(tx, articleId, before.position + 1, -1);
    await recordRevision(tx, {
      entityType: 'article', entityId: articleId, action: 'paragraph.delete', actor, version,
      before: { ...before, quotes },
    });
    return version;
  });
}

/**
 * Puts the paragraphs in a new order. `order` must be a permutation of the article's paragraph ids (422 with the
 * offending entries otherwise). All positions move in one transaction: a failure anywhere leaves the old order.
 */
export async function reorderParagraphs(db: Db, articleId: number, expected: number, order: number[], actor: Actor): Promise<Versioned<ParagraphView[]>> {
  return transaction(db, async (tx) => {
    const version = await bumpArticleVersion(tx, articleId, expected);
    const current = await tx.paragraph.findMany({ where: { articleId }, orderBy: { position: 'asc' }, select: { id: true } });
    assertPermutation(current.map((p) => p.id), order);
    assertQuotesKeepTogether(current.map((p) => p.id), order, await multiParagraphQuotes(tx, articleId));
    if (isDeepStrictEqual(current.map((p) => p.id), order)) {
      return new Unchanged({ value: await tx.paragraph.findMany({ where: { articleId }, orderBy: { position: 'asc' }, select }), version: version - 1 });
    }
    await parkAll(tx, articleId);
    for (const [i, id] of order.entries()) {
      await tx.paragraph.update({ where: { id }, data: { position: i + 1 }, select: { id: true } });
    }
    const value = await tx.paragraph.findMany({ where: { articleId }, orderBy: { position: 'asc' }, select });
    await recordRevision(tx, {
      entityType: 'article', entityId: articleId, action: 'paragraph.reorder', actor, version,
      before: { order: current.map((p) => p.id) },
      after: { order },
    });
    return { value, version };
  });
}

/** A named rule: the new order holds each of the article's paragraphs exactly once. */
export function assertPermutation(ids: number[], order: number[]): void {
  const known = new Set(ids);
  const seen = new Set<number>();
  const issues = order.flatMap((id, i) => {
    const problem = !known.has(id) ? `paragraph ${id} is not in this article` : seen.has(id) ? `paragraph ${id} is listed twice` : null;
    seen.add(id);
    return problem ? [{ path: ['body', 'order', i], message: problem }] : [];
  });
  const missing = ids.filter((id) => !seen.has(id));
  if (missing.length) issues.push({ path: ['body', 'order'], message: `missing paragraphs: ${missing.join(', ')}` });
  if (issues.length) throw new AppError('unprocessable', 'The order must list every paragraph of the article exactly once', { issues });
}

interface SpanningQuote {
  id: number;
  /** positions of its first and last paragraphs */
  first: number;
  last: number;
}

/** The article's quotes that run over more than one paragraph, with the positions they cover. */
async function multiParagraphQuotes(tx: Tx, articleId: number): Promise<SpanningQuote[]> {
  const rows = await tx.quote.findMany({
    where: { articleId, paragraphSpan: { gt: 1 } },
    select: { id: true, paragraphSpan: true, paragraph: { select: { position: true } } },
  });
  return rows.map((q) => ({ id: q.id, first: q.paragraph.position, last: q.paragraph.position + q.paragraphSpan - 1 }));
}

/** A named rule: a quote over several paragraphs keeps them next to each other, in their order (it is read across them). */
export function assertQuotesKeepTogether(ids: number[], order: number[], quotes: SpanningQuote[]): void {
  const newPosition = new Map(order.map((id, i) => [id, i]));
  const issues = quotes.flatMap((q) => {
    const covered = ids.slice(q.first - 1, q.last).map((id) => newPosition.get(id)!);
    const together = covered.every((p, i) => p === covered[0]! + i);
    return together ? [] : [{ path: ['body', 'order'], message: `quote ${q.id} runs over paragraphs ${ids.slice(q.first - 1, q.last).join(', ')}: keep them together in this order` }];
  });
  if (issues.length) throw new AppError('unprocessable', 'The order would break up a quote that runs over several paragraphs', { issues });
}
