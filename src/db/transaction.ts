import type { Db, Tx } from './client.ts';
import { translateDbError } from './errors.ts';

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/**
 * Runs `fn` in a transaction: joins the caller's transaction when given one, or opens one when given the client.
 * So services compose: a service called on its own is atomic, and called inside a larger unit it is part of it.
 * Errors leave as the project's AppError vocabulary.
 */
export async function transaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    if (isClient(db)) return await db.$transaction((tx) => fn(tx), TX_OPTIONS);
    return await fn(db);
  } catch (e) {
    throw translateDbError(e);
  }
}

/** A transaction client has `$transaction` too (Prisma 7), but no `$connect`. */
export function isClient(db: Db | Tx): db is Db {
  return typeof (db as Partial<Db>).$connect === 'function';
}
