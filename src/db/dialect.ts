import type { Provider } from '../config/database-url.ts';
import type { Db, Tx } from './client.ts';

/**
 * Which database a client (or transaction client) talks to, for the few queries written in SQL per dialect
 * (full-text search). Prisma keeps it on the client as `_activeProvider`; reading it here, once, spares every
 * service a provider parameter.
 */
export function dialectOf(db: Db | Tx): Provider {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  throw new Error(`unsupported database provider: ${String(provider)}`);
}
