import { z } from 'zod';
import { assertRules } from '../articles/rules.ts';
import { canSeeUnpublished } from '../auth/access.ts';
import { actorOf, endpoint } from '../http/endpoint.ts';
import { assertIfMatchPresent, expectedVersion, formatEtag } from '../http/etag.ts';
import { IdParams, PageMeta } from '../http/schemas.ts';
import { listQuotes } from './list-quotes.ts';
import { Quote } from './quote-view.ts';
import { CreateQuoteBody, ListQuotesQuery, PatchQuoteBody, QuoteParams, oneParagraphReference } from './schemas.ts';
import { createQuote, deleteQuote, updateQuote } from './write-quotes.ts';

const tag = 'quotes';
const etag = (articleId: number, version: number) => formatEtag('article', articleId, version);

export const list = endpoint({
  operationId: 'listQuotes',
  summary: 'List quotes, filtered by speaker, article or kind',
  description: 'Readers without a token see quotes in published articles only.',
  tag,
  query: ListQuotesQuery,
  responses: { 200: { description: 'a page of quotes', schema: z.object({ data: z.array(Quote), meta: PageMeta }) } },
  async handle({ query, db, principal }) {
    const limit = query.limit ?? 20;
    const { data, nextCursor } = await listQuotes(db, { ...query, limit, publishedOnly: !canSeeUnpublished(principal) });
    return { status: 200, body: { data, meta: { limit, nextCursor } } };
  },
});

export const create = endpoint({
  operationId: 'createQuote',
  summary: 'Add a quote to an article',
  tag,
  params: IdParams,
  body: { type: 'json', schema: CreateQuoteBody },
  ifMatch: true,
  responses: { 201: { description: 'the quote; ETag is the article’s', schema: Quote, etag: true, location: true } },
  errors: [404, 422],
  async handle({ params, body, db, principal, ifMatch }) {
    assertRules(body, [oneParagraphReference]);
    const expected = expectedVersion(ifMatch, 'article', params.id);
    const { value, version } = await createQuote(db, params.id, expected, body, actorOf(principal));
    return { status: 201, body: value, etag: etag(params.id, version), location: `/api/quotes/${value.id}` };
  },
});

export const patch = endpoint({
  operationId: 'updateQuote',
  summary: "Fix a quote's text, kind or speaker",
  description: 'If-Match takes the ETag of the quote’s article (an article and its quotes are one unit).',
  tag,
  params: QuoteParams,
  body: { type: 'json', schema: PatchQuoteBody },
  ifMatch: true,
  responses: { 200: { description: 'the quote; ETag is the article’s', schema: Quote, etag: true } },
  errors: [404, 422],
  async handle({ params, body, db, principal, ifMatch }) {
    assertIfMatchPresent(ifMatch, 'article');
    const { value, version } = await updateQuote(db, params.quoteId, (articleId) => expectedVersion(ifMatch, 'article', articleId), body, actorOf(principal));
    return { status: 200, body: value, etag: etag(value.articleId, version) };
  },
});

export const remove = endpoint({
  operationId: 'deleteQuote',
  summary: 'Delete a quote',
  tag,
  params: QuoteParams,
  ifMatch: true,
  responses: { 204: { description: 'deleted; ETag is the article’s new one', etag: true } },
  errors: [404],
  async handle({ params, db, principal, ifMatch }) {
    assertIfMatchPresent(ifMatch, 'article');
    const { articleId, version } = await deleteQuote(db, params.quoteId, (id) => expectedVersion(ifMatch, 'article', id), actorOf(principal));
    return { status: 204, etag: etag(articleId, version) };
  },
});
