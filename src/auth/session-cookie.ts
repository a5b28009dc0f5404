import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { authenticateSession } from '../accounts/sessions.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';

/** The desk's session cookie. HttpOnly (no script reads it), SameSite=Strict, Secure whenever the request came over HTTPS. */
export const SESSION_COOKIE = 'desk_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The value of one cookie from the Cookie header, or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function cookieOptions(req: Request, expires: Date) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/', expires };
}

/**
 * A request without Authorization but with the desk's cookie: the signed-in editor becomes res.locals.principal.
 * A write made with the cookie must also come from this site (Origin, when the browser sends it, is our own) and
 * carry the session's CSRF token in X-CSRF-Token: SameSite=Strict already keeps other sites' requests cookieless,
 * and the token is the second lock for browsers or proxies that do not honour it.
 */
export async function cookiePrincipal(db: Db, req: Request, res: Response, next: NextFunction): Promise<void> {
  const secret = readCookie(req, SESSION_COOKIE);
  if (!secret) return next();
  try {
    const principal = await authenticateSession(db, secret);
    if (!SAFE.has(req.method)) {
      const origin = req.get('origin');
      if (origin !== undefined && origin !== `${req.protocol}://${req.get('host')}`) {
        throw new AppError('forbidden', `A write signed in by cookie must come from this site, not from ${origin}`);
      }
      const sent = Buffer.from(req.get(CSRF_HEADER) ?? '');
      const expected = Buffer.from(principal.csrfToken);
      if (sent.length !== expected.length || !crypto.timingSafeEqual(sent, expected)) {
        throw new AppError('forbidden', 'A write signed in by cookie needs the X-CSRF-Token header of its session');
      }
    }
    res.locals.principal = principal;
    next();
  } catch (e) {
    // The expired or ended cookie is dropped, so the browser stops sending it; the 401 tells the page why.
    if (e instanceof AppError && e.code === 'unauthorized') res.clearCookie(SESSION_COOKIE, { path: '/' });
    next(e);
  }
}
