import Database from 'better-sqlite3';

/**
 * A plain better-sqlite3 connection beside a SQLite Prisma client, for the few reads so hot that Prisma's per-call
 * cost matters: its query compilation and the adapter preparing the statement anew each time cost about 0.25 ms of
 * CPU a call, a third of a cached article read (docs/performance.md). A statement prepared once on this connection
 * costs microseconds. It is query-only, and under WAL every statement reads the latest committed state, so it sees
 * whatever Prisma's connection, the bulk ingest or another process has committed. Inside a transaction the callers
 * keep to the transaction client (`readConnectionOf(tx)` is undefined), which sees its own uncommitted writes.
 *
 * Opened on first use, closed with the Database (client.ts). PostgreSQL has none: its reads stay on Prisma's pool.
 */
const attached = new WeakMap<object, () => Database.Database>();

/** Makes `readConnectionOf(client)` answer for the file; returns the closer. */
export function attachReadConnection(client: object, file: string, busyTimeoutMs: number): () => void {
  let connection: Database.Database | undefined;
  attached.set(client, () => {
    if (!connection) {
      connection = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
      connection.pragma('query_only = ON');
    }
    return connection;
  });
  return () => {
    attached.delete(client);
    connection?.close();
    connection = undefined;
  };
}

/** The read connection of a SQLite client opened by openDatabase; undefined for a transaction or PostgreSQL. */
export function readConnectionOf(db: object): Database.Database | undefined {
  return attached.get(db)?.();
}
