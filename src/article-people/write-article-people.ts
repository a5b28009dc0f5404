import { isDeepStrictEqual } from 'node:util';
import { type Versioned, bumpArticleVersion } from '../articles/article-version.ts';
import { type ArticlePersonView, loadArticlePeople } from '../articles/get-article.ts';
import type { Db, Tx } from '../db/client.ts';
import { Unchanged, transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';
import { refKey, resolvePeople } from '../people/resolve-people.ts';
import { readRole } from './role-category.ts';
import type { AddArticlePersonBody, PatchArticlePersonBody } from './schemas.ts';

/**
 * A person as one article shows them: the role as written there, the other names it uses, the paragraphs that
 * mention them. The ingest reads these from the text and can be wrong; these writes are how an editor puts a
 * missing person in, corrects a role, or takes out someone who is not a person of the story ("Global Sales").
 * Each is an edit of the article: If-Match with its ETag, a version, a history entry.
 */
export async function addArticlePerson(db: Db, articleId: number, expected: number, body: AddArticlePersonBody, actor: Actor): Promise<Versioned<ArticlePersonView>> {
  return transaction(db, async (tx) => {
    const version = await bumpArticleVersion(tx, articleId, expected);
    const personId = (await resolvePeople(tx, [{ ref: body.person, path: ['body', 'person'] }], actor)).get(refKey(body.person))!;
    const existing = await tx.articlePerson.findUnique({ where: { articleId_personId: { articleId, personId } }, select: { id: true } });
    if (existing) {
      throw new AppError('conflict', `Person ${personId} is already in article ${articleId}; change them with PATCH /api/articles/${articleId}/people/${personId}`);
    }
    const mentioned = await paragraphIdsAt(tx, articleId, body.paragraphs ?? []);
    const link = await tx.articlePerson.create({ data: { articleId, personId, role: body.role ?? null, ...readRole(body.role), aliases: body.aliases ?? [] }, select: { id: true } });
    if (mentioned.length) await tx.mention.createMany({ data: mentioned.map((paragraphId) => ({ articlePersonId: link.id, paragraphId })) });
    const value = await articlePerson(tx, articleId, personId);
    await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'article-person.add', actor, version, after: value });
    return { value, version };
  });
}

export async function updateArticlePerson(
  db: Db, articleId: number, personId: number, expected: number, patch: PatchArticlePersonBody, actor: Actor,
): Promise<Versioned<ArticlePersonView>> {
  return transaction(db, async (tx) => {
    const version = await bumpArticleVersion(tx, articleId, expected);
    const linkId = await requireLink(tx, articleId, personId);
    const before = await articlePerson(tx, articleId, personId);
    await tx.articlePerson.update({
      where: { id: linkId },
      data: { ...(patch.role !== undefined ? { role: patch.role, ...readRole(patch.role) } : {}), ...(patch.aliases !== undefined ? { aliases: patch.aliases } : {}) },
      select: { id: true },
    });
    if (patch.paragraphs !== undefined) {
      const mentioned = await paragraphIdsAt(tx, articleId, patch.paragraphs);
      await tx.mention.deleteMany({ where: { articlePersonId: linkId } });
      if (mentioned.length) await tx.mention.createMany({ data: mentioned.map((paragraphId) => ({ articlePersonId: linkId, paragraphId })) });
    }
    const value = await articlePerson(tx, articleId, personId);
    if (isDeepStrictEqual(before, value)) return new Unchanged({ value: before, version: version - 1 });
    await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'article-person.update', actor, version, before, after: value });
    return { value, version };
  });
}

/** Takes a person out of one article (the person stays in the store). Refused while a quote of the article names them. */
export async function removeArticlePerson(db: Db, articleId: number, personId: number, expected: number, actor: Actor): Promise<number> {
  return transaction(db, async (tx) => {
    const version = await bumpArticleVersion(tx, articleId, expected);
    const linkId = await requireLink(tx, articleId, personId);
    const quotes = await tx.quote.findMany({
      where: { articleId, OR: [{ speakerId: personId }, { addresseeId: personId }] },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    if (quotes.length) {
      throw new AppError('conflict', `Person ${personId} speaks or is addressed in ${quotes.length} quote(s) of article ${articleId}; give those quotes another speaker first`, {
        issues: quotes.map((q) => ({ path: ['quotes', q.id], message: 'names this person' })),
      });
    }
    const before = await articlePerson(tx, articleId, personId);
    await tx.articlePerson.delete({ where: { id: linkId }, select: { id: true } });
    await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'article-person.remove', actor, version, before });
    return version;
  });
}

async function requireLink(tx: Tx, articleId: number, personId: number): Promise<number> {
  const link = await tx.articlePerson.findUnique({ where: { articleId_personId: { articleId, personId } }, select: { id: true } });
  if (!link) throw new AppError('not_found', `Person ${personId} is not among the people of article ${articleId}`);
  return link.id;
}

async function articlePerson(tx: Tx, articleId: number, personId: number): Promise<ArticlePersonView> {
  return (await loadArticlePeople(tx, articleId)).find((p) => p.id === personId)!;
}

/** Paragraph positions → ids, in order and without repeats; 422 naming each position the article does not have. */
async function paragraphIdsAt(tx: Tx, articleId: number, positions: number[]): Promise<number[]> {
  const wanted = [...new Set(positions)];
  if (!wanted.length) return [];
  const rows = await tx.paragraph.findMany({ where: { articleId, position: { in: wanted } }, select: { id: true, position: true } });
  const byPosition = new Map(rows.map((r) => [r.position, r.id]));
  const issues = positions.flatMap((p, i) => (byPosition.has(p) ? [] : [{ path: ['body', 'paragraphs', i], message: `article ${articleId} has no paragraph ${p}` }]));
  if (issues.length) throw new AppError('unprocessable', 'Some paragraphs do not exist', { issues });
  return wanted.map((p) => byPosition.get(p)!);
}
