import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { DatabaseRateLimitStore } from '../http/rate-limit-store.ts';
import { type Access, checkAccess } from './access.ts';
import { type Principal, authenticateToken } from './tokens.ts';

const WINDOW_MS = 15 * 60_000;

/** The principal authenticate() found for this request, or null for an anonymous reader. */
export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | undefined) ?? null;
}

/**
 * Resolves `Authorization: Bearer <token>` into res.locals.principal. No header → anonymous (each route's access
 * rule decides); a header that does not authenticate → 401, even on public routes, so a broken token is noticed.
 *
 * Only FAILED authentications count towards the rate limit (config.authFailureLimit per address per 15 minutes):
 * the limiter is run after a failure, never on the way in, so any number of parallel requests with a good token
 * (benchmarks, busy editors) are never throttled. A blocked address gets 429 (with Retry-After) for every token that
 * does not authenticate, so guessing stops; a good token still works from it, so one broken client behind an office's
 * shared address does not lock its colleagues out. The counts live in the database (rate-limit-store.ts), so every
 * server process on one database enforces one limit.
 */
export function authenticate(db: Db, failureLimit: number): RequestHandler {
  const key = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
  const failures = rateLimit({
    windowMs: WINDOW_MS,
    limit: failureLimit,
    keyGenerator: key,
    store: new DatabaseRateLimitStore(db, 'auth-failures'),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(tooMany()),
  });

  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header === undefined) return next();
    try {
      const m = /^Bearer[ ]+([A-Za-z0-9._~+/-]{1,200}=*)\s*$/i.exec(header);
      if (!m) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <token>"');
      res.locals.principal = await authenticateToken(db, m[1]!);
      next();
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'unauthorized') return next(e);
      const blocked = await failures.getKey(key(req));
      const resetAt = blocked?.resetTime?.getTime() ?? 0;
      if (blocked && blocked.totalHits >= failureLimit && resetAt > Date.now()) {
        res.set('Retry-After', String(Math.ceil((resetAt - Date.now()) / 1000)));
        return next(tooMany());
      }
      // Counts this failure; the limiter answers 429 itself once the limit is passed.
      res.set('WWW-Authenticate', 'Bearer realm="api", error="invalid_token"');
      await failures(req, res, () => next(e));
    }
  };
}

function tooMany() {
  return new AppError('too_many_requests', 'Too many failed authentications from this address; try again later');
}

/**
 * A route's access rule, checked as soon as the principal is known and BEFORE the body is read (the body parsers
 * come after this in each route's chain): an anonymous client sending 2 MB to a route that needs a token is refused
 * at once, and the connection is closed rather than drained, so it can pin neither memory nor a socket.
 */
export function requireAccess(access: Access): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      checkAccess(access, principalOf(res));
      next();
    } catch (e) {
      if (!req.complete) res.set('Connection', 'close');
      next(e);
    }
  };
}
