/**
 * The app in a process of its own for the soak test: node --expose-gc --import tsx test/support/soak-server.ts
 * with DATABASE_URL set. Sends { url } over IPC once listening; answers "memory" with its heap and RSS after a full
 * garbage collection, so the test measures the server alone, not autocannon in the test's own process.
 */
import http from 'node:http';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createApp } from '../../src/http/app.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!process.send || !gc) {
  console.error('start with --expose-gc and an IPC channel (test/reliability/soak.test.ts does)');
  process.exit(2);
}

// Request logs at info level, as `npm start` writes them, to /dev/null: their cost and their allocations are real.
const config = loadConfig({ ...process.env, LOG_LEVEL: 'info', AUTH_FAILURE_LIMIT: '1000000' });
const database = await openDatabase(config.database, { poolSize: config.databasePoolSize });
const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
const server = http.createServer(createApp({ db: database.prisma, config, logger }));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send!({ url: `http://127.0.0.1:${port}` });
});

process.on('message', async (m) => {
  if (m === 'memory') {
    // Several passes with pauses: finalizers and the pools' idle timers release memory over more than one cycle.
    for (let i = 0; i < 4; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 100));
    }
    const { heapUsed, rss } = process.memoryUsage();
    process.send!({ heapUsed, rss });
  } else if (m === 'stop') {
    server.closeAllConnections();
    server.close();
    await database.close().catch(() => {});
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
