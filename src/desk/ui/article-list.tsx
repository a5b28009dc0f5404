import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ArticleSummary, type Page, get, query } from './api.ts';
import { BASE, navigate } from './router.ts';
import { ErrorNote, StatusBadge, formatDate, useTitle } from './widgets.tsx';

const SORTS: [string, string][] = [
  ['-published', 'Newest first'],
  ['published', 'Oldest first'],
  ['-updated', 'Recently changed'],
  ['headline', 'Headline A–Z'],
  ['-headline', 'Headline Z–A'],
];

/** Articles: search, a status filter (stubs included), sorting, and keyset pages (the API's cursors). */
export function ArticleList({ search }: { search: URLSearchParams }) {
  useTitle('Articles');
  const q = search.get('q') ?? '';
  const status = search.get('status') ?? '';
  const sort = search.get('sort') ?? '-published';
  const [typed, setTyped] = useState(q);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page<ArticleSummary> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => setCursors([undefined]), [q, status, sort]);
  useEffect(() => {
    let live = true;
    setError(null);
    get<Page<ArticleSummary>>(`/api/articles${query({ q, status, sort, cursor, limit: 20 })}`).then(
      (p) => live && setPage(p),
      (e) => live && setError(e as ApiError),
    );
    return () => {
      live = false;
    };
  }, [q, status, sort, cursor]);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams({ q, status, sort, ...changes });
    for (const [k, v] of [...next]) if (!v || (k === 'sort' && v === '-published')) next.delete(k);
    const s = next.toString();
    navigate(`${BASE}${s ? `?${s}` : ''}`);
  };

  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">Articles</h1>
      <form class="filters" role="search" onSubmit={(e) => (e.preventDefault(), set({ q: typed.trim() }))}>
        <label>
          Search
          <input type="search" name="q" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
        <label>
          Status
          <select value={status} onChange={(e) => set({ status: e.currentTarget.value })}>
            <option value="">All but stubs</option>
            <option value="draft">Drafts</option>
            <option value="published">Published</option>
            <option value="archived">Archived</option>
            <option value="stub">Stubs</option>
          </select>
        </label>
        <label>
          Sort
          <select value={sort} onChange={(e) => set({ sort: e.currentTarget.value })}>
            {SORTS.map(([v, label]) => <option value={v}>{label}</option>)}
          </select>
        </label>
      </form>
      {error && <ErrorNote error={error} />}
      {page && page.data.length === 0 && <p>No article matches.</p>}
      {page && page.data.length > 0 && (
        <ul class="articles" aria-label="Articles">
          {page.data.map((a) => (
            <li>
              <a href={`${BASE}/articles/${a.id}`}>{a.headline}</a>
              <span class="meta">
                <StatusBadge status={a.status} isStub={a.isStub} /> {a.byline ?? ''} · {formatDate(a.publishedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>Previous page</button>
        <span>Page {cursors.length}</span>
        <button type="button" disabled={!page?.meta.nextCursor} onClick={() => page?.meta.nextCursor && setCursors([...cursors, page.meta.nextCursor])}>
          Next page
        </button>
      </nav>
    </section>
  );
}
