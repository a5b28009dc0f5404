import { readRole } from '../article-people/role-category.ts';
import { touchArticleVersion, touchArticlesShowing } from '../articles/article-version.ts';
import { toAliases } from '../articles/get-article.ts';
import type { Db } from '../db/client.ts';
import { Unchanged, transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';
import { personNameKey } from './name-key.ts';
import { type Person, bumpPersonVersion, personNotFound, personSelect, toPerson } from './person-view.ts';

function nameKeyOf(name: string, path: (string | number)[]): string {
  const key = personNameKey(name);
  if (!key) throw new AppError('unprocessable', 'A person name needs letters or digits', { issues: [{ path, message: 'not a name' }] });
  return key;
}

const sameName = (existingId: number) =>
  new AppError('conflict', `Someone with this name (ignoring case, accents and punctuation) already exists: person ${existingId}; merge them instead`, {
    issues: [{ path: ['body', 'name'], message: `already taken by person ${existingId}` }],
  });

export async function createPerson(db: Db, input: { name: string; description?: string | null }, actor: Actor): Promise<Person> {
  const nameKey = nameKeyOf(input.name, ['body', 'name']);
  return transaction(db, async (tx) => {
    const clash = await tx.person.findUnique({ where: { nameKey }, select: { id: true } });
    if (clash) throw sameName(clash.id);
    const row = await tx.person.create({ data: { name: input.name.trim(), nameKey, description: input.description ?? null }, select: personSelect });
    const person = toPerson(row);
    await recordRevision(tx, { entityType: 'person', entityId: row.id, action: 'person.create', actor, version: row.version, after: person });
    return person;
  });
}

export async function updatePerson(db: Db, id: number, expected: number, patch: { name?: string; description?: string | null }, actor: Actor): Promise<Person> {
  const nameKey = patch.name !== undefined ? nameKeyOf(patch.name, ['body', 'name']) : undefined;
  return transaction(db, async (tx) => {
    const before = await tx.person.findUnique({ where: { id }, select: personSelect });
    if (!before) throw personNotFound(id);
    await bumpPersonVersion(tx, id, expected);
    if (nameKey !== undefined) {
      const clash = await tx.person.findUnique({ where: { nameKey }, select: { id: true } });
      if (clash && clash.id !== id) throw sameName(clash.id);
    }
    const row = await tx.person.update({
      where: { id },
      data: {
        ...(patch.name !== undefined ? { name: patch.name.trim(), nameKey } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
      },
      select: personSelect,
    });
    const after = toPerson(row);
    if (after.name === before.name && after.description === before.description) return new Unchanged(toPerson(before));
    if (after.name !== before.name) await touchArticlesShowing(tx, { personId: id });
    await recordRevision(tx, { entityType: 'person', entityId: id, action: 'person.update', actor, version: row.version, before: toPerson(before), after });
    return after;
  });
}

/**
 * Deletes a person. While they are quoted, addressed or listed in an article the answer is 409, unless `detach`:
 * then their quotes lose the speaker/addressee, they leave each article (mentions included), and each of those
 * articles gets a new version and a history entry.
 */
export async function deletePerson(db: Db, id: number, expected: number, detach: boolean, actor: Actor): Promise<void> {
  await transaction(db, async (tx) => {
    const before = await tx.person.findUnique({ where: { id }, select: personSelect });
    if (!before) throw personNotFound(id);
    await bumpPersonVersion(tx, id, expected);
    const [links, spoken, addressed] = await Promise.all([
      tx.articlePerson.findMany({ where: { personId: id }, select: { articleId: true } }),
      tx.quote.findMany({ where: { speakerId: id }, select: { articleId: true } }),
      tx.quote.findMany({ where: { addresseeId: id }, select: { articleId: true } }),
    ]);
    const articles = new Set([...links, ...spoken, ...addressed].map((r) => r.articleId));
    if (articles.size && !detach) {
      throw new AppError('conflict', `${before.name} is quoted or mentioned in ${articles.size} article(s); merge them into someone, or delete with ?detach=true`);
    }
    await tx.quote.updateMany({ where: { speakerId: id }, data: { speakerId: null } });
    await tx.quote.updateMany({ where: { addresseeId: id }, data: { addresseeId: null } });
    await tx.articlePerson.deleteMany({ where: { personId: id } });
    await tx.person.delete({ where: { id }, select: { id: true } });
    for (const articleId of articles) {
      const version = await touchArticleVersion(tx, articleId);
      await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'person.detach', actor, version, before: { personId: id, name: before.name } });
    }
    await recordRevision(tx, { entityType: 'person', entityId: id, action: detach ? 'person.delete-detached' : 'person.delete', actor, before: toPerson(before) });
  });
}

