import { type Db, type Tx, isClient } from './client.ts';
import { translateDbError } from './errors.ts';
import { refreshArticleSearch } from './search-index.ts';

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/**
 * Runs `fn` in a transaction: joins the caller's transaction when given one, or opens one when given the client.
 * So services compose: a service called on its own is atomic, and called inside a larger unit it is part of it.
 * Errors leave as the project's AppError vocabulary. The outermost transaction brings the article search index up to
 * date before it commits (search-index.ts), so no service has to remember to.
 */
export async function transaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    if (isClient(db)) {
      return await db.$transaction(async (tx) => {
        const result = await fn(tx);
        await refreshArticleSearch(tx);
        return result;
      }, TX_OPTIONS);
    }
    return await fn(db);
  } catch (e) {
    throw translateDbError(e);
  }
}
