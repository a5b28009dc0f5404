import request from 'supertest';
import type { Route } from '../../src/http/endpoint.ts';
import { routes } from '../../src/http/routes.ts';
import type { TestDatabase } from './databases.ts';
import { recordRevision } from '../../src/history/record-revision.ts';
import { articleEtag, articleFactory, personEtag } from './http.ts';

/**
 * One well-formed request for each operation of the route table, against fresh rows — what an editor would send.
 * The authorization matrix sends it with each kind of token; the API fuzzer starts from it and breaks it.
 * A route added to the table without an entry here still gets a generic request (no body, the fresh rows' ids).
 */
export interface Targets {
  articleId: number;
  slug: string;
  articleVersion: number;
  paragraphIds: number[];
  quoteId: number;
  personId: number;
  personVersion: number;
  /** a second person (merge target) */
  otherPersonId: number;
  /** an article in the trash */
  trashedArticleId: number;
}

export interface RouteRequest {
  params: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  type?: 'json' | 'text';
  ifMatch?: string;
  /** the success status this request gets with enough rights */
  ok: number;
}

let n = 0;
/** Fresh rows to aim one request at: a published article (3 paragraphs, a quote, a person) and a second person. */
export async function makeTargets(db: TestDatabase): Promise<Targets> {
  const a = await articleFactory(db);
  const other = await db.prisma.person.create({ data: { name: `Merge Target ${++n} ${Date.now()}`, nameKey: `merge target ${n} ${Date.now()}` } });
  // The history entry of its first version holds its content (GET …/revisions/1).
  await recordRevision(db.prisma, { entityType: 'article', entityId: a.id, action: 'article.create', actor: { name: 'factory' }, version: a.version });
  const trashed = await articleFactory(db);
  await db.prisma.article.update({ where: { id: trashed.id }, data: { deletedAt: new Date(), deletedBy: 'factory' } });
  return {
    articleId: a.id,
    slug: a.slug,
    articleVersion: a.version,
    paragraphIds: a.paragraphIds,
    quoteId: a.quoteId,
    personId: a.personId,
    personVersion: 1,
    otherPersonId: other.id,
    trashedArticleId: trashed.id,
  };
}

const unique = () => `${Date.now().toString(36)}${(++n).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export function validRequest(route: Route, t: Targets): RouteRequest {
  const art = { id: String(t.articleId) };
  const aTag = articleEtag(t.articleId, t.articleVersion);
  const pTag = personEtag(t.personId, t.personVersion);
  switch (route.endpoint.operationId) {
    case 'healthz':
    case 'readyz':
    case 'listArticles':
    case 'listQuotes':
    case 'listPeople':
      return { params: {}, ok: 200 };
    case 'searchArticles':
      return { params: {}, query: { q: 'housing' }, ok: 200 };
    case 'getArticle':
      return { params: { id: t.slug }, ok: 200 };
    case 'createArticle':
      return { params: {}, body: { headline: `Matrix article ${unique()}`, paragraphs: ['One.', 'Two.'] }, type: 'json', ok: 201 };
    case 'importArticle':
      return { params: {}, body: `---\nheadline: Imported ${unique()}\n---\nAna Ruiz, the mayor, spoke on Monday.\n\n“We are ready,” Ruiz said.\n`, type: 'text', ok: 201 };
    case 'updateArticle':
      return { params: art, body: { headline: `Corrected ${unique()}` }, type: 'json', ifMatch: aTag, ok: 200 };
    case 'deleteArticle':
      return { params: art, ifMatch: aTag, ok: 204 };
    case 'articleHistory':
      return { params: art, ok: 200 };
    case 'getArticleRevision':
      return { params: { ...art, n: String(t.articleVersion) }, ok: 200 };
    case 'restoreArticleRevision':
      return { params: { ...art, n: String(t.articleVersion) }, ifMatch: aTag, ok: 200 };
    case 'listTrash':
      return { params: {}, ok: 200 };
    case 'restoreArticle':
      return { params: { id: String(t.trashedArticleId) }, ok: 200 };
    case 'purgeArticle':
      return { params: { id: String(t.trashedArticleId) }, ok: 204 };
    case 'insertParagraph':
      return { params: art, body: { text: 'A new paragraph.', position: 2 }, type: 'json', ifMatch: aTag, ok: 201 };
    case 'reorderParagraphs':
      return { params: art, body: { order: [...t.paragraphIds].reverse() }, type: 'json', ifMatch: aTag, ok: 200 };
    case 'updateParagraph':
      return { params: { ...art, paragraphId: String(t.paragraphIds[0]) }, body: { text: 'Rewritten.' }, type: 'json', ifMatch: aTag, ok: 200 };
    case 'deleteParagraph':
      return { params: { ...art, paragraphId: String(t.paragraphIds[0]) }, ifMatch: aTag, ok: 204 };
    case 'replaceRelated':
      return { params: art, body: { related: [{ headline: `Related ${unique()}` }] }, type: 'json', ifMatch: aTag, ok: 200 };
    case 'createQuote':
      return { params: art, body: { paragraph: 1, text: 'Paragraph', kind: 'scare' }, type: 'json', ifMatch: aTag, ok: 201 };
    case 'updateQuote':
      return { params: { quoteId: String(t.quoteId) }, body: { verb: 'added' }, type: 'json', ifMatch: aTag, ok: 200 };
    case 'deleteQuote':
      return { params: { quoteId: String(t.quoteId) }, ifMatch: aTag, ok: 204 };
    case 'createPerson':
      return { params: {}, body: { name: `Matrix Person ${unique()}` }, type: 'json', ok: 201 };
    case 'getPerson':
    case 'personHistory':
      return { params: { id: String(t.personId) }, ok: 200 };
    case 'updatePerson':
      return { params: { id: String(t.personId) }, body: { description: 'Updated.' }, type: 'json', ifMatch: pTag, ok: 200 };
    case 'deletePerson':
      return { params: { id: String(t.personId) }, query: { detach: 'true' }, ifMatch: pTag, ok: 204 };
    case 'mergePeople':
      return { params: { id: String(t.personId) }, body: { into: t.otherPersonId }, type: 'json', ifMatch: pTag, ok: 200 };
    default: {
      // Unknown to this file: the ids of the fresh rows for whatever parameters the path has.
      const params: Record<string, string> = {};
      for (const name of paramNames(route.path)) params[name] = /paragraph/i.test(name) ? String(t.paragraphIds[0]) : /quote/i.test(name) ? String(t.quoteId) : /person/i.test(name) ? String(t.personId) : String(t.articleId);
      return { params, ok: 0 };
    }
  }
}

export const paramNames = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

/** The route's path with its parameters filled in (already percent-encoded values are left as they are). */
export const fillPath = (path: string, params: Record<string, string>) => path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? 'missing');

export function send(agent: Parameters<typeof request>[0], route: Route, req: RouteRequest, headers: Record<string, string>) {
  let test = request(agent)[route.method](fillPath(route.path, Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, encodeURIComponent(v)]))));
  if (req.query) test = test.query(req.query);
  for (const [k, v] of Object.entries(headers)) test = test.set(k, v);
  if (req.ifMatch) test = test.set('If-Match', req.ifMatch);
  if (req.body !== undefined) test = req.type === 'text' ? test.type('text/plain').send(String(req.body)) : test.type('application/json').send(JSON.stringify(req.body));
  return test;
}

export { routes };
