import { z } from 'zod';
import { canSeeUnpublished } from '../auth/access.ts';
import { AppError } from '../errors.ts';
import { endpoint } from '../http/endpoint.ts';
import { CursorQuery, PageMeta, integerText, text } from '../http/schemas.ts';
import { SearchResult, searchArticles } from './search-articles.ts';
import { RANK_WINDOW } from './search-sql.ts';

const SearchQuery = z.strictObject({
  q: text(200).meta({
    description: 'words (stemmed), "exact phrases", prefix*, -excluded or NOT excluded, a OR b',
    example: '"strategic focus" putin -taiwan',
  }),
  status: z.enum(['draft', 'published', 'archived']).optional().meta({ description: 'editors: one status (default: all but stubs); readers see published only' }),
  cursor: CursorQuery,
  limit: integerText(1, 50)
    .optional()
    .meta({ description: 'page size, 1–50 (default 10)' }),
});

export const search = endpoint({
  operationId: 'searchArticles',
  summary: 'Full-text search over headlines, paragraphs and quotes, best match first',
  description:
    'Each result is an article with its best matches (headline, paragraphs, quotes) as snippets with the matched words as offsets. ' +
    'A query the syntax cannot read (an unclosed quote, a stray OR or -, * alone) is a 422 saying what to fix. Readers see published articles only. ' +
    `Relevance is computed for the ${RANK_WINDOW.toLocaleString('en')} most recently added matching articles, so a search costs the same in a large archive ` +
    'as in a small one; for a word found in more articles than that, add words or a "phrase" to reach older ones.',
  tag: 'search',
  query: SearchQuery,
  errors: [401, 422],
  responses: { 200: { description: 'a page of results', schema: z.object({ data: z.array(SearchResult), meta: PageMeta }) } },
  async handle({ query, db, principal }) {
    if (!canSeeUnpublished(principal) && query.status && query.status !== 'published') {
      throw new AppError('unauthorized', 'Searching unpublished articles needs a token');
    }
    const statuses = !canSeeUnpublished(principal) ? ['published'] : query.status ? [query.status] : ['draft', 'published', 'archived'];
    const limit = query.limit ?? 10;
    const { data, nextCursor } = await searchArticles(db, { q: query.q, statuses, limit, cursor: query.cursor });
    return { status: 200, body: { data, meta: { limit, nextCursor } } };
  },
});
