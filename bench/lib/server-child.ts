/**
 * A server under test, in its own process so it has a core of its own while autocannon drives it from the parent:
 *   node --import tsx bench/lib/server-child.ts app <DATABASE_URL>   the real app (createApp + http.createServer)
 *   node --import tsx bench/lib/server-child.ts raw <sqlite file URL> the raw node:http + better-sqlite3 limit
 * Listens on 127.0.0.1 port 0 and sends { port } over IPC; on "stop" it sends { maxRssMb } and exits.
 */
import http from 'node:http';
import { pino } from 'pino';
import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { loadConfig } from '../../src/config/index.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createRawServer } from './raw-server.ts';

const [mode, url] = process.argv.slice(2);
if (!process.send || !url || (mode !== 'app' && mode !== 'raw')) {
  console.error('usage: server-child.ts app|raw <DATABASE_URL> (started by bench/run.ts over IPC)');
  process.exit(2);
}

let server: http.Server;
let close = async () => {};
if (mode === 'raw') {
  server = createRawServer(resolveDatabaseUrl(url).file!);
} else {
  const { createApp } = await import('../../src/http/app.ts');
  // The configuration as `npm start` would parse it, for this database; request logs at info level are part of the
  // real cost, written to /dev/null so a terminal's speed does not enter the figure.
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'info', AUTH_FAILURE_LIMIT: '1000000' });
  const database = await openDatabase(config.database, { poolSize: config.databasePoolSize });
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  // as startServer does (src/http/server.ts): planner statistics first
  const { refreshPlannerStatistics } = await import('../../src/db/planner-statistics.ts');
  await refreshPlannerStatistics(database.prisma, 'start');
  server = http.createServer(createApp({ db: database.prisma, config, logger }));
  close = () => database.close();
}

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});

process.on('message', async (m) => {
  if (m !== 'stop') return;
  server.closeAllConnections();
  server.close();
  await close().catch(() => {});
  process.send!({ maxRssMb: process.resourceUsage().maxRSS / 1024 }, () => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
