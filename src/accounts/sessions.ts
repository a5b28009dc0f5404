import crypto from 'node:crypto';
import type { Principal } from '../auth/tokens.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { emailSchema } from './accounts.ts';
import { decoyHash, verifyPassword } from './passwords.ts';

export interface NewSession {
  /** the cookie's value: shown to the browser once, only its sha256 is stored */
  secret: string;
  csrfToken: string;
  expiresAt: Date;
  account: { id: number; email: string; name: string; role: Principal['role'] };
}

const hash = (secret: string) => crypto.createHash('sha256').update(secret, 'utf8').digest('hex');

// One message for an unknown email, a wrong password and a disabled account: a guesser learns nothing from it.
export const SIGN_IN_REFUSED = 'The email or password is not right';

/** Checks the password and opens a session; an AppError 401 that names neither field when anything is wrong. */
export async function signIn(db: Db, input: { email: string; password: string }, lifetimeMs: number): Promise<NewSession> {
  const email = emailSchema.safeParse(input.email);
  const account = email.success
    ? await db.account.findUnique({ where: { email: email.data }, select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true } })
    : null;
  // The decoy keeps an unknown email as slow as a wrong password, so timing does not tell which accounts exist.
  const ok = await verifyPassword(input.password, account?.passwordHash ?? (await decoyHash()));
  if (!account || !ok || account.disabledAt) throw new AppError('unauthorized', SIGN_IN_REFUSED);
  const secret = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + lifetimeMs);
  await db.accountSession.create({ data: { accountId: account.id, tokenHash: hash(secret), csrfToken, expiresAt }, select: { id: true } });
  return { secret, csrfToken, expiresAt, account: { id: account.id, email: account.email, name: account.name, role: account.role } };
}

export interface SessionPrincipal extends Principal {
  accountId: number;
  email: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * The signed-in editor for a cookie's secret, or an AppError 401 saying why (ended, expired, account disabled):
 * the page shows that message and sends the editor to sign in again.
 */
export async function authenticateSession(db: Db, secret: string): Promise<SessionPrincipal> {
  const row = await db.accountSession.findUnique({
    where: { tokenHash: hash(secret) },
    select: { csrfToken: true, expiresAt: true, revokedAt: true, account: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
  });
  if (!row || row.revokedAt) throw new AppError('unauthorized', 'Your session has ended; sign in again');
  if (row.expiresAt.getTime() <= Date.now()) throw new AppError('unauthorized', 'Your session has expired; sign in again');
  if (row.account.disabledAt) throw new AppError('unauthorized', 'Your account is disabled');
  const { account } = row;
  return { tokenId: null, accountId: account.id, email: account.email, name: account.name, role: account.role, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

export async function signOut(db: Db, secret: string): Promise<void> {
  await db.accountSession.updateMany({ where: { tokenHash: hash(secret), revokedAt: null }, data: { revokedAt: new Date() } });
}
