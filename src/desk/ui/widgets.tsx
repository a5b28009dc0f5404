import { useEffect } from 'preact/hooks';
import type { ApiError, Kind } from './api.ts';

/** An error as the editor reads it: what went wrong, and each field the API named. */
export function ErrorNote({ error, id }: { error: ApiError | Error; id?: string }) {
  const issues = 'issues' in error ? error.issues : [];
  return (
    <div role="alert" class="error" id={id}>
      <p>{error.message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li>{i.path.filter((p) => p !== 'body').join(' › ')}: {i.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Desk`;
  }, [title]);
}

export const formatDate = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC' : 'undated';

export function StatusBadge({ status, isStub }: { status: string; isStub?: boolean }) {
  return <span class={`badge ${isStub ? 'stub' : status}`}>{isStub ? 'stub' : status}</span>;
}

export function KindSelect({ label, value, onChange }: { label: string; value: Kind; onChange(k: Kind): void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as Kind)}>
        <option value="direct">direct</option>
        <option value="partial">partial</option>
        <option value="scare">scare</option>
      </select>
    </label>
  );
}
