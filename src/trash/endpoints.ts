import { z } from 'zod';
import { ArticleSummary, articleSummarySelect, toArticleSummary } from '../articles/article-view.ts';
import { endpoint } from '../http/endpoint.ts';
import { CursorQuery, IdParams, LimitQuery, PageMeta } from '../http/schemas.ts';
import { TrashedArticle, listTrash } from './list-trash.ts';
import { restoreFromTrash } from './move-to-trash.ts';
import { purgeArticle } from './purge-article.ts';

const tag = 'trash';

export const list = endpoint({
  operationId: 'listTrash',
  summary: 'Articles in the trash, most recently trashed first',
  description:
    'What DELETE /api/articles/:id put there, with who and when, and when the retention (TRASH_RETENTION_DAYS) empties it. A cursor this API did not issue is a 422.',
  tag,
  query: z.strictObject({ cursor: CursorQuery, limit: LimitQuery }),
  responses: { 200: { description: 'a page of trashed articles', schema: z.object({ data: z.array(TrashedArticle), meta: PageMeta }) } },
  errors: [422],
  async handle({ query, db, config }) {
    const limit = query.limit ?? 20;
    const { data, nextCursor } = await listTrash(db, { cursor: query.cursor, limit, retentionDays: config.trashRetentionDays });
    return { status: 200, body: { data, meta: { limit, nextCursor } } };
  },
});

export const restore = endpoint({
  operationId: 'restoreArticle',
  summary: 'Bring an article back from the trash, with everything it had',
  description: 'Its paragraphs, quotes, people and related links are as they were; links to it from other articles show it again. A new version (the response’s ETag). 409 if it is not in the trash.',
  tag,
  params: IdParams,
  entity: 'article',
  responses: { 200: { description: 'the article, back', schema: ArticleSummary, etag: true } },
  errors: [404, 409],
  async handle({ params, db, actor }) {
    await restoreFromTrash(db, params.id, actor);
    const row = await db.article.findUniqueOrThrow({ where: { id: params.id }, select: articleSummarySelect });
    return { status: 200, body: toArticleSummary(row), entity: row };
  },
});

export const purge = endpoint({
  operationId: 'purgeArticle',
  summary: 'Empty an article from the trash: deleted for good (admins)',
  description: 'Its history stays (the last entry, article.purge, holds the whole article). Links to it from other articles are removed, in their history too.',
  tag,
  params: IdParams,
  responses: { 204: { description: 'deleted for good' } },
  errors: [404],
  async handle({ params, db, actor }) {
    await purgeArticle(db, params.id, actor);
    return { status: 204 };
  },
});
