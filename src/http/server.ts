import http, { type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import type { Database } from '../db/client.ts';
import { refreshPlannerStatistics } from '../db/planner-statistics.ts';
import { startServerJobs } from '../jobs/server-jobs.ts';
import { createApp } from './app.ts';
import { answerClientErrors } from './client-error.ts';

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to config.shutdownTimeoutMs), then closes the database. */
  close(): Promise<void>;
}

/** Listens on HOST:PORT with the app; the one place that opens a socket. */
export async function startServer(database: Database, config: Config, logger: Logger): Promise<RunningServer> {
  // Cheap, and it matters: without statistics the planners pick poor plans for the person page (docs/performance.md).
  await refreshPlannerStatistics(database.prisma, 'start');
  const app = createApp({ db: database.prisma, config, logger });
  // Node checks its request clocks every connectionsCheckingInterval (30 s by default): once a second here, so a
  // REQUEST_TIMEOUT_MS of 30 s means 30 s. An option of createServer only, hence no app.listen.
  const server = http.createServer({ connectionsCheckingInterval: 1_000 }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  // Idle keep-alive sockets would hold close() open until they time out: shorter than the shutdown budget.
  server.keepAliveTimeout = Math.min(5_000, config.shutdownTimeoutMs);
  limitConnections(server, config);
  answerClientErrors(server, logger);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  // Scheduled publishing, webhook delivery and the trash's retention (src/jobs/server-jobs.ts): stopped before the database closes.
  const jobs = startServerJobs(database.prisma, config, logger);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), config.shutdownTimeoutMs);
      });
      if ((await Promise.race([drained, timedOut])) === 'timeout') {
        logger.warn('requests still running after the shutdown timeout: closing their connections');
        server.closeAllConnections();
      }
      clearTimeout(timer);
      await jobs.stop();
      await database.close();
    })());

  return { server, url: `http://${host}:${port}`, close };
}

/**
 * Caps and clocks so slow or numerous clients cannot pin the process: at most MAX_CONNECTIONS sockets (more are
 * closed on arrival), HEADERS_TIMEOUT_MS to send the headers and REQUEST_TIMEOUT_MS for the whole request (Node's
 * own 300 s let a client that sends a body byte a second hold its buffers for five minutes). Node answers a timed-out
 * request with 408 (client-error.ts renders it).
 */
export function limitConnections(server: Server, config: Pick<Config, 'maxConnections' | 'headersTimeoutMs' | 'requestTimeoutMs'>): void {
  server.maxConnections = config.maxConnections;
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
}
