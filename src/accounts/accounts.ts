import { z } from 'zod';
import type { Role } from '../auth/tokens.ts';
import type { Db, Tx } from '../db/client.ts';
import { transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { PASSWORD_MIN_LENGTH, hashPassword } from './passwords.ts';

export interface AccountSummary {
  id: number;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}

const SUMMARY = { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true } as const;

export const emailSchema = z.string().trim().toLowerCase().max(254).email('not an email address');
const nameSchema = z.string().trim().min(1, 'a name is 1–100 characters').max(100, 'a name is 1–100 characters');

export function checkPassword(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw new AppError('bad_request', `A password is at least ${PASSWORD_MIN_LENGTH} characters`, {
      issues: [{ path: ['password'], message: `at least ${PASSWORD_MIN_LENGTH} characters` }],
    });
  }
  if (password.length > 1000) throw new AppError('bad_request', 'A password is at most 1000 characters');
}

function parse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const message = r.error.issues[0]?.message ?? 'not valid';
    throw new AppError('bad_request', `The ${field} is not valid: ${message}`, { issues: [{ path: [field], message }] });
  }
  return r.data;
}

export async function createAccount(db: Db | Tx, input: { email: string; name: string; role: Role; password: string }): Promise<AccountSummary> {
  const email = parse(emailSchema, input.email, 'email');
  const name = parse(nameSchema, input.name, 'name');
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.account.create({ data: { email, name, role: input.role, passwordHash }, select: SUMMARY });
  } catch (e) {
    // The unique email index, outside a transaction(): Prisma's own code for a unique clash.
    if ((e as { code?: string }).code === 'P2002') throw new AppError('conflict', `An account with the email ${email} exists already`);
    throw e;
  }
}

export function listAccounts(db: Db | Tx): Promise<AccountSummary[]> {
  return db.account.findMany({ select: SUMMARY, orderBy: { id: 'asc' } });
}

async function accountByEmail(tx: Tx, email: string) {
  const key = parse(emailSchema, email, 'email');
  const row = await tx.account.findUnique({ where: { email: key }, select: { id: true } });
  if (!row) throw new AppError('not_found', `No account has the email ${key}`);
  return row;
}

/** Disables the account and ends its sessions at once, in one transaction: a disabled editor is signed out everywhere. */
export function disableAccount(db: Db, email: string): Promise<AccountSummary> {
  return transaction(db, async (tx) => {
    const { id } = await accountByEmail(tx, email);
    const now = new Date();
    await tx.accountSession.updateMany({ where: { accountId: id, revokedAt: null }, data: { revokedAt: now } });
    return tx.account.update({ where: { id }, data: { disabledAt: now }, select: SUMMARY });
  });
}

/** Sets a new password (and re-enables nothing); the sessions signed in with the old one end. */
export async function resetPassword(db: Db, email: string, password: string): Promise<AccountSummary> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  return transaction(db, async (tx) => {
    const { id } = await accountByEmail(tx, email);
    await tx.accountSession.updateMany({ where: { accountId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    return tx.account.update({ where: { id }, data: { passwordHash }, select: SUMMARY });
  });
}
