import { z } from 'zod';
import { canSeeUnpublished } from '../auth/access.ts';
import type { Tx } from '../db/client.ts';
import { transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { storeParsedArticle, withConflictRetry } from '../ingest/import-article.ts';
import { parseSource } from '../ingest/parse-off-thread.ts';
import { endpoint } from '../http/endpoint.ts';
import { formatEtag, matchesIfNoneMatch, stale } from '../http/etag.ts';
import { IdParams, PageMeta, text } from '../http/schemas.ts';
import { ArticleSummary } from './article-view.ts';
import { articleNotFound } from './article-version.ts';
import { createArticle } from './create-article.ts';
import { ArticleDetail, findArticleHead, loadArticleDetail, readerView } from './get-article.ts';
import { listArticles } from './list-articles.ts';
import { assertRules, createArticleRules, scheduleIsWholeAndAhead } from './rules.ts';
import { JsonLdDocument, NinjsDocument } from '../formats/documents.ts';
import { toJsonLd } from '../formats/json-ld.ts';
import { ARTICLE_FORMATS, chooseArticleFormat, representationEtag } from '../formats/negotiate.ts';
import { toNinjs } from '../formats/ninjs.ts';
import { urisFor } from '../formats/uris.ts';
import { ArticleFormatQuery, ArticleKeyParams, CreateArticleBody, ImportQuery, ImportResult, ListArticlesQuery, PatchArticleBody, toDate } from './schemas.ts';
import { updateArticle } from './update-article.ts';
import { moveToTrash } from '../trash/move-to-trash.ts';

const tag = 'articles';

const articleEtag = (a: { id: number; version: number }) => formatEtag('article', a.id, a.version);

export const list = endpoint({
  operationId: 'listArticles',
  summary: 'List articles (keyset pagination)',
  description: 'Readers without a token see published articles only (status=draft, archived or stub is a 401 for them). publishedFrom after publishedTo is a 422.',
  tag,
  query: ListArticlesQuery,
  responses: { 200: { description: 'a page of articles', schema: z.object({ data: z.array(ArticleSummary), meta: PageMeta }) } },
  errors: [401, 422],
  async handle({ query, db, principal }) {
    if (!canSeeUnpublished(principal) && query.status && query.status !== 'published') {
      throw new AppError('unauthorized', 'Listing unpublished articles needs a token');
    }
    const limit = query.limit ?? 20;
    const from = query.publishedFrom ? toDate(query.publishedFrom, 'start') : undefined;
    const to = query.publishedTo ? toDate(query.publishedTo, 'end') : undefined;
    if (from && to && from > to) {
      throw new AppError('unprocessable', 'publishedFrom is after publishedTo', { issues: [{ path: ['query', 'publishedFrom'], message: 'must not be after publishedTo' }] });
    }
    const { data, nextCursor } = await listArticles(db, {
      status: canSeeUnpublished(principal) ? query.status : 'published',
      person: query.person,
      q: query.q,
      publishedFrom: from,
      publishedTo: to,
      sort: query.sort ?? '-published',
      cursor: query.cursor,
      limit,
    });
    return { status: 200, body: { data, meta: { limit, nextCursor } } };
  },
});

export const get = endpoint({
  operationId: 'getArticle',
  summary: 'The whole article: paragraphs, quotes, people, related',
  description:
    'Readers without a token see published articles only (others answer 404). Send If-None-Match for a 304. ' +
    'Also as schema.org NewsArticle JSON-LD (Accept: application/ld+json or ?format=jsonld) and IPTC ninjs 3.1 ' +
    '(Accept: application/ninjs+json or ?format=ninjs); each representation has its own ETag, writes take the JSON one.',
  tag,
  params: ArticleKeyParams,
  query: ArticleFormatQuery,
  conditional: true,
  responses: {
    200: {
      description: 'the article',
      schema: ArticleDetail,
      etag: true,
      alternatives: { [ARTICLE_FORMATS.jsonld]: JsonLdDocument, [ARTICLE_FORMATS.ninjs]: NinjsDocument },
    },
    304: { description: 'not modified since the ETag you sent', etag: true },
  },
  errors: [404, 406],
  async handle({ params, query, db, cache, principal, ifNoneMatch, accepts, origin }) {
    const format = chooseArticleFormat(query.format, accepts);
    const head = await findArticleHead(db, params.id);
    // Unpublished work (drafts may hold embargoed news) does not even exist for readers.
    if (!head || (head.status !== 'published' && !canSeeUnpublished(principal))) throw articleNotFound(params.id.slice(0, 100));
    const negotiated = { vary: 'Accept', ...(format === 'json' ? {} : { type: ARTICLE_FORMATS[format] }) };
    const etag = representationEtag(articleEtag(head), format);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) return { status: 304, etag, ...negotiated };
    // A published article's JSON is rendered once per version: then a read costs the head query above and nothing
    // more. The version moves with every change to the article, so an entry is never stale; drafts are not cached
    // (read by their editors while they change).
    // Readers and editors see different related lists (readerView), so each has its own cache entry.
    const reader = !canSeeUnpublished(principal);
    const cacheKey = (a: { id: number; version: number }) => (reader ? articleEtag(a) : `${articleEtag(a)} editor`);
    const cacheable = format === 'json' && head.status === 'published';
    const cached = cacheable ? cache.get(cacheKey(head)) : undefined;
    if (cached !== undefined) return { status: 200, json: cached, etag, ...negotiated };
    const full = await loadArticleDetail(db, head.id);
    const article = reader ? readerView(full) : full;
    if (format === 'json') {
      const json = JSON.stringify(article);
      if (article.status === 'published') cache.set(cacheKey(article), json);
      return { status: 200, json, etag: articleEtag(article), ...negotiated };
    }
    const uris = urisFor(origin);
    const body = format === 'jsonld' ? toJsonLd(article, uris) : format === 'ninjs' ? toNinjs(article, uris) : article;
    return { status: 200, body, etag: representationEtag(articleEtag(article), format), ...negotiated };
  },
});

