import { z } from 'zod';
import { ArticleRef, articleRefSelect } from '../articles/article-view.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { DateTime } from '../http/schemas.ts';
import { ArticleSnapshot } from './article-snapshot.ts';

const PersonName = z.object({ id: z.number().int(), name: z.string() });

export const ArticleRevision = z
  .object({
    articleId: z.number().int(),
    version: z.number().int().meta({ description: 'the version asked for (the n of the ETag "article-<id>-v<n>")' }),
    recordedBy: z
      .object({ id: z.number().int(), action: z.string(), actor: z.string(), version: z.number().int(), createdAt: DateTime })
      .meta({ description: 'the history entry that left the article so: the newest change at or before this version (versions moved by a change to another record — a person renamed, a related stub filled — show the content of the change before)' }),
    article: ArticleSnapshot.shape.article,
    paragraphs: z.array(z.object({ position: z.number().int(), text: z.string() })),
    quotes: z.array(
      ArticleSnapshot.shape.quotes.element.omit({ paragraph: true }).extend({
        paragraphPosition: z.number().int(),
        speaker: PersonName.nullable().meta({ description: 'who said it, with the name they had then' }),
      }),
    ),
    people: ArticleSnapshot.shape.people.meta({ description: 'with the names they had then; `paragraphs` are positions' }),
    related: z.array(
      z.object({
        position: z.number().int(),
        title: z.string(),
        articleId: z.number().int(),
        article: ArticleRef.nullable().meta({ description: 'the related article as it is now; null if it has since been deleted for good' }),
        trashed: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ArticleRevision' });
export type ArticleRevision = z.infer<typeof ArticleRevision>;

export interface RecordedSnapshot {
  entry: { id: number; action: string; actor: string; version: number; createdAt: Date };
  snapshot: ArticleSnapshot;
}

/**
 * The article's content at version `n`: the snapshot of the newest history entry at or before n. Versions go up to
 * the article's current one (or, for an article deleted for good, the last its history knows).
 */
export async function findSnapshot(db: Db | Tx, articleId: number, n: number): Promise<RecordedSnapshot> {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { version: true } });
  const last = article?.version ?? (await db.revision.findFirst({ where: { entityType: 'article', entityId: articleId, version: { not: null } }, orderBy: { version: 'desc' }, select: { version: true } }))?.version;
  if (last == null) throw new AppError('not_found', `No article with id ${articleId}, and none ever had a history`);
  if (n > last) throw new AppError('not_found', `Article ${articleId} has no version ${n}: its ${article ? 'current' : 'last'} version is ${last}`);
  const row = await newestWithSnapshot(db, articleId, n);
  if (!row) {
    throw new AppError('not_found', `Version ${n} of article ${articleId} has no recorded content: it was made before the history kept the article's content (or the article was a stub then)`);
  }
  const parsed = ArticleSnapshot.safeParse(row.snapshot);
  if (!parsed.success) throw new AppError('internal', `The history entry ${row.id} holds a snapshot this version cannot read`);
  return { entry: { id: row.id, action: row.action, actor: row.actor, version: row.version!, createdAt: row.createdAt }, snapshot: parsed.data };
}

/**
 * Entries without a snapshot (the trash and back) are few: read newest first a page at a time, rather than filter
 * on a JSON column's NULL, which the two databases' clients spell differently.
 */
async function newestWithSnapshot(db: Db | Tx, articleId: number, n: number) {
  let before: number | undefined;
  for (;;) {
    const rows = await db.revision.findMany({
      where: { entityType: 'article', entityId: articleId, version: { lte: n }, ...(before ? { id: { lt: before } } : {}) },
      orderBy: { id: 'desc' },
      take: 20,
      select: { id: true, action: true, actor: true, version: true, createdAt: true, snapshot: true },
    });
    const found = rows.find((r) => r.snapshot !== null);
    if (found || rows.length < 20) return found ?? null;
    before = rows[rows.length - 1]!.id;
  }
}

export async function loadArticleRevision(db: Db, articleId: number, n: number): Promise<ArticleRevision> {
  const { entry, snapshot } = await findSnapshot(db, articleId, n);
  const ids = snapshot.related.map((r) => r.id);
  const targets = ids.length ? await db.article.findMany({ where: { id: { in: ids } }, select: { ...articleRefSelect, deletedAt: true } }) : [];
  const byId = new Map(targets.map(({ deletedAt, ...ref }) => [ref.id, { ref, trashed: deletedAt !== null }]));
  return {
    articleId,
    version: n,
    recordedBy: { ...entry, createdAt: entry.createdAt.toISOString() },
    article: snapshot.article,
    paragraphs: snapshot.paragraphs.map((text, i) => ({ position: i + 1, text })),
    quotes: snapshot.quotes.map(({ paragraph, ...q }) => ({ ...q, paragraphPosition: paragraph })),
    people: snapshot.people,
    related: snapshot.related.map((r, i) => ({
      position: i + 1,
      title: r.title,
      articleId: r.id,
      article: byId.get(r.id)?.ref ?? null,
      trashed: byId.get(r.id)?.trashed ?? false,
    })),
  };
}
