import * as articlePeople from '../article-people/endpoints.ts';
import * as articles from '../articles/endpoints.ts';
import { previewImport } from '../articles/import-preview.ts';
import * as history from '../history/endpoints.ts';
import * as paragraphs from '../paragraphs/endpoints.ts';
import * as people from '../people/endpoints.ts';
import * as quotes from '../quotes/endpoints.ts';
import * as related from '../related/endpoints.ts';
import * as search from '../search/endpoints.ts';
import * as webhooks from '../webhooks/endpoints.ts';
import * as trash from '../trash/endpoints.ts';
import type { Access } from '../auth/access.ts';
import type { Endpoint, Method, Route } from './endpoint.ts';
import { healthz, readyz } from './health.ts';

const route = (method: Method) => (path: string, access: Access, endpoint: Endpoint): Route => ({ method, path, access, endpoint });
const get = route('get');
const post = route('post');
const put = route('put');
const patch = route('patch');
const del = route('delete');

/**
 * Every route of the API, its access rule and its endpoint — the whole surface on one screen. `public` routes
 * show published content to anyone; `editor` needs any valid token; `admin` an admin token (docs/api.md).
 * Writes to an existing article or person also need If-Match (declared on the endpoint).
 */
export const routes: Route[] = [
  get('/healthz', 'public', healthz),
  get('/readyz', 'public', readyz),

  get('/api/search', 'public', search.search),

  get('/api/articles', 'public', articles.list),
  post('/api/articles', 'editor', articles.create),
  post('/api/articles/import', 'editor', articles.importText),
  post('/api/articles/import/preview', 'editor', previewImport),
  get('/api/articles/:id', 'public', articles.get),
  patch('/api/articles/:id', 'editor', articles.patch),
  del('/api/articles/:id', 'admin', articles.remove),
  get('/api/articles/:id/history', 'editor', history.articleHistory),
  get('/api/articles/:id/revisions/:n', 'editor', history.articleRevision),
  post('/api/articles/:id/revisions/:n/restore', 'editor', history.restoreArticleRevision),

  get('/api/trash', 'editor', trash.list),
  post('/api/articles/:id/restore', 'editor', trash.restore),
  del('/api/trash/:id', 'admin', trash.purge),

  post('/api/articles/:id/paragraphs', 'editor', paragraphs.insert),
  put('/api/articles/:id/paragraphs/order', 'editor', paragraphs.reorder),
  patch('/api/articles/:id/paragraphs/:paragraphId', 'editor', paragraphs.patch),
  del('/api/articles/:id/paragraphs/:paragraphId', 'editor', paragraphs.remove),

  put('/api/articles/:id/related', 'editor', related.replace),

  post('/api/articles/:id/people', 'editor', articlePeople.add),
  patch('/api/articles/:id/people/:personId', 'editor', articlePeople.patch),
  del('/api/articles/:id/people/:personId', 'editor', articlePeople.remove),

  get('/api/quotes', 'public', quotes.list),
  post('/api/articles/:id/quotes', 'editor', quotes.create),
  patch('/api/quotes/:quoteId', 'editor', quotes.patch),
  del('/api/quotes/:quoteId', 'editor', quotes.remove),

  get('/api/people', 'public', people.list),
  post('/api/people', 'editor', people.create),
  get('/api/people/:id', 'public', people.get),
  patch('/api/people/:id', 'editor', people.patch),
  del('/api/people/:id', 'admin', people.remove),
  post('/api/people/:id/merge', 'admin', people.merge),
  post('/api/people/:id/split', 'admin', people.split),
  get('/api/people/:id/history', 'editor', history.personHistory),

  post('/api/webhooks', 'admin', webhooks.create),
  get('/api/webhooks', 'admin', webhooks.list),
  get('/api/webhooks/:id', 'admin', webhooks.get),
  patch('/api/webhooks/:id', 'admin', webhooks.patch),
  del('/api/webhooks/:id', 'admin', webhooks.remove),
  get('/api/webhooks/:id/deliveries', 'admin', webhooks.deliveries),
];
