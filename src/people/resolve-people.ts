import type { Tx } from '../db/client.ts';
import { AppError, type ErrorIssue } from '../errors.ts';
import { type Actor, recordRevision } from '../history/record-revision.ts';
import { lockPeopleIdentity } from './identity-lock.ts';
import { personNameKey } from './name-key.ts';
import { personSelect, toPerson } from './person-view.ts';

export type PersonRef = { id: number } | { name: string };

/** A stable key for a reference, so the same person named twice resolves once. */
export const refKey = (ref: PersonRef) => ('id' in ref ? `id:${ref.id}` : `name:${personNameKey(ref.name)}`);

/**
 * Person references → person ids, in a few queries for any number of references. By id: the person must exist
 * (422 with the reference's path otherwise). By name: matched on the name key (case, accents, punctuation folded; the
 * oldest of namesakes),
 * created when nobody matches — so "Wang Yi" in a quote joins the Wang Yi already in the store. A person created here
 * has a person.create entry in their history, by the editor whose write named them.
 */
export async function resolvePeople(tx: Tx, refs: { ref: PersonRef; path: (string | number)[] }[], actor: Actor): Promise<Map<string, number>> {
  const resolved = new Map<string, number>();
  const ids = [...new Set(refs.flatMap(({ ref }) => ('id' in ref ? [ref.id] : [])))];
  if (ids.length) {
    const found = await tx.person.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const known = new Set(found.map((p) => p.id));
    const issues: ErrorIssue[] = refs
      .filter(({ ref }) => 'id' in ref && !known.has(ref.id))
      .map(({ ref, path }) => ({ path, message: `no person with id ${(ref as { id: number }).id}` }));
    if (issues.length) throw new AppError('unprocessable', 'Some referenced people do not exist', { issues });
    for (const id of ids) resolved.set(`id:${id}`, id);
  }
  const names = new Map<string, string>(); // key → the name as first written
  for (const { ref, path } of refs) {
    if ('id' in ref) continue;
    const key = personNameKey(ref.name);
    if (!key) throw new AppError('unprocessable', 'A person name needs letters or digits', { issues: [{ path, message: 'not a name' }] });
    if (!names.has(key)) names.set(key, ref.name.trim());
  }
  if (names.size) {
    await lockPeopleIdentity(tx);
    // Among namesakes the oldest is the one a name alone means; an editor who means another names them by id.
    const existing = await tx.person.findMany({ where: { nameKey: { in: [...names.keys()] } }, orderBy: { id: 'asc' }, select: { id: true, nameKey: true } });
    for (const p of existing) if (!resolved.has(`name:${p.nameKey}`)) resolved.set(`name:${p.nameKey}`, p.id);
    for (const [key, name] of names) {
      if (resolved.has(`name:${key}`)) continue;
      const created = await tx.person.create({ data: { name, nameKey: key }, select: personSelect });
      await recordRevision(tx, { entityType: 'person', entityId: created.id, action: 'person.create', actor, version: created.version, after: toPerson(created) });
      resolved.set(`name:${key}`, created.id);
    }
  }
  return resolved;
}

/** Makes sure each person has an article_people row in the article; returns person id → article_people id. */
export async function ensureArticlePeople(tx: Tx, articleId: number, personIds: number[]): Promise<Map<number, number>> {
  const wanted = [...new Set(personIds)];
  const links = new Map<number, number>();
  if (!wanted.length) return links;
  const existing = await tx.articlePerson.findMany({ where: { articleId, personId: { in: wanted } }, select: { id: true, personId: true } });
  for (const l of existing) links.set(l.personId, l.id);
  for (const personId of wanted) {
    if (links.has(personId)) continue;
    const created = await tx.articlePerson.create({ data: { articleId, personId }, select: { id: true } });
    links.set(personId, created.id);
  }
  return links;
}
