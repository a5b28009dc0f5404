import type { Database } from '../../db/client.ts';
import type { BulkConnection } from './bulk-connection.ts';
import { openPostgresConnection } from './postgres-connection.ts';
import { openSqliteConnection } from './sqlite-connection.ts';

/** A second connection to the store for the bulk ingest, with the driver itself (see each connection's file). */
export async function openBulkConnection(database: Database): Promise<BulkConnection> {
  return database.provider === 'sqlite' ? openSqliteConnection(database.target.file!) : openPostgresConnection(database.target.url);
}
