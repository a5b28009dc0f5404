import type { Logger } from 'pino';
import { hasDueArticles, publishDueArticles } from '../articles/publish-scheduled.ts';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/client.ts';
import { trashPurgeJob } from '../trash/trash-retention.ts';
import { deliverDueWebhooks } from '../webhooks/deliver-webhooks.ts';
import { processHolder } from './lease.ts';
import { type PeriodicJob, type RunningJobs, startPeriodicJobs } from './periodic-jobs.ts';

/** Rounds of deliveries one run may send back to back while a backlog lasts, before yielding to the timer. */
const DELIVERY_ROUNDS = 20;

/**
 * The background work of every server process, started and stopped with it (server.ts). Scheduled publishing runs
 * in one process at a time (a database lease: after a crash another process, or the restarted one, takes over once
 * the lease expires and catches up on what fell due meanwhile); webhook delivery runs in every process, which share
 * the deliveries out by claiming rows; the trash is emptied of articles past the retention by one process at a time.
 */
export function startServerJobs(db: Db, config: Config, logger: Logger): RunningJobs {
  const holder = processHolder();
  const jobs: PeriodicJob[] = [
    {
      name: 'publish-scheduled',
      intervalMs: config.schedulerIntervalMs,
      leaseMs: Math.max(5_000, 5 * config.schedulerIntervalMs),
      hasWork: () => hasDueArticles(db),
      async run() {
        const published = await publishDueArticles(db);
        if (published.length) logger.info({ articles: published }, 'published scheduled articles');
      },
    },
    {
      name: 'deliver-webhooks',
      intervalMs: config.webhooks.intervalMs,
      async run() {
        for (let round = 0; round < DELIVERY_ROUNDS; round++) {
          if ((await deliverDueWebhooks(db, config.webhooks, holder)) === 0) return;
        }
      },
    },
    trashPurgeJob(db, config.trashRetentionDays, logger),
  ];
  return startPeriodicJobs(db, jobs, { holder, logger });
}