/**
 * Merges person `sourceId` into `targetId`: every article link, mention and quote moves to the target, nothing is
 * lost. Where both appear in the same article the two links become one — mentions united, aliases united (with
 * the source's name, so the article's wording is still explained), the target's role kept unless it has none.
 */
export async function mergePeople(db: Db, sourceId: number, targetId: number, expected: number, actor: Actor): Promise<void> {
  if (sourceId === targetId) {
    throw new AppError('unprocessable', 'A person cannot be merged into themselves', { issues: [{ path: ['body', 'into'], message: 'must be another person' }] });
  }
  await transaction(db, async (tx) => {
    const source = await tx.person.findUnique({ where: { id: sourceId }, select: personSelect });
    if (!source) throw personNotFound(sourceId);
    await bumpPersonVersion(tx, sourceId, expected);
    const target = await tx.person.findUnique({ where: { id: targetId }, select: personSelect });
    if (!target) {
      throw new AppError('unprocessable', `No person with id ${targetId} to merge into`, { issues: [{ path: ['body', 'into'], message: 'no such person' }] });
    }
    const articles = new Set<number>();
    const sourceLinks = await tx.articlePerson.findMany({
      where: { personId: sourceId },
      select: { id: true, articleId: true, role: true, aliases: true, mentions: { select: { paragraphId: true } } },
    });
    const targetLinks = new Map(
      (
        await tx.articlePerson.findMany({
          where: { personId: targetId, articleId: { in: sourceLinks.map((l) => l.articleId) } },
          select: { id: true, articleId: true, role: true, aliases: true, mentions: { select: { paragraphId: true } } },
        })
      ).map((l) => [l.articleId, l]),
    );
    for (const link of sourceLinks) {
      articles.add(link.articleId);
      const into = targetLinks.get(link.articleId);
      const aliases = (base: unknown) => unite(toAliases(base), toAliases(link.aliases), source.name).filter((a) => a !== target.name);
      if (!into) {
        await tx.articlePerson.update({ where: { id: link.id }, data: { personId: targetId, aliases: aliases([]) }, select: { id: true } });
        continue;
      }
      const have = new Set(into.mentions.map((m) => m.paragraphId));
      const add = link.mentions.filter((m) => !have.has(m.paragraphId)).map((m) => ({ articlePersonId: into.id, paragraphId: m.paragraphId }));
      if (add.length) await tx.mention.createMany({ data: add });
      await tx.articlePerson.update({ where: { id: into.id }, data: { role: into.role ?? link.role, ...readRole(into.role ?? link.role), aliases: aliases(into.aliases) }, select: { id: true } });
      await tx.articlePerson.delete({ where: { id: link.id }, select: { id: true } });
    }
    for (const q of await tx.quote.findMany({ where: { OR: [{ speakerId: sourceId }, { addresseeId: sourceId }] }, select: { articleId: true } })) {
      articles.add(q.articleId);
    }
    await tx.quote.updateMany({ where: { speakerId: sourceId }, data: { speakerId: targetId } });
    await tx.quote.updateMany({ where: { addresseeId: sourceId }, data: { addresseeId: targetId } });
    await tx.person.delete({ where: { id: sourceId }, select: { id: true } });
    const merged = await tx.person.update({ where: { id: targetId }, data: { version: { increment: 1 } }, select: personSelect });
    const change = { merged: toPerson(source), into: toPerson(target) };
    for (const articleId of articles) {
      const version = await touchArticleVersion(tx, articleId);
      await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'person.merge', actor, version, before: { personId: sourceId }, after: { personId: targetId } });
    }
    await recordRevision(tx, { entityType: 'person', entityId: targetId, action: 'person.merge', actor, version: merged.version, before: change, after: toPerson(merged) });
    await recordRevision(tx, { entityType: 'person', entityId: sourceId, action: 'person.merged-away', actor, before: toPerson(source), after: { into: targetId } });
  });
}

function unite(...lists: (string[] | string)[]): string[] {
  return [...new Set(lists.flat())];
}

