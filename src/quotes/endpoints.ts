import { z } from 'zod';
import { assertRules } from '../articles/rules.ts';
import { canSeeUnpublished } from '../auth/access.ts';
import { endpoint } from '../http/endpoint.ts';
import { IdParams, PageMeta } from '../http/schemas.ts';
import { listQuotes } from './list-quotes.ts';
import { Quote } from './quote-view.ts';
import { CreateQuoteBody, ListQuotesQuery, PatchQuoteBody, QuoteParams, oneParagraphReference } from './schemas.ts';
import { createQuote, deleteQuote, updateQuote } from './write-quotes.ts';

const tag = 'quotes';

export const list = endpoint({
  operationId: 'listQuotes',
  summary: 'List quotes, filtered by speaker, article or kind',
  description: 'Readers without a token see quotes in published articles only.',
  tag,
  query: ListQuotesQuery,
  responses: { 200: { description: 'a page of quotes', schema: z.object({ data: z.array(Quote), meta: PageMeta }) } },
  errors: [422],
  async handle({ query, db, principal }) {
    const limit = query.limit ?? 20;
    const { data, nextCursor } = await listQuotes(db, { ...query, limit, publishedOnly: !canSeeUnpublished(principal) });
    return { status: 200, body: { data, meta: { limit, nextCursor } } };
  },
});

export const create = endpoint({
  operationId: 'createQuote',
  summary: 'Add a quote to an article',
  description:
    'Rules across fields, each a 422 naming the field: exactly one of paragraphId or paragraph; the paragraph is one of this article’s; ' +
    'a scare quote has no speaker; offsets come both or neither, start before end, and frame the quote text in its paragraph.',
  tag,
  params: IdParams,
  body: { type: 'json', schema: CreateQuoteBody },
  entity: 'article',
  ifMatch: true,
  responses: { 201: { description: 'the quote; ETag is the article’s', schema: Quote, etag: true, location: true } },
  errors: [404, 422],
  async handle({ params, body, db, expected, actor }) {
    assertRules(body, [oneParagraphReference]);
    const { value, version } = await createQuote(db, params.id, expected, body, actor);
    return { status: 201, body: value, entity: { id: params.id, version }, location: `/api/quotes/${value.id}` };
  },
});

export const patch = endpoint({
  operationId: 'updateQuote',
  summary: "Fix a quote's text, kind or speaker",
  description: 'If-Match takes the ETag of the quote’s article (an article and its quotes are one unit).',
  tag,
  params: QuoteParams,
  body: { type: 'json', schema: PatchQuoteBody },
  entity: 'article',
  ifMatch: true,
  responses: { 200: { description: 'the quote; ETag is the article’s', schema: Quote, etag: true } },
  errors: [404, 422],
  async handle({ params, body, db, expectedFor, actor }) {
    const { value, version } = await updateQuote(db, params.quoteId, expectedFor, body, actor);
    return { status: 200, body: value, entity: { id: value.articleId, version } };
  },
});

export const remove = endpoint({
  operationId: 'deleteQuote',
  summary: 'Delete a quote',
  tag,
  params: QuoteParams,
  entity: 'article',
  ifMatch: true,
  responses: { 204: { description: 'deleted; ETag is the article’s new one', etag: true } },
  errors: [404],
  async handle({ params, db, expectedFor, actor }) {
    const { articleId, version } = await deleteQuote(db, params.quoteId, expectedFor, actor);
    return { status: 204, entity: { id: articleId, version } };
  },
});
