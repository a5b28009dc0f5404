import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Session, call, prefetch, setCsrf, setUnauthorizedHandler } from './api.ts';
import { ArticleList } from './article-list.tsx';
import { ArticlePage } from './article-page.tsx';
import { HistoryPage } from './history-page.tsx';
import { ImportPage } from './import-page.tsx';
import { PersonPage } from './person-page.tsx';
import { BASE, interceptLinks, navigate, usePath } from './router.ts';
import { SignIn } from './sign-in.tsx';
import { ErrorNote } from './widgets.tsx';

function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  // A 401 mid-work (the session expired or was ended): sign in again over the page, which keeps its state.
  const [expired, setExpired] = useState<string | null>(null);
  const [signOutError, setSignOutError] = useState<ApiError | null>(null);

  useEffect(() => {
    setUnauthorizedHandler((message) => setExpired(message));
    call<Session>('GET', '/api/session').then(
      (r) => {
        setCsrf(r.body.csrfToken);
        setSession(r.body);
      },
      () => setSession(null),
    );
  }, []);

  const signedIn = (s: Session) => {
    setCsrf(s.csrfToken);
    setSession(s);
    setExpired(null);
  };

  if (session === undefined) return <main id="main"><p>Loading…</p></main>;
  if (session === null) return <SignIn onSignedIn={signedIn} />;

  const signOut = async () => {
    try {
      await call('DELETE', '/api/session');
      setSession(null);
      navigate(BASE);
    } catch (e) {
      setSignOutError(e as ApiError);
    }
  };

  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <nav aria-label="Desk">
          <a href={BASE} class="brand">News desk</a>
          <a href={BASE}>Articles</a>
          <a href={`${BASE}/import`}>Import</a>
        </nav>
        <div class="who">
          <span>{session.account.name} ({session.account.role})</span>
          <button type="button" onClick={signOut}>Sign out</button>
        </div>
      </header>
      {signOutError && <ErrorNote error={signOutError} />}
      <main id="main" tabIndex={-1}>
        <View path={path} session={session} />
      </main>
      {expired !== null && (
        <div class="backdrop">
          <div role="dialog" aria-modal="true" aria-labelledby="expired-title" class="dialog">
            <SignIn onSignedIn={signedIn} reason={expired} titleId="expired-title" title="Sign in again" />
          </div>
        </div>
      )}
    </>
  );
}

function View({ path, session }: { path: string; session: Session }) {
  const url = new URL(path, location.origin);
  const parts = url.pathname.slice(BASE.length).split('/').filter(Boolean);
  if (parts[0] === 'articles' && parts[1] && parts[2] === 'history') return <HistoryPage id={Number(parts[1])} />;
  if (parts[0] === 'articles' && parts[1]) return <ArticlePage key={parts[1]} id={Number(parts[1])} />;
  if (parts[0] === 'people' && parts[1]) return <PersonPage key={parts[1]} id={Number(parts[1])} session={session} />;
  if (parts[0] === 'import') return <ImportPage />;
  if (parts.length === 0) return <ArticleList search={url.searchParams} />;
  return <p role="alert">There is no page at {url.pathname}. <a href={BASE}>Go to the articles</a>.</p>;
}

const opening = /^\/desk\/articles\/(\d+)$/.exec(location.pathname);
if (opening) prefetch(`/api/articles/${opening[1]}`);

const root = document.getElementById('desk')!;
interceptLinks(root);
render(<App />, root);
