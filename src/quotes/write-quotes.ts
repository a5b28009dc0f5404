import { isDeepStrictEqual } from 'node:util';
import { bumpArticleVersion } from '../articles/article-version.ts';
import { quoteShapeIssues } from '../articles/rules.ts';
import type { Db, Tx } from '../db/client.ts';
import { Unchanged, transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';
import { ensureArticlePeople, type PersonRef, refKey, resolvePeople } from '../people/resolve-people.ts';
import { type Quote, locateQuote, quoteSelect, toQuote } from './quote-view.ts';
import type { CreateQuoteBody, PatchQuoteBody } from './schemas.ts';

/** The version the client read for the quote's article: parsed from If-Match once the article is known. */
export type ExpectedVersion = (articleId: number) => number;

export const quoteNotFound = (id: number) => new AppError('not_found', `No quote with id ${id}`);

async function paragraphOf(tx: Tx, articleId: number, ref: { id?: number; position?: number }, field: string) {
  const p = await tx.paragraph.findFirst({
    where: ref.id !== undefined ? { id: ref.id, articleId } : { position: ref.position, articleId },
    select: { id: true, text: true, position: true },
  });
  if (!p) throw new AppError('unprocessable', 'The quote must start in a paragraph of its article', { issues: [{ path: ['body', field], message: 'not a paragraph of this article' }] });
  return p;
}

/** A quote over several paragraphs must end in the article: 422 on paragraphSpan otherwise (as on create). */
async function assertSpanFits(tx: Tx, articleId: number, first: number, span: number): Promise<void> {
  if (span === 1) return;
  const count = await tx.paragraph.count({ where: { articleId } });
  if (first + span - 1 > count) {
    throw new AppError('unprocessable', 'The quote runs past the end of its article', {
      issues: [{ path: ['body', 'paragraphSpan'], message: `from paragraph ${first}, at most ${count - first + 1}` }],
    });
  }
}

async function speakerIds(tx: Tx, articleId: number, body: { speaker?: PersonRef | null; addressee?: PersonRef | null }, actor: Actor) {
  const refs = (['speaker', 'addressee'] as const).flatMap((f) => (body[f] ? [{ ref: body[f]!, path: ['body', f] }] : []));
  const people = await resolvePeople(tx, refs, actor);
  const id = (f: 'speaker' | 'addressee') => (body[f] === undefined ? undefined : body[f] === null ? null : people.get(refKey(body[f]!))!);
  const speakerId = id('speaker');
  const addresseeId = id('addressee');
  // Whoever is quoted or addressed appears among the article's people.
  await ensureArticlePeople(tx, articleId, [speakerId, addresseeId].filter((x): x is number => typeof x === 'number'));
  return { speakerId, addresseeId };
}

function assertShape(q: Parameters<typeof quoteShapeIssues>[0]) {
  const issues = quoteShapeIssues(q, ['body']);
  if (issues.length) throw new AppError('unprocessable', 'The quote is not consistent', { issues });
}

export async function createQuote(db: Db, articleId: number, expected: number, body: CreateQuoteBody, actor: Actor): Promise<{ value: Quote; version: number }> {
  return transaction(db, async (tx) => {
    const version = await bumpArticleVersion(tx, articleId, expected);
    const paragraph = await paragraphOf(tx, articleId, { id: body.paragraphId, position: body.paragraph }, body.paragraphId !== undefined ? 'paragraphId' : 'paragraph');
    const span = body.paragraphSpan ?? 1;
    assertShape({ ...body, paragraphSpan: span, paragraphText: paragraph.text });
    await assertSpanFits(tx, articleId, paragraph.position, span);
    const { speakerId, addresseeId } = await speakerIds(tx, articleId, body, actor);
    const offsets =
      body.startOffset != null && body.endOffset != null
        ? { startOffset: body.startOffset, endOffset: body.endOffset }
        : span === 1 ? locateQuote(paragraph.text, body.text) : { startOffset: null, endOffset: null };
    const row = await tx.quote.create({
      data: {
        articleId,
        paragraphId: paragraph.id,
        text: body.text,
        kind: body.kind,
        speakerId: speakerId ?? null,
        addresseeId: addresseeId ?? null,
        verb: body.verb ?? null,
        paragraphSpan: span,
        ...offsets,
      },
      select: quoteSelect,
    });
    const value = toQuote(row);
    await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'quote.create', actor, version, after: value });
    return { value, version };
  });
}

