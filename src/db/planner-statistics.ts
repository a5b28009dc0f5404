import type { Db } from './client.ts';
import { dialectOf } from './dialect.ts';

/**
 * Gives the query planner statistics about the data. Without them SQLite starts the person page from every published
 * article instead of the person's links (19.7 ms → 0.09 ms at 20,000 articles, docs/performance.md), and
 * PostgreSQL guesses row counts until autovacuum gets round to the tables.
 *
 * SQLite: PRAGMA optimize over every table (0x10000: not only those this connection has queried, and a fresh
 * connection has queried none) analyzes the tables never analyzed or whose size moved a lot; analysis_limit keeps
 * each to a sample (milliseconds, not the 2 s of a full ANALYZE at 20,000 articles). Cheap enough for both cases.
 * PostgreSQL: VACUUM (ANALYZE) after a bulk load (ANALYZE samples too); at start only the tables never analyzed.
 * The VACUUM is for the visibility map, which only VACUUM sets: without it an index-only scan reads every row's page
 * anyway, and the status checks of a search and the person page's quote count are index-only scans. Autovacuum
 * would get round to it, if it is on (it is not on every server: not on this project's CI machine). At 100,000
 * articles it took the most quoted person's page from 61 to 24 ms and a search for a common word from 48 to 39 ms;
 * after a 10-article ingest it costs 0.2 s more than the ANALYZE alone (docs/performance.md).
 */
export async function refreshPlannerStatistics(db: Db, after: 'bulk-load' | 'start'): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await db.$queryRawUnsafe('PRAGMA analysis_limit = 1000');
    // 0x10002: consider every table, not only those this connection has queried (a fresh connection has none).
    await db.$queryRawUnsafe('PRAGMA optimize = 0x10002');
    return;
  }
  if (after === 'bulk-load') {
    await db.$executeRawUnsafe('VACUUM (ANALYZE)');
    return;
  }
  const never = await db.$queryRawUnsafe<{ relname: string }[]>(
    `SELECT relname FROM pg_stat_user_tables
     WHERE schemaname = current_schema() AND last_analyze IS NULL AND last_autoanalyze IS NULL AND n_live_tup > 0`,
  );
  for (const { relname } of never) await db.$executeRawUnsafe(`ANALYZE "${relname.replaceAll('"', '""')}"`);
}
