import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Page, type Person, type PersonDetail, type Session, call, get, query } from './api.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { BASE, navigate } from './router.ts';
import { ErrorNote, StatusBadge, useTitle } from './widgets.tsx';
import { jsonCall, useGuardedWrites } from './write.ts';

/** A person: their quotes across articles, their role in each article, rename, and (admins) merge into another. */
export function PersonPage({ id, session }: { id: number; session: Session }) {
  const [person, setPerson] = useState<PersonDetail | null>(null);
  const [etag, setEtag] = useState('');
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [name, setName] = useState('');
  const [term, setTerm] = useState('');
  const [found, setFound] = useState<Person[]>([]);
  const [announce, setAnnounce] = useState('');
  useTitle(person?.name ?? 'Person');

  const reload = async () => {
    const r = await call<PersonDetail>('GET', `/api/people/${id}`);
    setPerson(r.body);
    setEtag(r.etag ?? '');
    return { etag: r.etag ?? '', version: r.body.version };
  };
  useEffect(() => {
    reload().then((p) => p, (e) => setLoadError(e as ApiError));
  }, [id]);
  useEffect(() => {
    if (person && !name) setName(person.name);
  }, [person]);
  useEffect(() => {
    if (term.trim().length < 2) return setFound([]);
    let live = true;
    get<Page<Person>>(`/api/people${query({ q: term.trim(), limit: 8 })}`).then((p) => live && setFound(p.data.filter((x) => x.id !== id)), () => {});
    return () => {
      live = false;
    };
  }, [term]);
  const writes = useGuardedWrites({ historyUrl: `/api/people/${id}/history`, reload });

  if (loadError) return <ErrorNote error={loadError} />;
  if (!person) return <p>Loading…</p>;

  const rename = async (e: Event) => {
    e.preventDefault();
    if (await writes.perform({ what: `Rename to “${name}”`, run: jsonCall('PATCH', `/api/people/${id}`, { name }) }, etag, person.version)) setAnnounce('Renamed');
  };
  const merge = async (into: Person) => {
    if (!confirm(`Merge ${person.name} into ${into.name}? ${person.name}'s quotes and articles move to ${into.name}.`)) return;
    const ok = await writes.perform({ what: `Merge into ${into.name}`, run: jsonCall('POST', `/api/people/${id}/merge`, { into: into.id }) }, etag, person.version).catch(() => false);
    if (ok) navigate(`${BASE}/people/${into.id}`);
  };

  return (
    <section aria-labelledby="person-title">
      <h1 id="person-title">{person.name}</h1>
      <p class="meta">
        {person.description ? `${person.description} · ` : ''}
        {person.kind === 'organisation' ? 'organisation · ' : ''}
        {person.pronoun ? `${person.pronoun} · ` : ''}
        {person.wikidataId ? <><a href={`https://www.wikidata.org/wiki/${person.wikidataId}`}>{person.wikidataId}</a> · </> : ''}
        {person.articleCount} articles · {person.quoteCount} quotes
      </p>
      <p class="sr-only" role="status" aria-live="polite">{announce}</p>
      {writes.error && <ErrorNote error={writes.error} />}
      {writes.conflict && (
        <ConflictDialog conflict={writes.conflict} onReapply={() => writes.conflict && writes.perform(writes.conflict.write, etag, person.version)} onDiscard={() => writes.setConflict(null)} />
      )}
      <form class="inline" onSubmit={rename}>
        <label>
          Name
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} required />
        </label>
        <button type="submit" disabled={writes.busy || name.trim() === person.name}>Rename</button>
      </form>
      <h2>Roles per article</h2>
      <ul class="articles">
        {person.articles.map((a) => (
          <li>
            <a href={`${BASE}/articles/${a.article.id}`}>{a.article.headline}</a> <StatusBadge status={a.article.status} />
            <span class="meta">{a.role ?? 'no role given'}{a.aliases.length ? ` · also ${a.aliases.join(', ')}` : ''}</span>
          </li>
        ))}
      </ul>
      <h2>Quotes</h2>
      {person.quotes.length === 0 && <p>No quotes attributed.</p>}
      <ul class="quotes">
        {person.quotes.map((q) => (
          <li>
            <span class={`quote ${q.kind}`}>{q.text}</span> — <a href={`${BASE}/articles/${q.articleId}`}>article {q.articleId}, paragraph {q.paragraphPosition}</a>
          </li>
        ))}
      </ul>
      {session.account.role === 'admin' && (
        <section aria-labelledby="merge-title">
          <h2 id="merge-title">Merge into another person</h2>
          <label>
            Find the person to keep
            <input type="search" value={term} onInput={(e) => setTerm(e.currentTarget.value)} />
          </label>
          <ul class="choices">
            {found.map((p) => (
              <li><button type="button" onClick={() => merge(p)}>Merge into {p.name}{p.description ? ` (${p.description})` : ''}</button></li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