export const create = endpoint({
  operationId: 'createArticle',
  summary: 'Create an article from structured JSON',
  description:
    'Quotes name their paragraph by position and their speaker by {"id"} or {"name"}; related articles by {"id"} or {"headline"} (stubs are created). ' +
    'Rules across fields, each a 422 naming the field: a quote or mention points at a paragraph the article has; a person is listed once; ' +
    'a scare quote has no speaker; offsets come both or neither, start before end, and frame the quote text in its paragraph.',
  tag,
  body: { type: 'json', schema: CreateArticleBody },
  entity: 'article',
  responses: { 201: { description: 'created', schema: ArticleDetail, etag: true, location: true } },
  errors: [409, 422],
  async handle({ body, db, actor }) {
    assertRules(body, createArticleRules);
    const article = await createArticle(db, body, actor);
    return { status: 201, body: article, entity: article, location: `/api/articles/${article.id}` };
  },
});

export const importText = endpoint({
  operationId: 'importArticle',
  summary: 'Import raw article text through the ingest',
  description:
    'The body is the raw text (front matter allowed); query options override it. Re-importing identical text is a no-op (200, unchanged). ' +
    'An import that would change an existing article needs If-Match with its ETag, like any other edit.',
  tag,
  query: ImportQuery,
  body: { type: 'text', schema: text(10_000_000).meta({ description: 'the article as plain text' }) },
  entity: 'article',
  ifMatch: 'for updates',
  responses: {
    201: { description: 'a new article (or a stub filled)', schema: ImportResult, etag: true, location: true },
    200: { description: 'an existing article updated, or unchanged', schema: ImportResult, etag: true, location: true },
  },
  errors: [409, 422],
  async handle({ body, query, db, actor, ifMatch, expectedFor }) {
    // Parsed before the transaction, a long text on a worker thread: the parse of a 2 MB text held the event loop for
    // seconds (issue 21). Its own transaction (for the If-Match check) turns off the ingest's retry; two imports of
    // the same new text at once would leave the loser a 409 on the slug. Retried, it sees the winner's article:
    // unchanged, 200.
    const source = await parseSource(body, query);
    const result = await withConflictRetry(() => transaction(db, async (tx) => {
      const r = await storeParsedArticle(tx, source, actor);
      if (r.outcome === 'updated') {
        // A text whose headline (or slug) is an existing article's updates that article: say which, for the editor
        // who meant a new story to give it a slug of its own.
        if (!ifMatch?.trim()) {
          throw new AppError('precondition_required', `This text would update article ${r.articleId} ("${r.slug}"), which already exists: send If-Match with its ETag to update it, or import it as a new article with ?slug=…`, {
            issues: [{ path: ['headers', 'if-match'], message: 'required to update an existing article' }],
          });
        }
        // The ingest moved the version by one; the editor must have read the version it replaced.
        const { version } = await tx.article.findUniqueOrThrow({ where: { id: r.articleId }, select: { version: true } });
        if (expectedFor(r.articleId) !== version - 1) throw stale('article');
      }
      const { version } = await tx.article.findUniqueOrThrow({ where: { id: r.articleId }, select: { version: true } });
      return { ...r, version };
    }));
    const { version, ...body201 } = result;
    return {
      status: result.outcome === 'created' ? 201 : 200,
      body: body201,
      entity: { id: result.articleId, version },
      location: `/api/articles/${result.articleId}`,
    };
  },
});

export const patch = endpoint({
  operationId: 'updateArticle',
  summary: "Change an article's own fields",
  description: 'Schedule publishing with {"status": "scheduled", "publishAt": "…"} (a time in the future): the server publishes the article then, as the actor "schedule". Another status unschedules it.',
  tag,
  params: IdParams,
  body: { type: 'json', schema: PatchArticleBody },
  entity: 'article',
  ifMatch: true,
  responses: { 200: { description: 'the article (without nested rows)', schema: ArticleSummary, etag: true } },
  errors: [404, 409, 422],
  async handle({ params, body, db, expected, actor }) {
    assertRules(body, [scheduleIsWholeAndAhead]);
    const article = await updateArticle(db, params.id, expected, body, actor);
    return { status: 200, body: article, entity: article };
  },
});

export const remove = endpoint({
  operationId: 'deleteArticle',
  summary: 'Move an article to the trash (admins)',
  description:
    'It disappears from lists, search, reads (404), exports and the analysts’ views, whole: POST /api/articles/:id/restore brings it back ' +
    'as it was; GET /api/trash lists it; DELETE /api/trash/:id (or the retention, TRASH_RETENTION_DAYS) deletes it for good. ' +
    'Links to it from other articles stay, marked `trashed`.',
  tag,
  params: IdParams,
  entity: 'article',
  ifMatch: true,
  responses: { 204: { description: 'in the trash' } },
  errors: [404],
  async handle({ params, db, expected, actor }) {
    await moveToTrash(db, params.id, expected, actor);
    return { status: 204 };
  },
});
