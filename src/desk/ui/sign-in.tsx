import { useState } from 'preact/hooks';
import { ApiError, type Session, call } from './api.ts';
import { ErrorNote } from './widgets.tsx';

/** The sign-in form. On a failure the fields keep what was typed; the message names neither field. */
export function SignIn(props: { onSignedIn(s: Session): void; reason?: string; title?: string; titleId?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await call<Session>('POST', '/api/session', { body: { email, password } });
      props.onSignedIn(r.body);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const form = (
    <form class="sign-in" onSubmit={submit}>
      <h1 id={props.titleId}>{props.title ?? 'Sign in to the desk'}</h1>
      {props.reason && <p class="notice">{props.reason}. Your unsaved work on this page is kept.</p>}
      {error && <ErrorNote error={error} />}
      <label>
        Email
        <input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label>
        Password
        <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy}>Sign in</button>
    </form>
  );
  return props.titleId ? form : <main id="main">{form}</main>;
}
