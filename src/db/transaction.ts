import { type Db, type Tx, isClient } from './client.ts';
import { AppError } from '../errors.ts';
import { isWriteConflict, translateDbError } from './errors.ts';
import { refreshArticleSearch } from './search-index.ts';

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/** How often a transaction that lost a deadlock or a serialization check is run again before the client is told. */
export const WRITE_CONFLICT_ATTEMPTS = 5;

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
    if (isClient(db)) return await retryingWriteConflicts(() => db.$transaction(async (tx) => {
      const result = await fn(tx);
      if (result instanceof Unchanged) throw new Rollback(result.result);
      await refreshArticleSearch(tx);
      return result;
    }, TX_OPTIONS));
    const result = await fn(db);
    return result instanceof Unchanged ? result.result : result;
  } catch (e) {
    if (e instanceof Rollback) return e.result as T;
    throw translateDbError(e);
  }
}

/**
 * PostgreSQL ends one of two transactions that wait on each other (deadlock, 40P01) or that could not be serialized
 * (40001); Prisma reports both as P2034. Nothing of the loser was written, and running it again is what the
 * database asks for: the transaction we own is retried here, after a short random pause so the two do not meet
 * again. A caller's transaction is never retried alone (the error goes up to the one who owns it). If the conflict
 * persists, the client gets 503 with Retry-After — the server did not break, the request can simply be sent again.
 */
async function retryingWriteConflicts<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!isWriteConflict(e)) throw e;
      if (attempt >= WRITE_CONFLICT_ATTEMPTS) {
        throw new AppError('unavailable', `The write kept colliding with other writes (deadlock or serialization failure, ${attempt} attempts); nothing was changed, send it again`, { cause: e });
      }
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.floor(Math.random() * 25)));
    }
  }
}
