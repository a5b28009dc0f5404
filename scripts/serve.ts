/**
 * `npm start`: migrate, seed an empty store with the bundled sample, serve the API until SIGTERM/SIGINT.
 *   PORT, HOST, DATABASE_URL, … : see .env.example
 */
import 'dotenv/config';
import { pino } from 'pino';
import { loadConfig } from '../src/config/index.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateIfNeeded } from '../src/db/migrate.ts';
import { translateDbError } from '../src/db/errors.ts';
import { isAppError } from '../src/errors.ts';
import { startServer } from '../src/http/server.ts';
import { seedIfEmpty } from '../src/ingest/seed.ts';

async function main() {
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
  const running = await startServer(database, config, logger);
  process.stdout.write(
    `Serving ${running.url}  (API docs: ${running.url}/docs)\n` +
      `Create a token: npm run --silent token -- create --name <you> --role editor\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    running.close().then(
      () => process.exit(0),
      (e) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e) => {
  const error = translateDbError(e);
  // One clear line for the expected failures (bad config, database unreachable); a stack only for bugs.
  if (isAppError(error)) process.stderr.write(`Cannot start: ${error.describe()}\n`);
  else process.stderr.write(`Cannot start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
