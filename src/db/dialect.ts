import type { Provider } from '../config/database-url.ts';
import { Prisma } from '../generated/sqlite/client.ts';
import type { Db, Tx } from './client.ts';

/**
 * Which database a client (or transaction client) talks to, for the few queries written in SQL per dialect
 * (full-text search, the person page's counts). Prisma keeps it on the client as `_activeProvider`; reading it here,
 * once, spares every service a provider parameter.
 */
export function dialectOf(db: Db | Tx): Provider {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  throw new Error(`unsupported database provider: ${String(provider)}`);
}

/**
 * `articles.status` values for SQL written by hand: PostgreSQL's column is an enum, which a text parameter does not
 * compare with; SQLite's is text (where a CAST to an unknown type name would make it a number).
 */
export function articleStatusesSql(dialect: Provider, statuses: readonly string[]): Prisma.Sql {
  return Prisma.join(dialect === 'postgresql' ? statuses.map((st) => Prisma.sql`CAST(${st} AS "article_status")`) : statuses);
}
