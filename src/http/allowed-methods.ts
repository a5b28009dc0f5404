import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';
import type { Route } from './endpoint.ts';

/**
 * 405 with the right `Allow` for a path the API has with other methods, decided before routing. Routing alone gets
 * it wrong where a literal path sits beside a parameter (`PATCH …/paragraphs/order` would reach
 * `…/paragraphs/:paragraphId` and fail as a bad id, `GET /api/articles/import` would look for a slug "import"):
 * like OpenAPI, a request belongs to the most specific path, literal segments before parameters.
 */
export function methodNotAllowed(routes: Route[]): RequestHandler {
  const paths = new Map<string, { segments: string[]; methods: Set<string> }>();
  for (const route of routes) {
    const segments = route.path.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? ':' : s.toLowerCase()));
    const key = segments.join('/');
    const entry = paths.get(key) ?? { segments, methods: new Set<string>() };
    entry.methods.add(route.method.toUpperCase());
    paths.set(key, entry);
  }
  // Express answers HEAD wherever it answers GET.
  for (const entry of paths.values()) if (entry.methods.has('GET')) entry.methods.add('HEAD');
  const candidates = [...paths.values()];
  return (req, res, next) => {
    const parts = req.path.split('/').filter(Boolean);
    let best: (typeof candidates)[number] | undefined;
    for (const candidate of candidates) {
      if (candidate.segments.length !== parts.length) continue;
      if (!candidate.segments.every((s, i) => s === ':' || s === parts[i]!.toLowerCase())) continue;
      if (!best || moreSpecific(candidate.segments, best.segments)) best = candidate;
    }
    if (!best || best.methods.has(req.method)) return next();
    const allow = [...best.methods].join(', ');
    res.set('Allow', allow);
    next(new AppError('method_not_allowed', `${req.method} is not allowed here; this path takes ${allow}`));
  };
}

/** At the first segment where they differ, a literal beats a parameter. */
function moreSpecific(a: string[], b: string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] === ':';
  return false;
}
