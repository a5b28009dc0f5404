import Database, { type Statement } from 'better-sqlite3';

/**
 * A plain better-sqlite3 connection beside a SQLite Prisma client, for the few reads so hot that Prisma's per-call
 * cost matters: its query compilation and the adapter preparing the statement anew each time cost about 0.25 ms of
 * CPU a call, a third of a cached article read (docs/performance.md). A statement prepared once on this connection
 * costs microseconds. It is query-only, and under WAL every statement reads the latest committed state, so it sees
 * whatever Prisma's connection, the bulk ingest or another process has committed. Inside a transaction the callers
 * keep to the transaction client (`preparedRead(tx, …)` is undefined), which sees its own uncommitted writes.
 *
 * Opened on first use, closed with the Database (client.ts). PostgreSQL has none: its reads stay on Prisma's pool.
 */
const attached = new WeakMap<object, <P extends unknown[], R>(sql: string) => Statement<P, R>>();

/** Makes `preparedRead(client, …)` answer for the file; returns the closer. */
export function attachReadConnection(client: object, file: string, busyTimeoutMs: number): () => void {
  let connection: Database.Database | undefined;
  const statements = new Map<string, Statement>();
  attached.set(client, <P extends unknown[], R>(sql: string) => {
    if (!connection) {
      connection = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
      connection.pragma('query_only = ON');
    }
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = connection.prepare(sql)));
    return statement as Statement<P, R>;
  });
  return () => {
    attached.delete(client);
    statements.clear();
    connection?.close();
    connection = undefined;
  };
}

/**
 * `sql` prepared once on the read connection of a SQLite client opened by openDatabase; undefined for a transaction
 * client or PostgreSQL, whose callers read through Prisma.
 */
export function preparedRead<P extends unknown[], R>(db: object, sql: string): Statement<P, R> | undefined {
  return attached.get(db)?.<P, R>(sql);
}
