import crypto from 'node:crypto';
import os from 'node:os';
import type { Db } from '../db/client.ts';
import { translateDbError } from '../db/errors.ts';
import { AppError } from '../errors.ts';

/** Who this process is, in leases and delivery claims: readable in the tables, unique across restarts. */
export const processHolder = () => `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

/**
 * Takes or renews the lease `name` for `ttlMs`: true when this holder has it now. A lease is one row; it passes to
 * another holder only once it has expired, so of several processes exactly one holds it at a time. Both steps are
 * single conditional statements: on PostgreSQL a second UPDATE waits on the row lock and then re-checks its WHERE,
 * on SQLite writers are serialised, so two processes never both see count 1.
 */
export async function acquireLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await db.lease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  if (await db.lease.findUnique({ where: { name }, select: { name: true } })) return false;
  try {
    await db.lease.create({ data: { name, holder, expiresAt }, select: { name: true } });
    return true;
  } catch (e) {
    // Another process created it first: theirs.
    const translated = translateDbError(e);
    if (translated instanceof AppError && translated.code === 'conflict') return false;
    throw translated;
  }
}

/** Gives the lease up at once (a clean shutdown), so another process need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.lease.deleteMany({ where: { name, holder } });
}
