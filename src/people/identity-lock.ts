import type { Tx } from '../db/client.ts';
import { dialectOf } from '../db/dialect.ts';

/**
 * Name keys are not unique (namesakes are people too), so no unique index stops two writers that both find no
 * "Jane Doe" from making two. On PostgreSQL every writer that may create a person by name takes this transaction
 * lock before it looks the name up, and holds it to commit: the second then sees the first's person. SQLite needs
 * none: a write transaction there excludes every other writer, and one that read before another wrote fails with
 * SQLITE_BUSY and is retried (src/ingest/import-article.ts, withConflictRetry).
 */
export const PEOPLE_IDENTITY_LOCK_SQL = 'SELECT 1 FROM pg_advisory_xact_lock(19190001)';

export async function lockPeopleIdentity(tx: Tx): Promise<void> {
  if (dialectOf(tx) === 'postgresql') await tx.$queryRawUnsafe(PEOPLE_IDENTITY_LOCK_SQL);
}
