import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { storeRevisionRows } from '../history/record-revision.ts';
import { lockPeopleIdentity } from '../people/identity-lock.ts';
import { readSubscribers, writeOutbox } from '../webhooks/emit-events.ts';
import type { ArticleFields, Known, PlannedRows } from './bulk/plan-batch.ts';
import { KNOWN_ROLES_LIMIT, addKnownPerson, plannedRevisionRow, toKnownArticle, toKnownPerson } from './bulk/plan-batch.ts';

/**
 * What the planner (src/ingest/bulk/plan-batch.ts) knows of the store, read through Prisma in the caller's
 * transaction: the per-article import's side of BulkConnection.lookup (the same columns, KNOWN_ARTICLE_COLUMNS).
 */
export async function lookupKnown(tx: Tx, wanted: { slugs: string[]; nameKeys: string[] }): Promise<Known> {
  const known: Known = { articles: new Map(), people: new Map(), subscribers: await readSubscribers(tx) };
  if (wanted.slugs.length) {
    const articles = await tx.article.findMany({
      where: { slug: { in: wanted.slugs } },
      select: { id: true, slug: true, isStub: true, contentHash: true, version: true, standfirst: true, deletedAt: true },
    });
    for (const a of articles) {
      known.articles.set(a.slug, toKnownArticle({ ...a, is_stub: a.isStub, content_hash: a.contentHash, deleted_at: a.deletedAt }));
    }
  }
  if (wanted.nameKeys.length) known.people = await lookupKnownPeople(tx, wanted.nameKeys);
  return known;
}

/** The people with these name keys, oldest first, each with their latest roles (as the bulk lookups read them). */
export async function lookupKnownPeople(tx: Tx, nameKeys: string[]): Promise<Known['people']> {
  const people = new Map() as Known['people'];
  await lockPeopleIdentity(tx);
  const rows = await tx.person.findMany({
    where: { nameKey: { in: nameKeys } },
    orderBy: { id: 'asc' },
    select: { id: true, name: true, nameKey: true, kind: true, pronoun: true },
  });
  const roles = await Promise.all(
    rows.map((p) =>
      tx.articlePerson.findMany({ where: { personId: p.id, role: { not: null } }, orderBy: { articleId: 'desc' }, take: KNOWN_ROLES_LIMIT, select: { role: true } }),
    ),
  );
  rows.forEach((p, i) => addKnownPerson(people, p.nameKey, toKnownPerson({ ...p, name_key: p.nameKey }, roles[i]!.map((r) => r.role!))));
  return people;
}

/**
 * Writes one article's planned rows through Prisma: a handful of set-based statements whatever its size (Prisma's
 * per-call overhead dominates a write, docs/performance.md). Ids come from the database and are set on the plan's
 * rows as they are created, keyed by what is unique about them (slug, position, name key), so later rows point at
 * them; the history entry and its event's outbox rows are the planner's, as the bulk ingest writes them.
 */
export async function writePlannedRows(tx: Tx, rows: PlannedRows): Promise<void> {
  if (rows.articles.length) {
    const created = await tx.article.createManyAndReturn({
      data: rows.articles.map(({ id, ...a }) => ({ ...a, publishedAt: toDate(a.publishedAt) })),
      select: { id: true, slug: true },
    });
    const bySlug = new Map(created.map((a) => [a.slug, a.id]));
    for (const a of rows.articles) a.id = bySlug.get(a.slug)!;
  }
  for (const { article, version, ...fields } of rows.fills) {
    // The planner read the version in this transaction; a writer that moved it since makes this a conflict, retried.
    const { count } = await tx.article.updateMany({
      where: { id: article.id, version: version - 1 },
      data: { ...(fields satisfies Omit<ArticleFields, 'version'>), publishedAt: toDate(fields.publishedAt), version },
    });
    if (count !== 1) throw new AppError('conflict', `article ${article.id} was changed by another writer while this text was stored; try again`);
  }
  if (rows.paragraphs.length) {
    const created = await tx.paragraph.createManyAndReturn({
      data: rows.paragraphs.map((p) => ({ articleId: p.article.id, position: p.position, text: p.text })),
      select: { id: true, articleId: true, position: true },
    });
    const byPlace = new Map(created.map((p) => [`${p.articleId}:${p.position}`, p.id]));
    for (const p of rows.paragraphs) p.id = byPlace.get(`${p.article.id}:${p.position}`)!;
  }
  if (rows.people.length) {
    // Namesakes share a name key: ids are matched to rows by their order, which createManyAndReturn keeps.
    const created = await tx.person.createManyAndReturn({
      data: rows.people.map((p) => ({ name: p.name, nameKey: p.nameKey, kind: p.kind, description: p.description, pronoun: p.givenPronoun })),
      select: { id: true, nameKey: true },
    });
    created.sort((a, b) => a.id - b.id);
    rows.people.forEach((p, i) => {
      if (created[i]?.nameKey !== p.nameKey) throw new Error('people were created out of order');
      p.id = created[i]!.id;
    });
  }
  for (const { person, pronoun } of rows.pronouns) {
    await tx.person.updateMany({ where: { id: person.id, pronoun: null }, data: { pronoun, version: { increment: 1 } } });
  }
  if (rows.links.length) {
    const created = await tx.articlePerson.createManyAndReturn({
      data: rows.links.map((l) => ({ articleId: l.article.id, personId: l.person.id, role: l.role, roleTitle: l.roleTitle, roleCategory: l.roleCategory, aliases: JSON.parse(l.aliases) })),
      select: { id: true, articleId: true, personId: true },
    });
    const byPair = new Map(created.map((l) => [`${l.articleId}:${l.personId}`, l.id]));
    for (const l of rows.links) l.id = byPair.get(`${l.article.id}:${l.person.id}`)!;
  }
  if (rows.mentions.length) {
    await tx.mention.createMany({ data: rows.mentions.map((m) => ({ articlePersonId: m.link.id, paragraphId: m.paragraph.id })) });
  }
  if (rows.quotes.length) {
    await tx.quote.createMany({
      data: rows.quotes.map((q) => ({
        articleId: q.article.id,
        paragraphId: q.paragraph.id,
        text: q.text,
        kind: q.kind as 'direct' | 'partial' | 'scare',
        speakerId: q.speaker?.id ?? null,
        addresseeId: q.addressee?.id ?? null,
        verb: q.verb,
        startOffset: q.startOffset,
        endOffset: q.endOffset,
        paragraphSpan: q.paragraphSpan,
      })),
    });
  }
  if (rows.related.length) {
    await tx.relatedArticle.createMany({ data: rows.related.map((r) => ({ articleId: r.article.id, relatedId: r.related.id, position: r.position, title: r.title })) });
  }
  // History and the outbox as the planner made them, beside the rows they describe (the bulk writers store the same).
  await storeRevisionRows(tx, rows.revisions.map(plannedRevisionRow));
  await writeOutbox(tx, rows.events, rows.deliveries);
}

const toDate = (iso: string | null) => (iso === null ? null : new Date(iso));
