/** npm run seed (also `npx prisma db seed`): migrates, then ingests the bundled sample articles. Idempotent. */
import 'dotenv/config';
import { runMain } from '../src/cli/run-main.ts';
import { loadConfig } from '../src/config/index.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateIfNeeded } from '../src/db/migrate.ts';
import { createReporter } from '../src/ingest/progress-reporter.ts';
import { seed } from '../src/ingest/seed.ts';

async function main(): Promise<number> {
  const config = loadConfig();
  await migrateIfNeeded(config.database);
  const db = await openDatabase(config.database, { poolSize: 2 });
  try {
    const summary = await seed(db, createReporter());
    return summary.failed ? 1 : 0;
  } finally {
    await db.close();
  }
}

runMain('seed', main);