/** Fixes a quote — most often its speaker. The quote belongs to its article: the article's ETag guards it. */
export async function updateQuote(db: Db, quoteId: number, expected: ExpectedVersion, patch: PatchQuoteBody, actor: Actor): Promise<{ value: Quote; version: number }> {
  return transaction(db, async (tx) => {
    const current = await tx.quote.findUnique({ where: { id: quoteId }, select: quoteSelect });
    if (!current) throw quoteNotFound(quoteId);
    const version = await bumpArticleVersion(tx, current.articleId, expected(current.articleId));
    const paragraph = await paragraphOf(tx, current.articleId, { id: patch.paragraphId ?? current.paragraphId }, 'paragraphId');
    const merged = {
      text: patch.text ?? current.text,
      kind: patch.kind ?? current.kind,
      speaker: patch.speaker !== undefined ? patch.speaker : current.speaker,
      paragraphSpan: patch.paragraphSpan ?? current.paragraphSpan,
      startOffset: patch.startOffset !== undefined ? patch.startOffset : current.startOffset,
      endOffset: patch.endOffset !== undefined ? patch.endOffset : current.endOffset,
    };
    const moved = patch.text !== undefined || patch.paragraphId !== undefined;
    const offsetsGiven = patch.startOffset !== undefined || patch.endOffset !== undefined;
    // Text or paragraph changed without new offsets: find the text again rather than keep stale offsets.
    const offsets =
      moved && !offsetsGiven
        ? merged.paragraphSpan === 1 ? locateQuote(paragraph.text, merged.text) : { startOffset: null, endOffset: null }
        : { startOffset: merged.startOffset, endOffset: merged.endOffset };
    assertShape({ ...merged, ...offsets, paragraphText: paragraph.text });
    await assertSpanFits(tx, current.articleId, paragraph.position, merged.paragraphSpan);
    const { speakerId, addresseeId } = await speakerIds(tx, current.articleId, patch, actor);
    const row = await tx.quote.update({
      where: { id: quoteId },
      data: {
        paragraphId: paragraph.id,
        text: merged.text,
        kind: merged.kind,
        paragraphSpan: merged.paragraphSpan,
        ...offsets,
        ...(speakerId !== undefined ? { speakerId } : {}),
        ...(addresseeId !== undefined ? { addresseeId } : {}),
        ...(patch.verb !== undefined ? { verb: patch.verb } : {}),
      },
      select: quoteSelect,
    });
    const before = toQuote(current);
    const value = toQuote(row);
    if (isDeepStrictEqual(before, value)) return new Unchanged({ value: before, version: version - 1 });
    await recordRevision(tx, { entityType: 'article', entityId: current.articleId, action: 'quote.update', actor, version, before, after: value });
    return { value, version };
  });
}

export async function deleteQuote(db: Db, quoteId: number, expected: ExpectedVersion, actor: Actor): Promise<{ articleId: number; version: number }> {
  return transaction(db, async (tx) => {
    const current = await tx.quote.findUnique({ where: { id: quoteId }, select: quoteSelect });
    if (!current) throw quoteNotFound(quoteId);
    const version = await bumpArticleVersion(tx, current.articleId, expected(current.articleId));
    await tx.quote.delete({ where: { id: quoteId }, select: { id: true } });
    await recordRevision(tx, { entityType: 'article', entityId: current.articleId, action: 'quote.delete', actor, version, before: toQuote(current) });
    return { articleId: current.articleId, version };
  });
}
