import path from 'node:path';
import { AppError } from '../errors.ts';

export type Provider = 'sqlite' | 'postgresql';

/** Where a fresh clone keeps its database when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = 'file:./data/news.db';

export interface DatabaseTarget {
  provider: Provider;
  /** For SQLite `file:/absolute/path.db` (relative paths are taken from the project root, whatever the cwd);
   * for PostgreSQL the URL as given. */
  url: string;
  /** SQLite only: the absolute file path. */
  file?: string;
}

/** The project root: every relative path in configuration is taken from here, never from the cwd. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * DATABASE_URL chooses the database: `file:` → SQLite, `postgres://` / `postgresql://` → PostgreSQL.
 * Kept free of other imports because `.config/prisma.ts` (the Prisma CLI's config) uses it too.
 */
export function resolveDatabaseUrl(raw: string | undefined): DatabaseTarget {
  const value = raw?.trim() || DEFAULT_DATABASE_URL;
  if (value.startsWith('file:')) {
    const [rest = '', query] = splitOnce(value.slice('file:'.length), '?');
    if (!rest) throw invalidUrl('a file: URL needs a path, e.g. file:./data/news.db');
    const file = path.resolve(PROJECT_ROOT, rest.replace(/^\/\/(?=\/)/, ''));
    return { provider: 'sqlite', url: `file:${file}${query ? `?${query}` : ''}`, file };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw invalidUrl('the PostgreSQL URL does not parse, e.g. postgresql://user@127.0.0.1:5432/news');
    }
    return { provider: 'postgresql', url: value };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw invalidUrl(
    `${scheme ? `unknown scheme "${scheme}:"` : 'no scheme'}; use file:./data/news.db (SQLite) or postgresql://… (PostgreSQL)`,
  );
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function invalidUrl(message: string) {
  return new AppError('invalid_config', `Invalid configuration: DATABASE_URL ${message}`, {
    issues: [{ path: ['DATABASE_URL'], message }],
  });
}
