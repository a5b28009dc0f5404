import crypto from 'node:crypto';
import type { Db, Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';

export type Role = 'editor' | 'admin';

/** The editor behind a request, as the handlers and the history see them. */
export interface Principal {
  /** null for an editor signed in at the desk (a session cookie) */
  tokenId: number | null;
  name: string;
  role: Role;
}

// "nws_" makes a leaked token recognisable to secret scanners; 32 random bytes make guessing hopeless.
const PREFIX = 'nws_';

export const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export interface CreatedToken {
  id: number;
  name: string;
  role: Role;
  /** shown once: only its hash is stored */
  token: string;
}

export async function createToken(db: Db | Tx, input: { name: string; role: Role }): Promise<CreatedToken> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new AppError('bad_request', 'A token name is 1–100 characters');
  const token = PREFIX + crypto.randomBytes(32).toString('base64url');
  const row = await db.apiToken.create({
    data: { name, role: input.role, tokenHash: hashToken(token) },
    select: { id: true, name: true, role: true },
  });
  return { ...row, token };
}

export interface TokenSummary {
  id: number;
  name: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function listTokens(db: Db | Tx): Promise<TokenSummary[]> {
  return db.apiToken.findMany({
    select: { id: true, name: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { id: 'asc' },
  });
}

/** Revokes by id, or by name (every live token of that name). Returns how many were revoked. */
export async function revokeToken(db: Db | Tx, idOrName: string): Promise<number> {
  const where = /^\d+$/.test(idOrName) ? { id: Number(idOrName) } : { name: idOrName };
  const { count } = await db.apiToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

// last_used_at is written at most once a minute per token, so authenticating stays a read on the hot path.
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The principal for a bearer token, or an AppError 401. The lookup is by the hash's unique index; comparing the
 * stored hash with the computed one in constant time keeps a timing side channel out even if the index lookup
 * were ever replaced by a scan.
 */
export async function authenticateToken(db: Db, token: string): Promise<Principal> {
  const hash = hashToken(token);
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hash },
    select: { id: true, name: true, role: true, tokenHash: true, revokedAt: true, lastUsedAt: true },
  });
  const matches = row !== null && crypto.timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash));
  if (!row || !matches) throw new AppError('unauthorized', 'The token is not valid');
  if (row.revokedAt) throw new AppError('unauthorized', 'The token has been revoked');
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) }, select: { id: true } });
  }
  return { tokenId: row.id, name: row.name, role: row.role };
}
