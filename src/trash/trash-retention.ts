import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import type { PeriodicJob } from '../jobs/periodic-jobs.ts';
import { purgeExpiredTrash } from './purge-article.ts';

/** How often the server looks for articles past the retention: the retention is in days, an hour is precise enough. */
export const TRASH_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The server job that empties expired articles from the trash (src/jobs/server-jobs.ts). It runs in one process at
 * a time under a database lease, like the scheduled publisher; purgeExpiredTrash would also be safe twice at once,
 * the lease only saves the other processes the work.
 */
export function trashPurgeJob(db: Db, retentionDays: number, logger: Logger, intervalMs = TRASH_PURGE_INTERVAL_MS): PeriodicJob {
  return {
    name: 'purge-trash',
    intervalMs,
    leaseMs: 10 * 60 * 1000,
    async run() {
      const purged = await purgeExpiredTrash(db, new Date(), retentionDays);
      if (purged.length) logger.info({ purged, retentionDays }, 'emptied articles past the retention from the trash');
    },
  };
}
