import { useState } from 'preact/hooks';
import { ApiError, type Revision, call, get } from './api.ts';

/** A change the editor asked for, kept until it is saved: on a 412 it can be applied again on the new version. */
export interface PendingWrite {
  /** what the editor did, in words ("Change the speaker of “…”") */
  what: string;
  run(etag: string): Promise<unknown>;
}

export interface Conflict {
  write: PendingWrite;
  /** the changes made since the version this page showed, oldest first */
  changes: Revision[];
  /** the new version's ETag, once the page has reloaded */
  etag: string;
}

/**
 * Every write sends If-Match with the ETag the page read. A 412 means someone got there first: the page reloads,
 * reads who changed what since (the history), keeps the editor's change and offers to reapply it.
 */
export function useGuardedWrites(opts: { historyUrl: string; reload(): Promise<{ etag: string; version: number }> }) {
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const perform = async (write: PendingWrite, etag: string, version: number): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await write.run(etag);
      setConflict(null);
      await opts.reload();
      return true;
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 412) {
        const fresh = await opts.reload();
        const history = await get<{ data: Revision[] }>(`${opts.historyUrl}?limit=50`).catch(() => ({ data: [] as Revision[] }));
        const changes = history.data.filter((r) => r.version === null || r.version > version).reverse();
        setConflict({ write, changes, etag: fresh.etag });
      } else {
        setError(err);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { conflict, setConflict, error, setError, busy, perform };
}

export const jsonCall = (method: string, url: string, body: unknown) => (etag: string) => call(method, url, { body, ifMatch: etag });
