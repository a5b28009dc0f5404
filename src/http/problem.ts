import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { z } from 'zod';
import { translateDbError } from '../db/errors.ts';
import { AppError, type ErrorIssue } from '../errors.ts';

/**
 * The one error handler. Everything that goes wrong ends here and leaves as RFC 9457 problem details
 * (`application/problem+json`): AppError as it is, zod errors as 400 with each field's path, body-parser failures
 * (413, 400 invalid JSON, 415 charset) mapped to the same vocabulary. Anything else is a bug: logged with the
 * request id and answered with a bare 500 — no message, stack or SQL ever leaves the server.
 */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const error = toAppError(err);
  if (error.status >= 500 && error.code !== 'unavailable') {
    req.log?.error({ err }, 'unhandled error');
  } else if (error.code === 'unavailable') {
    req.log?.warn({ err }, error.message);
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error.code === 'unavailable' && !res.get('Retry-After')) res.set('Retry-After', '5');
  // RFC 9110: a 401 names the scheme that would work (the auth middleware adds error="invalid_token" for a bad one).
  if (error.status === 401 && !res.get('WWW-Authenticate')) res.set('WWW-Authenticate', 'Bearer realm="api"');
  res
    .status(error.status)
    .type('application/problem+json')
    .send(JSON.stringify(renderProblem(error, req)));
};

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError('not_found', `No route for ${req.method} ${req.path}`);
};

export function renderProblem(error: AppError, req: Request) {
  return {
    type: `/problems/${error.code.replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    instance: req.originalUrl.split('?')[0] ?? '/',
    requestId: String(req.id ?? ''),
    ...(error.issues.length ? { errors: error.issues } : {}),
  };
}

export function toAppError(err: unknown): AppError {
  const translated = translateDbError(err);
  if (translated instanceof AppError) return translated;
  if (translated instanceof z.ZodError) {
    return new AppError('bad_request', 'The request is not valid', { issues: issuesFromZod(translated, []) });
  }
  const bodyError = fromBodyParser(translated);
  if (bodyError) return bodyError;
  return new AppError('internal', 'An unexpected error occurred; the request id identifies it in the logs', { cause: err });
}

export function issuesFromZod(error: z.ZodError, prefix: (string | number)[]): ErrorIssue[] {
  return error.issues.flatMap((i) => {
    const path = [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    // An unknown field is named where it is ("body.headlin"), one issue each, not as a list on its parent.
    if (i.code === 'unrecognized_keys') return i.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}"` }));
    return [{ path, message: i.message }];
  });
}

/** body-parser (inside express.json/text) marks its errors with a `type` and a status. */
function fromBodyParser(err: unknown): AppError | null {
  const e = err as { type?: unknown; status?: unknown; limit?: unknown };
  if (typeof e !== 'object' || e === null) return null;
  if (typeof e.type !== 'string') {
    // Refusals without a body-parser type: the router's "Failed to decode param" (a path with bad percent-encoding,
    // a URIError with status 400) and zlib's errors for a body whose Content-Encoding does not match it.
    if (err instanceof URIError && e.status === 400) {
      return new AppError('bad_request', 'The path is not valid: bad percent-encoding', { issues: [{ path: ['path'], message: 'bad percent-encoding' }] });
    }
    if (typeof (e as { code?: unknown }).code === 'string' && /^(Z_|ERR__ERROR)/.test((e as { code: string }).code) && e.status === 400) {
      return new AppError('bad_request', 'The body could not be decompressed as its Content-Encoding says', { issues: [{ path: ['headers', 'content-encoding'], message: 'does not match the body' }] });
    }
    return null;
  }
  switch (e.type) {
    case 'entity.too.large':
      return new AppError('payload_too_large', `The body is larger than the limit of ${e.limit} bytes`);
    case 'entity.parse.failed':
      return new AppError('bad_request', 'The body is not valid JSON', { issues: [{ path: ['body'], message: 'invalid JSON' }] });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'The body must be UTF-8');
    case 'request.size.invalid':
    case 'request.aborted':
      return new AppError('bad_request', 'The body was incomplete');
    default:
      return typeof e.status === 'number' && e.status >= 400 && e.status < 500
        ? new AppError('bad_request', 'The body could not be read')
        : null;
  }
}
