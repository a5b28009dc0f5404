import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ArticleDetail, type Page, type Revision, get, query } from './api.ts';
import { diffLines, toLines } from './diff.ts';
import { BASE } from './router.ts';
import { ErrorNote, formatDate, useTitle } from './widgets.tsx';

/** An article's history, newest first: who, when, what, and each change as a line diff of before and after. */
export function HistoryPage({ id }: { id: number }) {
  const [article, setArticle] = useState<ArticleDetail | null>(null);
  const [entries, setEntries] = useState<Revision[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useTitle(`History of ${article?.headline ?? 'an article'}`);

  const load = (cursor?: string) =>
    get<Page<Revision>>(`/api/articles/${id}/history${query({ cursor, limit: 20 })}`).then(
      (p) => (setEntries((old) => (cursor ? [...old, ...p.data] : p.data)), setNext(p.meta.nextCursor)),
      (e) => setError(e as ApiError),
    );
  useEffect(() => {
    get<ArticleDetail>(`/api/articles/${id}`).then(setArticle, () => {});
    void load();
  }, [id]);

  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">History: {article ? <a href={`${BASE}/articles/${id}`}>{article.headline}</a> : `article ${id}`}</h1>
      {error && <ErrorNote error={error} />}
      <ol class="history">
        {entries.map((r) => {
          const lines = diffLines(toLines(r.before), toLines(r.after)).filter((l) => l.kind !== 'same' || l.text.trim().length > 1);
          return (
            <li>
              <h2>
                <strong>{r.actor}</strong> · {r.action.replace('.', ' ')} · {formatDate(r.createdAt)}{r.version !== null && ` · version ${r.version}`}
              </h2>
              <pre class="diff" aria-label={`Changes by ${r.actor}`}>
                {lines.slice(0, 200).map((l) => (
                  <div class={l.kind}>{l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '− ' : '  '}{l.text}</div>
                ))}
              </pre>
            </li>
          );
        })}
      </ol>
      {next && <button type="button" onClick={() => load(next)}>Older changes</button>}
    </section>
  );
}
