import express, { type Request, type Response, Router } from 'express';
import { type Store, ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { SESSION_COOKIE, cookieOptions, readCookie } from '../auth/session-cookie.ts';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { issuesFromZod } from '../http/problem.ts';
import { type SessionPrincipal, authenticateSession, signIn, signOut } from './sessions.ts';

const SignInBody = z.strictObject({ email: z.string().max(254), password: z.string().max(1000) });

const WINDOW_MS = 15 * 60_000;

const view = (s: Pick<SessionPrincipal, 'accountId' | 'email' | 'name' | 'role' | 'csrfToken' | 'expiresAt'>) => ({
  account: { id: s.accountId, email: s.email, name: s.name, role: s.role },
  csrfToken: s.csrfToken,
  expiresAt: s.expiresAt.toISOString(),
});

/**
 * The desk's sign-in: POST /api/session (email + password → session cookie), GET /api/session (who is signed in,
 * and the CSRF token the page sends with every write), DELETE /api/session (sign out). Mounted before the
 * bearer/cookie authentication so a stale cookie never stands in the way of signing in again.
 *
 * Failed sign-ins are limited per client address (config.authFailureLimit per 15 minutes; successful ones are not
 * counted). `store` is express-rate-limit's store: memory by default (one process), a shared one when several
 * server processes must count together.
 */
export function sessionRoutes({ db, config, store }: { db: Db; config: Config; store?: Store }): Router {
  const router = Router();
  const failures = rateLimit({
    windowMs: WINDOW_MS,
    limit: config.authFailureLimit,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `sign-in:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(store ? { store } : {}),
    handler: (_req, _res, next) => next(new AppError('too_many_requests', 'Too many failed sign-ins from this address; try again later')),
  });

  router.post('/', failures, express.json({ limit: '16kb' }), async (req: Request, res: Response) => {
    const origin = req.get('origin');
    // A sign-in from another site's page would sign the victim into the attacker's account (login CSRF).
    if (origin !== undefined && origin !== `${req.protocol}://${req.get('host')}`) {
      throw new AppError('forbidden', `Sign in from this site, not from ${origin}`);
    }
    const parsed = SignInBody.safeParse(req.body);
    if (!parsed.success) {
      throw new AppError('bad_request', 'Send {"email": …, "password": …} as JSON', { issues: issuesFromZod(parsed.error, ['body']) });
    }
    const session = await signIn(db, parsed.data, config.sessionMs);
    res.cookie(SESSION_COOKIE, session.secret, cookieOptions(req, session.expiresAt));
    res.set('Cache-Control', 'no-store');
    res.status(201).json(view({ ...session, ...session.account, accountId: session.account.id }));
  });

  router.get('/', async (req: Request, res: Response) => {
    const secret = readCookie(req, SESSION_COOKIE);
    if (!secret) throw new AppError('unauthorized', 'Not signed in');
    const session = await authenticateSession(db, secret).catch((e: unknown) => {
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      throw e;
    });
    res.set('Cache-Control', 'no-store');
    res.json(view(session));
  });

  // Signing out needs the CSRF token like any write, or another site could sign an editor out.
  router.delete('/', async (req: Request, res: Response) => {
    const secret = readCookie(req, SESSION_COOKIE);
    if (secret) {
      const session = await authenticateSession(db, secret).catch(() => null);
      if (session && req.get('x-csrf-token') !== session.csrfToken) {
        throw new AppError('forbidden', 'Signing out needs the X-CSRF-Token header of the session');
      }
      await signOut(db, secret);
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  return router;
}
