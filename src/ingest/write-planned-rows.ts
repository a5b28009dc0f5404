import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { recordRevision } from '../history/record-revision.ts';
import type { ArticleFields, Known, PlannedRows } from './bulk/plan-batch.ts';
import { toKnownArticle } from './bulk/plan-batch.ts';

/**
 * What the planner (src/ingest/bulk/plan-batch.ts) knows of the store, read through Prisma in the caller's
 * transaction: the per-article import's side of BulkConnection.lookup (the same columns, KNOWN_ARTICLE_COLUMNS).
 */
export async function lookupKnown(tx: Tx, wanted: { slugs: string[]; nameKeys: string[] }): Promise<Known> {
  const known: Known = { articles: new Map(), people: new Map() };
  if (wanted.slugs.length) {
    const articles = await tx.article.findMany({
      where: { slug: { in: wanted.slugs } },
      select: { id: true, slug: true, isStub: true, contentHash: true, version: true, standfirst: true, deletedAt: true },
    });
    for (const a of articles) {
      known.articles.set(a.slug, toKnownArticle({ ...a, is_stub: a.isStub, content_hash: a.contentHash, deleted_at: a.deletedAt }));
    }
  }
  if (wanted.nameKeys.length) {
    const people = await tx.person.findMany({ where: { nameKey: { in: wanted.nameKeys } }, select: { id: true, name: true, nameKey: true } });
    for (const p of people) known.people.set(p.nameKey, { id: p.id, name: p.name });
  }
  return known;
}

/**
 * Writes one article's planned rows through Prisma: a handful of set-based statements for an ordinary article
 * (Prisma's per-call overhead dominates a write, docs/performance.md), in slices of about 20 ms each for a long
 * one, with a turn of the event loop between slices. Ids come from the database and are set on the plan's rows as they
 * are created, keyed by what is unique about them (slug, position, name key), so later rows point at them; the
 * history entry goes through recordRevision like every other write.
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
    const created = await inSlices(rows.people, (slice) => tx.person.createManyAndReturn({ data: slice.map(({ id, ...p }) => p), select: { id: true, nameKey: true } }));
    const byKey = new Map(created.map((p) => [p.nameKey, p.id]));
    for (const p of rows.people) p.id = byKey.get(p.nameKey)!;
  }
  if (rows.links.length) {
    const created = await inSlices(rows.links, (slice) =>
      tx.articlePerson.createManyAndReturn({
        data: slice.map((l) => ({ articleId: l.article.id, personId: l.person.id, role: l.role, aliases: JSON.parse(l.aliases) })),
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
  for (const v of rows.revisions) await recordRevision(tx, { ...v.entry, entityId: v.article.id, snapshot: v.snapshot() });
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
