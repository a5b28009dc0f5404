import { AppError, type ErrorIssue } from '../errors.ts';

/**
 * Text the store can hold the same on both databases. PostgreSQL refuses NUL in text (a 500 from deep inside a
 * query) and turns a lone UTF-16 surrogate into U+FFFD, while SQLite stores the NUL and writes the surrogate as
 * invalid UTF-8: the two would disagree, so both are refused at the edge, in every path parameter, query value,
 * JSON key and value and text body, before anything reaches a database.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null when it can. */
export function unstorableText(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'must not contain NUL characters' : 'must not contain a lone UTF-16 surrogate (invalid text)';
}

const MAX_ISSUES = 20;

/** Every unstorable string (and object key) in `value`, each with its path under `location`. */
function findUnstorable(value: unknown, path: (string | number)[], out: ErrorIssue[], depth = 0): void {
  if (out.length >= MAX_ISSUES || depth > 64) return;
  if (typeof value === 'string') {
    const why = unstorableText(value);
    if (why) out.push({ path, message: why });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findUnstorable(v, [...path, i], out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const why = unstorableText(key);
      if (why) out.push({ path: [...path, key], message: `the field name ${why}` });
      findUnstorable(v, [...path, key], out, depth + 1);
    }
  }
}

/** Refuses a request whose path, query or body holds text no database can store the same (400, naming where). */
export function assertStorableRequest(parts: { path: unknown; query: unknown; body: unknown }): void {
  const issues: ErrorIssue[] = [];
  for (const [location, value] of Object.entries(parts)) findUnstorable(value, [location], issues);
  if (issues.length) {
    throw new AppError('bad_request', `The request holds text that cannot be stored (at ${issues[0]!.path.join('.')}: ${issues[0]!.message})`, { issues });
  }
}
