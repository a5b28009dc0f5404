import crypto from 'node:crypto';
import type { Db, Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';

export type Role = 'editor' | 'admin';

/** The editor behind a request, as the handlers and the history see them. */
export interface Principal {
  tokenId: number;
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

export async function createToken(db: Db | Tx, input: { name: string; role: Role; expiresAt?: Date | null }): Promise<CreatedToken> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new AppError('bad_request', 'A token name is 1–100 characters');
  if (input.expiresAt && !(input.expiresAt.getTime() > Date.now())) throw new AppError('bad_request', 'A token must expire in the future');
  const token = PREFIX + crypto.randomBytes(32).toString('base64url');
  const row = await db.apiToken.create({
    data: { name, role: input.role, tokenHash: hashToken(token), expiresAt: input.expiresAt ?? null },
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
  expiresAt: Date | null;
}

export function listTokens(db: Db | Tx): Promise<TokenSummary[]> {
  return db.apiToken.findMany({
    select: { id: true, name: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true },
    orderBy: { id: 'asc' },
  });
}

/** Which token to revoke: by id, by name, or by either (the CLI's bare argument) when that names exactly one. */
export type TokenRef = { id: number } | { name: string } | { idOrName: string };

/**
 * Revokes exactly one active token and returns it. A reference that could mean two tokens — a name shared by two
 * tokens, or a bare "2" that is token #2's id and another token's name — revokes nothing and says which tokens it
 * could mean, so a digits-only name can never revoke somebody else's token.
 */
export async function revokeToken(db: Db | Tx, ref: TokenRef): Promise<{ id: number; name: string; role: Role }> {
  const select = { id: true, name: true, role: true } as const;
  const active = { revokedAt: null };
  const shown = 'id' in ref ? `#${ref.id}` : `"${'name' in ref ? ref.name : ref.idOrName}"`;
  let candidates: { id: number; name: string; role: Role }[];
  if ('id' in ref) {
    candidates = await db.apiToken.findMany({ where: { id: ref.id, ...active }, select });
  } else if ('name' in ref) {
    candidates = await db.apiToken.findMany({ where: { name: ref.name, ...active }, select, orderBy: { id: 'asc' } });
  } else {
    const id = /^\d{1,10}$/.test(ref.idOrName) ? Number(ref.idOrName) : null;
    candidates = await db.apiToken.findMany({
      where: { OR: [{ name: ref.idOrName }, ...(id !== null && id <= 2_147_483_647 ? [{ id }] : [])], ...active },
      select,
      orderBy: { id: 'asc' },
    });
  }
  if (!candidates.length) throw new AppError('not_found', `No active token matches ${shown}`);
  if (candidates.length > 1) {
    const list = candidates.map((t) => `#${t.id} "${t.name}" (${t.role})`).join(', ');
    throw new AppError('conflict', `${shown} could mean ${candidates.length} active tokens: ${list}; revoke one with --id <id>`);
  }
  const token = candidates[0]!;
  const { count } = await db.apiToken.updateMany({ where: { id: token.id, ...active }, data: { revokedAt: new Date() } });
  if (!count) throw new AppError('not_found', `No active token matches ${shown}`);
  return token;
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
    select: { id: true, name: true, role: true, tokenHash: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  const matches = row !== null && crypto.timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash));
  // One answer for unknown, revoked and expired tokens: telling them apart would tell a guesser which tokens existed.
  const expired = row?.expiresAt ? row.expiresAt.getTime() <= Date.now() : false;
  if (!row || !matches || row.revokedAt || expired) throw new AppError('unauthorized', 'The token is not valid');
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) }, select: { id: true } });
  }
  return { tokenId: row.id, name: row.name, role: row.role };
}
