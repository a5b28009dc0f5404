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
 * Writes one article's planned rows through Prisma: a handful of set-based statements for an ordinary article
 * (Prisma's per-call overhead dominates a write, docs/performance.md), in slices of about 20 ms each for a long
 * one, with a turn of the event loop between slices. Ids come from the database and are set on the plan's rows as they
 * are created, keyed by what is unique about them (slug, position, name key), so later rows point at them; the
 * history entry and its event's outbox rows are the planner's, as the bulk ingest writes them.
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
    const created = await inSlices(rows.paragraphs, (slice) =>
      tx.paragraph.createManyAndReturn({
        data: slice.map((p) => ({ articleId: p.article.id, position: p.position, text: p.text })),
        select: { id: true, articleId: true, position: true },
      }),
    );
    const byPlace = new Map(created.map((p) => [`${p.articleId}:${p.position}`, p.id]));
    for (const p of rows.paragraphs) p.id = byPlace.get(`${p.article.id}:${p.position}`)!;
  }
  if (rows.people.length) {
    // Namesakes share a name key: ids are matched to rows by their order, which createManyAndReturn (and the slices,
    // written one after the other) keep.
    const created = await inSlices(rows.people, (slice) =>
      tx.person.createManyAndReturn({
        data: slice.map((p) => ({ name: p.name, nameKey: p.nameKey, kind: p.kind, description: p.description, pronoun: p.givenPronoun })),
        select: { id: true, nameKey: true },
      }),
    );
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
    const created = await inSlices(rows.links, (slice) =>
      tx.articlePerson.createManyAndReturn({
        data: slice.map((l) => ({
          articleId: l.article.id, personId: l.person.id, role: l.role, roleTitle: l.roleTitle, roleCategory: l.roleCategory, aliases: JSON.parse(l.aliases),
        })),
        select: { id: true, articleId: true, personId: true },
      }),
    );
    const byPair = new Map(created.map((l) => [`${l.articleId}:${l.personId}`, l.id]));
    for (const l of rows.links) l.id = byPair.get(`${l.article.id}:${l.person.id}`)!;
  }
  if (rows.mentions.length) {
    await inSlices(rows.mentions, async (slice) => {
      await tx.mention.createMany({ data: slice.map((m) => ({ articlePersonId: m.link.id, paragraphId: m.paragraph.id })) });
      return [];
    });
  }
  if (rows.quotes.length) {
    await inSlices(rows.quotes, async (slice) => {
      await tx.quote.createMany({
        data: slice.map((q) => ({
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
      return [];
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

/**
 * Rows in the first statement of a long article. Prisma compiles a createMany on the calling thread, about 0.3 ms a
 * row on an idle core and several times that on a busy machine (the 10,000 rows of an article at the write budget
 * took 3 s in one piece, issue 21).
 */
export const SLICE_ROWS = 50;

/** What one slice may hold the thread for; the next slice is sized from how long the last one took. */
const SLICE_MS = 20;
const SLICE_BOUNDS = { min: 10, max: 1_000 } as const;

/**
 * Runs `write` on consecutive slices of `rows` and gathers what it returns. Between slices the event loop turns, so
 * other requests are answered while a long article is written: better-sqlite3 answers synchronously, and a
 * transaction that never waits for I/O would otherwise never let them in. Each slice is sized so that it takes about
 * SLICE_MS: large on an idle machine (fewer statements), small on a loaded one (shorter waits for everyone else).
 * The slices are statements of one transaction: the article is still written whole or not at all. (On SQLite, the
 * reads served meanwhile go to the read connection, src/db/sqlite-adapter.ts, and see none of it until it commits.)
 */
async function inSlices<R, T>(rows: R[], write: (slice: R[]) => Promise<T[]>): Promise<T[]> {
  if (rows.length <= SLICE_ROWS) return write(rows);
  const out: T[] = [];
  let size: number = SLICE_ROWS;
  for (let at = 0; at < rows.length; ) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    const slice = rows.slice(at, at + size);
    out.push(...(await write(slice)));
    at += slice.length;
    const took = Math.max(performance.now() - started, 1);
    size = Math.min(SLICE_BOUNDS.max, Math.max(SLICE_BOUNDS.min, Math.round((size * SLICE_MS) / took)));
  }
  return out;
}
