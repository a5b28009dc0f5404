import { z } from 'zod';
import { AppError } from '../errors.ts';
import { endpoint } from '../http/endpoint.ts';
import { CursorQuery, IdParams, LimitQuery, PageMeta } from '../http/schemas.ts';
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
