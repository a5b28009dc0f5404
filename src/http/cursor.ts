import { AppError } from '../errors.ts';
import { unstorableText } from './clean-text.ts';

/**
 * Opaque keyset cursors: base64url of [sort, key, id] — the sort it was made for, the last row's sort key and id.
 * The next page is "rows after (key, id)" in index order, so page 1,000 costs what page 1 costs (no OFFSET).
 */
export type CursorKey = string | number | null;

export function encodeCursor(sort: string, key: CursorKey, id: number): string {
  return Buffer.from(JSON.stringify([sort, key, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): { key: CursorKey; id: number } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('is not a cursor from this API');
  }
  if (!Array.isArray(value) || value.length !== 3) throw badCursor('is not a cursor from this API');
  const [s, key, id] = value as unknown[];
  if (s !== sort) throw badCursor(`was made for sort=${String(s)}; keep the sort when paging`);
  if (!Number.isSafeInteger(id) || (id as number) < 1 || (id as number) > 2_147_483_647) throw badCursor('is damaged');
  if (key !== null && typeof key !== 'string' && typeof key !== 'number') throw badCursor('is damaged');
  // A forged key with a NUL or a lone surrogate would reach the database as a comparison value.
  if (typeof key === 'string' && (key.length > 1000 || unstorableText(key))) throw badCursor('is damaged');
  if (typeof key === 'number' && !Number.isFinite(key)) throw badCursor('is damaged');
  return { key, id: id as number };
}

// A 422, not a 400: any text is a well-formed cursor; only the server knows which ones it issued.
function badCursor(why: string) {
  return new AppError('unprocessable', `The cursor ${why}`, { issues: [{ path: ['query', 'cursor'], message: why }] });
}

/** One more row than the page is fetched to learn whether a next page exists. */
export function page<T>(rows: T[], limit: number, cursorOf: (last: T) => string): { data: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { data: rows, nextCursor: null };
  const data = rows.slice(0, limit);
  return { data, nextCursor: cursorOf(data[data.length - 1]!) };
}
