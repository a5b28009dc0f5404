import { readRole } from '../article-people/role-category.ts';
import { touchArticleVersion, touchArticlesShowing } from '../articles/article-version.ts';
import { toAliases } from '../articles/get-article.ts';
import type { Db, Tx } from '../db/client.ts';
import { Unchanged, transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';
import { type PersonKind, type Pronoun, namesakeDescription } from './identity.ts';
import { lockPeopleIdentity } from './identity-lock.ts';
import { personNameKey } from './name-key.ts';
import { type Person, bumpPersonVersion, personNotFound, personSelect, toPerson } from './person-view.ts';

function nameKeyOf(name: string, path: (string | number)[]): string {
  const key = personNameKey(name);
  if (!key) throw new AppError('unprocessable', 'A person name needs letters or digits', { issues: [{ path, message: 'not a name' }] });
  return key;
}

const sameName = (existingId: number) =>
  new AppError('conflict', `Someone with this name (ignoring case, accents and punctuation) and description already exists: person ${existingId}; merge them, or give a description that tells them apart`, {
    issues: [{ path: ['body', 'name'], message: `already taken by person ${existingId} with the same description` }],
  });

/**
 * Namesakes are allowed (identity is more than a name, src/people/identity.ts), but only told apart: a person an
 * editor names like someone else (the same name key) needs a description, and one no namesake has.
 */
async function assertToldApart(tx: Tx, id: number | null, nameKey: string, description: string | null): Promise<void> {
  await lockPeopleIdentity(tx);
  const clash = await tx.person.findFirst({
    where: { nameKey, ...(description === null ? {} : { description }), ...(id ? { id: { not: id } } : {}) },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  if (clash) throw sameName(clash.id);
}

async function assertWikidataFree(tx: Tx, id: number | null, wikidataId: string | null | undefined): Promise<void> {
  if (!wikidataId) return;
  const holder = await tx.person.findUnique({ where: { wikidataId }, select: { id: true } });
  if (holder && holder.id !== id) {
    throw new AppError('conflict', `Person ${holder.id} already has Wikidata item ${wikidataId}: they are the same person, merge them`, {
      issues: [{ path: ['body', 'wikidataId'], message: `already on person ${holder.id}` }],
    });
  }
}

interface EditableFields {
  description?: string | null;
  kind?: PersonKind;
  pronoun?: Pronoun | null;
  wikidataId?: string | null;
}

export async function createPerson(db: Db, input: { name: string } & EditableFields, actor: Actor): Promise<Person> {
  const nameKey = nameKeyOf(input.name, ['body', 'name']);
  return transaction(db, async (tx) => {
    await assertToldApart(tx, null, nameKey, input.description ?? null);
    await assertWikidataFree(tx, null, input.wikidataId);
    const row = await tx.person.create({
      data: {
        name: input.name.trim(), nameKey, description: input.description ?? null,
        kind: input.kind ?? 'person', pronoun: input.pronoun ?? null, wikidataId: input.wikidataId ?? null,
      },
      select: personSelect,
    });
    const person = toPerson(row);
    await recordRevision(tx, { entityType: 'person', entityId: row.id, action: 'person.create', actor, version: row.version, after: person });
    return person;
  });
}

export async function updatePerson(db: Db, id: number, expected: number, patch: { name?: string } & EditableFields, actor: Actor): Promise<Person> {
  const nameKey = patch.name !== undefined ? nameKeyOf(patch.name, ['body', 'name']) : undefined;
  return transaction(db, async (tx) => {
    const before = await tx.person.findUnique({ where: { id }, select: { ...personSelect, nameKey: true } });
    if (!before) throw personNotFound(id);
    await bumpPersonVersion(tx, id, expected);
    if (nameKey !== undefined || patch.description !== undefined) {
      await assertToldApart(tx, id, nameKey ?? before.nameKey, patch.description !== undefined ? patch.description : before.description);
    }
    await assertWikidataFree(tx, id, patch.wikidataId);
    const row = await tx.person.update({
      where: { id },
      data: {
        ...(patch.name !== undefined ? { name: patch.name.trim(), nameKey } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.pronoun !== undefined ? { pronoun: patch.pronoun } : {}),
        ...(patch.wikidataId !== undefined ? { wikidataId: patch.wikidataId } : {}),
      },
      select: personSelect,
    });
    const after = toPerson(row);
    const { nameKey: _, ...beforeRow } = before;
    const fields = ['name', 'description', 'kind', 'pronoun', 'wikidataId'] as const;
    if (fields.every((f) => after[f] === toPerson(beforeRow)[f])) return new Unchanged(toPerson(beforeRow));
    // Formats show the name, kind and Wikidata item with each article (JSON-LD, ninjs): those articles change.
    if (after.name !== before.name || after.kind !== before.kind || after.wikidataId !== before.wikidataId) await touchArticlesShowing(tx, { personId: id });
    await recordRevision(tx, { entityType: 'person', entityId: id, action: 'person.update', actor, version: row.version, before: toPerson(beforeRow), after });
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
    // What the target does not say, the source may: its Wikidata item, its pronoun.
    const merged = await tx.person.update({
      where: { id: targetId },
      data: {
        version: { increment: 1 },
        ...(target.wikidataId === null && source.wikidataId !== null ? { wikidataId: source.wikidataId } : {}),
        ...(target.pronoun === null && source.pronoun !== null ? { pronoun: source.pronoun } : {}),
      },
      select: personSelect,
    });
    const change = { merged: toPerson(source), into: toPerson(target) };
    for (const articleId of articles) {
      const version = await touchArticleVersion(tx, articleId);
      await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'person.merge', actor, version, before: { personId: sourceId }, after: { personId: targetId } });
    }
    await recordRevision(tx, { entityType: 'person', entityId: targetId, action: 'person.merge', actor, version: merged.version, before: change, after: toPerson(merged) });
    await recordRevision(tx, { entityType: 'person', entityId: sourceId, action: 'person.merged-away', actor, before: toPerson(source), after: { into: targetId } });
  });
}

/**
 * Splits person `sourceId`: the chosen articles' links (with their mentions) and the quotes they say or hear there
 * move to a new person, the same name unless given another — the editor's answer when identity matching joined two
 * people. The new person's description tells the two apart (given, or the role the first moved article gives). The
 * source keeps the rest, and must keep something: moving every article is a rename (PATCH). Merging the new person
 * back (POST /api/people/:id/merge) undoes it; both are in the history of the people and of each article.
 */
export async function splitPerson(
  db: Db,
  sourceId: number,
  input: { articleIds: number[]; name?: string; description?: string | null },
  expected: number,
  actor: Actor,
): Promise<{ id: number }> {
  const nameKey = input.name !== undefined ? nameKeyOf(input.name, ['body', 'name']) : undefined;
  return transaction(db, async (tx) => {
    const source = await tx.person.findUnique({ where: { id: sourceId }, select: { ...personSelect, nameKey: true } });
    if (!source) throw personNotFound(sourceId);
    await bumpPersonVersion(tx, sourceId, expected);
    const wanted = [...new Set(input.articleIds)];
    const [links, quotes] = await Promise.all([
      tx.articlePerson.findMany({ where: { personId: sourceId }, orderBy: { articleId: 'asc' }, select: { articleId: true, role: true } }),
      tx.quote.findMany({ where: { OR: [{ speakerId: sourceId }, { addresseeId: sourceId }] }, distinct: ['articleId'], select: { articleId: true } }),
    ]);
    const theirs = new Set([...links, ...quotes].map((r) => r.articleId));
    const issues = wanted.flatMap((articleId, i) => (theirs.has(articleId) ? [] : [{ path: ['body', 'articleIds', i], message: `person ${sourceId} is not in article ${articleId}` }]));
    if (issues.length) throw new AppError('unprocessable', `Some of these articles do not show person ${sourceId}`, { issues });
    if (wanted.length === theirs.size) {
      throw new AppError('unprocessable', `That is every article of person ${sourceId}: to rename them, PATCH the person`, {
        issues: [{ path: ['body', 'articleIds'], message: 'leave at least one article to the person split' }],
      });
    }
    const moved = new Set(wanted);
    const firstRole = links.find((l) => moved.has(l.articleId) && l.role)?.role ?? null;
    const description = input.description !== undefined ? input.description : namesakeDescription(firstRole);
    await assertToldApart(tx, null, nameKey ?? source.nameKey, description);
    const created = await tx.person.create({
      data: { name: input.name?.trim() ?? source.name, nameKey: nameKey ?? source.nameKey, kind: source.kind, description },
      select: personSelect,
    });
    const inArticles = { articleId: { in: wanted } };
    await tx.articlePerson.updateMany({ where: { personId: sourceId, ...inArticles }, data: { personId: created.id } });
    await tx.quote.updateMany({ where: { speakerId: sourceId, ...inArticles }, data: { speakerId: created.id } });
    await tx.quote.updateMany({ where: { addresseeId: sourceId, ...inArticles }, data: { addresseeId: created.id } });
    const { nameKey: _, ...sourceRow } = source;
    const remains = await tx.person.findUniqueOrThrow({ where: { id: sourceId }, select: personSelect });
    for (const articleId of [...moved].sort((a, b) => a - b)) {
      const version = await touchArticleVersion(tx, articleId);
      await recordRevision(tx, { entityType: 'article', entityId: articleId, action: 'person.split', actor, version, before: { personId: sourceId }, after: { personId: created.id } });
    }
    const change = { from: toPerson(sourceRow), articleIds: [...moved].sort((a, b) => a - b) };
    await recordRevision(tx, { entityType: 'person', entityId: sourceId, action: 'person.split', actor, version: remains.version, before: change, after: { into: created.id } });
    await recordRevision(tx, { entityType: 'person', entityId: created.id, action: 'person.split-off', actor, version: created.version, before: change, after: toPerson(created) });
    return { id: created.id };
  });
}

function unite(...lists: (string[] | string)[]): string[] {
  return [...new Set(lists.flat())];
}

