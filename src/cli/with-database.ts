import { loadConfig } from '../config/index.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { migrateIfNeeded } from '../db/migrate.ts';

/**
 * Runs `fn` on the configured database, migrated first — a token or an account is often the first thing made on a
 * new store, before `npm start` ever ran — and closes it after.
 */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const { database } = loadConfig();
  await migrateIfNeeded(database);
  const db = await openDatabase(database);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
