import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import type { Database } from '../db/client.ts';
import { refreshPlannerStatistics } from '../db/planner-statistics.ts';
import { startTrashRetention } from '../trash/trash-retention.ts';
import { createApp } from './app.ts';

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
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  // Idle keep-alive sockets would hold close() open until they time out: shorter than the shutdown budget.
  server.keepAliveTimeout = Math.min(5_000, config.shutdownTimeoutMs);
  const stopTrashRetention = startTrashRetention(database.prisma, config.trashRetentionDays, logger);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

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
      await stopTrashRetention();
      await database.close();
    })());

  return { server, url: `http://${host}:${port}`, close };
}
