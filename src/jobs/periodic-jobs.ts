import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { acquireLease, releaseLease } from './lease.ts';

/** Work a server process does on its own, every `intervalMs` (the scheduled publisher, the webhook sender, …). */
export interface PeriodicJob {
  name: string;
  intervalMs: number;
  /**
   * Run in one process at a time: each run first takes or renews the database lease `job:<name>` for this long.
   * Omitted: the job runs in every process (it must then share its work out through the database itself).
   * Longer than a run takes, short enough that another process takes over soon after the holder dies.
   */
  leaseMs?: number;
  /**
   * A cheap read run first: when it answers false the run is skipped without touching the lease. So an idle server
   * writes nothing (on SQLite any write by one process can make another's read-then-write transaction fail busy).
   */
  hasWork?(): Promise<boolean>;
  run(): Promise<unknown>;
}

export interface RunningJobs {
  /** Lets each running job finish, stops the timers and gives up the leases held. */
  stop(): Promise<void>;
}

/**
 * Runs each job now and then `intervalMs` after each run ends (never two runs of one job at once in a process).
 * A failed run is logged and the job goes on: a database that is briefly down must not stop publishing for good.
 */
export function startPeriodicJobs(db: Db, jobs: PeriodicJob[], options: { holder: string; logger: Logger }): RunningJobs {
  const { holder, logger } = options;
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const held = new Set<string>();

  const schedule = (job: PeriodicJob, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const tick = runOnce(job).finally(() => {
        running.delete(tick);
        schedule(job, job.intervalMs);
      });
      running.add(tick);
    }, delay);
    // The HTTP server keeps the process alive; a job's timer alone must not.
    timer.unref();
    timers.add(timer);
  };

  const runOnce = async (job: PeriodicJob) => {
    const lease = `job:${job.name}`;
    try {
      if (job.hasWork && !(await job.hasWork())) return;
      if (job.leaseMs !== undefined) {
        if (!(await acquireLease(db, lease, holder, job.leaseMs))) {
          held.delete(lease);
          return;
        }
        held.add(lease);
      }
      await job.run();
    } catch (e) {
      logger.error({ err: e, job: job.name }, 'periodic job failed; it runs again at its next interval');
    }
  };

  for (const job of jobs) schedule(job, 0);

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
      await Promise.allSettled([...held].map((lease) => releaseLease(db, lease, holder)));
    },
  };
}
