import { z } from 'zod';
import { AppError } from '../errors.ts';
import { endpoint } from '../http/endpoint.ts';
import { CursorQuery, IdParams, IdString, LimitQuery, PageMeta } from '../http/schemas.ts';
import { ArticleDetail, loadArticleDetail } from '../articles/get-article.ts';
import { ArticleRevision, loadArticleRevision } from './article-revision.ts';
import { restoreRevision } from './restore-revision.ts';
import { type EntityType } from './record-revision.ts';
import { Revision, hasHistory, listHistory } from './list-history.ts';

const HistoryQuery = z.strictObject({ cursor: CursorQuery, limit: LimitQuery });
const HistoryPage = z.object({ data: z.array(Revision), meta: PageMeta });

function historyOf(entityType: EntityType, operationId: string) {
  return endpoint({
    operationId,
    summary: `Every change to the ${entityType}, newest first: who, when, what (before/after)`,
    description: entityType === 'article' ? 'Includes changes to its paragraphs, quotes, people and related links. Deleted articles keep their history.' : undefined,
    tag: 'history',
    params: IdParams,
    query: HistoryQuery,
    responses: { 200: { description: 'a page of revisions', schema: HistoryPage } },
    errors: [404, 422],
    async handle({ params, query, db }) {
      const limit = query.limit ?? 20;
      const { data, nextCursor } = await listHistory(db, entityType, params.id, { cursor: query.cursor, limit });
      if (!data.length && !query.cursor && !(await hasHistory(db, entityType, params.id))) {
        // Only the history of something that never existed is missing (rows made outside the API may have none).
        const exists = entityType === 'article'
          ? await db.article.findUnique({ where: { id: params.id }, select: { id: true } })
          : await db.person.findUnique({ where: { id: params.id }, select: { id: true } });
        if (!exists) throw new AppError('not_found', `No ${entityType} with id ${params.id}, and none ever had a history`);
      }
      return { status: 200, body: { data, meta: { limit, nextCursor } } };
    },
  });
}

export const articleHistory = historyOf('article', 'articleHistory');
export const personHistory = historyOf('person', 'personHistory');

const RevisionParams = z.strictObject({
  id: IdString.meta({ description: 'the article id' }),
  n: IdString.meta({ description: 'a version of the article: 1 is as first stored; the n of its ETag "article-<id>-v<n>"' }),
});

export const articleRevision = endpoint({
  operationId: 'getArticleRevision',
  summary: 'The article as it was at version n: paragraphs, quotes with speakers, people, related',
  description:
    'Names and titles as they were then; related articles also as they are now. Every version from the first write that kept the content ' +
    '(history keeps a snapshot of the article with each change) is there, for articles in the trash and deleted ones too.',
  tag: 'history',
  params: RevisionParams,
  responses: { 200: { description: 'the article at that version', schema: ArticleRevision } },
  errors: [404],
  async handle({ params, db }) {
    return { status: 200, body: await loadArticleRevision(db, params.id, params.n) };
  },
});

export const restoreArticleRevision = endpoint({
  operationId: 'restoreArticleRevision',
  summary: 'Make version n the current content, as a new version',
  description:
    'Its own fields, paragraphs, quotes, people and related links replace the current ones; the history entry (article.revision.restore) ' +
    'names n. People or related articles deleted since are found again by name or headline, or made again (a related one as a stub). ' +
    '409 when the slug it had is another article’s now.',
  tag: 'history',
  params: RevisionParams,
  entity: 'article',
  ifMatch: true,
  responses: { 200: { description: 'the article as it now is', schema: ArticleDetail, etag: true } },
  errors: [404, 409],
  async handle({ params, db, expected, actor }) {
    await restoreRevision(db, params.id, params.n, expected, actor);
    const article = await loadArticleDetail(db, params.id);
    return { status: 200, body: article, entity: article };
  },
});
