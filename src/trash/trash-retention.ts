import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { purgeExpiredTrash } from './purge-article.ts';

/** How often the server looks for articles past the retention: the retention is in days, an hour is precise enough. */
export const TRASH_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Empties expired articles from the trash now and then every interval, until stopped. A failed round is logged and
 * the next one tries again. The timer does not keep the process alive. (Until the scheduler with a database lease
 * arrives, every server process runs this; purgeExpiredTrash is safe to run twice at once.)
 */
export function startTrashRetention(db: Db, retentionDays: number, logger: Logger, intervalMs = TRASH_PURGE_INTERVAL_MS): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = purgeExpiredTrash(db, new Date(), retentionDays).then(
      (purged) => {
        if (purged.length) logger.info({ purged, retentionDays }, 'emptied articles past the retention from the trash');
      },
      (e) => logger.error({ err: e }, 'emptying the trash failed; trying again at the next round'),
    );
  };
  round();
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
