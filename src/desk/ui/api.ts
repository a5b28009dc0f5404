// The desk's only door to the store: the public HTTP API, with the session cookie and its CSRF token.

export type Status = 'draft' | 'published' | 'archived' | 'stub';
export type Kind = 'direct' | 'partial' | 'scare';

export interface Account { id: number; email: string; name: string; role: 'editor' | 'admin' }
export interface Session { account: Account; csrfToken: string; expiresAt: string }
export interface ArticleSummary {
  id: number; slug: string; headline: string; byline: string | null; status: Status; isStub: boolean;
  publishedAt: string | null; updatedAt: string; version: number; standfirst: string | null;
}
export interface Paragraph { id: number; position: number; text: string }
export interface PersonName { id: number; name: string }
export interface Quote {
  id: number; articleId: number; paragraphId: number; paragraphPosition: number; text: string; kind: Kind;
  speaker: PersonName | null; startOffset: number | null; endOffset: number | null; paragraphSpan: number;
}
export interface ArticlePerson { id: number; name: string; role: string | null; aliases: string[]; paragraphs: number[] }
export interface Related { position: number; title: string; article: { id: number; headline: string; status: Status } }
export interface ArticleDetail extends ArticleSummary {
  paragraphs: Paragraph[]; quotes: Quote[]; people: ArticlePerson[]; related: Related[];
}
export interface Person {
  id: number; name: string; kind: 'person' | 'organisation'; description: string | null; pronoun: 'she' | 'he' | 'they' | null;
  wikidataId: string | null; version: number;
}
export interface PersonDetail extends Person {
  articleCount: number; quoteCount: number;
  articles: { article: { id: number; headline: string; status: Status }; role: string | null; aliases: string[] }[];
  quotes: Quote[];
}
export interface Revision { id: number; action: string; actor: string; version: number | null; before: unknown; after: unknown; createdAt: string }
export interface Page<T> { data: T[]; meta: { nextCursor: string | null } }
export interface ImportPreview {
  headline: string; slug: string;
  meta: { byline: string | null; publishedAt: string | null; status: string };
  paragraphs: { position: number; text: string }[];
  people: { name: string; role: string | null; aliases: string[] }[];
  quotes: { paragraph: number; text: string; kind: string; speaker: string | null }[];
  related: { title: string }[];
  warnings: string[];
  existing: { id: number; slug: string; version: number; isStub: boolean } | null;
}

/** An error the page can show as it is: the API's problem detail, each field's message, or a lost connection. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
  ) {
    super(message);
  }
  get offline() {
    return this.status === 0;
  }
}

let csrfToken = '';
export const setCsrf = (token: string) => {
  csrfToken = token;
};

/** Called on every 401 from a request other than sign-in: the page asks the editor to sign in again, in place. */
let onUnauthorized: (message: string) => void = () => {};
export const setUnauthorizedHandler = (fn: (message: string) => void) => {
  onUnauthorized = fn;
};

export interface Reply<T> { body: T; etag: string | null }

export async function call<T>(method: string, url: string, opts: { body?: unknown; text?: string; ifMatch?: string } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
  let body: string | undefined;
  if (opts.text !== undefined) {
    headers['Content-Type'] = 'text/plain';
    body = opts.text;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'Cannot reach the server. Check your connection; nothing you typed is lost — try again.');
  }
  const text = await res.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const p = (parsed ?? {}) as { detail?: string; title?: string; errors?: { path: (string | number)[]; message: string }[] };
    const error = new ApiError(res.status, p.detail ?? p.title ?? `The server answered ${res.status}`, p.errors ?? []);
    if (res.status === 401 && url !== '/api/session') onUnauthorized(error.message);
    throw error;
  }
  return { body: parsed as T, etag: res.headers.get('ETag') };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

export const get = <T>(url: string) => call<T>('GET', url).then((r) => r.body);
export const query = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

// The first read of a page starts with the script, beside the session check, not after it: one round trip less
// before an article shows (bench/desk.ts).
const prefetched = new Map<string, Promise<Reply<unknown>>>();
export function prefetch(url: string) {
  const p = call('GET', url);
  p.catch(() => {}); // whoever takes it sees the error
  prefetched.set(url, p);
}
export function getWithEtag<T>(url: string): Promise<Reply<T>> {
  const p = prefetched.get(url);
  prefetched.delete(url);
  return (p as Promise<Reply<T>> | undefined) ?? call<T>('GET', url);
}
