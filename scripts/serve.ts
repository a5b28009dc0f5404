/**
 * `npm start`: migrate, seed an empty store with the bundled sample, serve the API until SIGTERM/SIGINT.
 *   PORT, HOST, DATABASE_URL, … : see .env.example
 */
import 'dotenv/config';
import { pino } from 'pino';
import { runMain } from '../src/cli/run-main.ts';
import { loadConfig } from '../src/config/index.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateIfNeeded } from '../src/db/migrate.ts';
import { startServer } from '../src/http/server.ts';
import { seedIfEmpty } from '../src/ingest/seed.ts';
import { buildDesk, deskIsStale } from '../src/desk/build.ts';

/** Resolves with the exit code once a signal has stopped the server (runMain exits with it). */
async function main(): Promise<number> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  // Checks the database answers first, so an unreachable one is one clear line, not a migration tool's transcript.
  await migrateIfNeeded(config.database);
  const database = await openDatabase(config.database, { poolSize: config.databasePoolSize });
  try {
    const seeded = await seedIfEmpty(database);
    if (seeded) logger.info({ articles: seeded }, 'empty store: ingested the bundled sample');
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
  // npm ci built the desk; a source changed since (a pull, an edit) is rebuilt here, in well under a second.
  if (deskIsStale()) await buildDesk();
  const running = await startServer(database, config, logger);
  process.stdout.write(
    `Serving ${running.url}  (API docs: ${running.url}/docs, the desk: ${running.url}/desk)\n` +
      `Create a token: npm run --silent token -- create --name <you> --role editor\n` +
      `Create a desk account: printf '%s\\n' "$PASSWORD" | npm run --silent user -- create --email <you@…> --name <you> --role editor --password-stdin\n`,
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      running.close().then(
        () => resolve(0),
        (e) => {
          logger.error({ err: e }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}

// A failure to start is one clear line (bad config, database unreachable), a stack only for a bug: runMain's rules.
runMain('Cannot start', main);
