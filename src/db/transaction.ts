import { type Db, type Tx, isClient } from './client.ts';
import { translateDbError } from './errors.ts';
import { refreshArticleSearch } from './search-index.ts';

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/**
 * What a write returns when the edit turned out to change nothing (the same speaker, the same order): transaction()
 * rolls back what it did on the way — the version bump first of all — and hands back `result`. So a no-op edit moves
 * no version (no needless 412 for a colleague) and writes no history.
 */
export class Unchanged<T> {
  constructor(readonly result: T) {}
}

class Rollback extends Error {
  constructor(readonly result: unknown) {
    super('rolled back: nothing changed');
  }
}

/**
 * Runs `fn` in a transaction: joins the caller's transaction when given one, or opens one when given the client.
 * So services compose: a service called on its own is atomic, and called inside a larger unit it is part of it.
 * Errors leave as the project's AppError vocabulary. The outermost transaction brings the article search index up to
 * date before it commits (search-index.ts), so no service has to remember to. An `Unchanged` result rolls back the
 * transaction we own. Inside a caller's nothing can be rolled back alone (its version bump stands with the caller's
 * other work): the result is returned as it is, so the services that return Unchanged — the editors' single edits —
 * are called on the client, never inside another transaction.
 */
export async function transaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T | Unchanged<T>>): Promise<T> {
  try {
    if (isClient(db)) {
      return await db.$transaction(async (tx) => {
        const result = await fn(tx);
        if (result instanceof Unchanged) throw new Rollback(result.result);
        await refreshArticleSearch(tx);
        return result;
      }, TX_OPTIONS);
    }
    const result = await fn(db);
    return result instanceof Unchanged ? result.result : result;
  } catch (e) {
    if (e instanceof Rollback) return e.result as T;
    throw translateDbError(e);
  }
}
