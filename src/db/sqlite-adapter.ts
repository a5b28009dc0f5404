import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils';

/**
 * Prisma's better-sqlite3 adapter with two connections: one that writes and one that only reads.
 *
 * The adapter as shipped has one connection. It queues transactions behind each other, but a query made outside a
 * transaction runs at once on that same connection — inside whatever transaction is open there. That was harmless
 * while a transaction never let the event loop turn (better-sqlite3 answers synchronously, so a whole transaction
 * ran in one go: a 2 MB import held every request for seconds, issue 21). Once a long write yields between its
 * statements, a reader would see the writer's uncommitted rows, and a lone write would become part of the other's
 * transaction. So here:
 * - a read (SELECT, WITH … SELECT) outside a transaction runs on the read connection: WAL gives it the last
 *   committed state, and a writer never blocks it;
 * - a transaction, and any other statement outside one (a lone UPDATE, a PRAGMA), waits its turn for the write
 *   connection, which is never shared with an open transaction.
 * Inside a transaction everything stays on the write connection, which sees its own writes.
 */
export function sqliteAdapter(file: string, timeoutMs: number): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: file, timeout: timeoutMs });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const writer = await inner.connect();
      const reader = await inner.connect();
      // Nothing but SELECT is sent here; query_only makes sure of it.
      await reader.executeRaw({ sql: 'PRAGMA query_only = ON', args: [], argTypes: [] });
      return splitConnections(writer, reader);
    },
  };
}

/**
 * A statement that only reads: a SELECT, or a WITH … SELECT (the search's queries) naming no write. A read taken for
 * a write goes to the writer, which is only slower; the other way round, query_only refuses it loudly.
 */
const READ = /^\s*(?:SELECT\b|WITH\b(?![\s\S]*\b(?:INSERT|UPDATE|DELETE|REPLACE)\b))/i;

function splitConnections(writer: SqlDriverAdapter, reader: SqlDriverAdapter): SqlDriverAdapter {
  const turn = new WriteTurns();
  const alone = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await turn.take();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return {
    provider: writer.provider,
    adapterName: writer.adapterName,
    queryRaw: (query: SqlQuery): Promise<SqlResultSet> => (READ.test(query.sql) ? reader.queryRaw(query) : alone(() => writer.queryRaw(query))),
    executeRaw: (query: SqlQuery) => alone(() => writer.executeRaw(query)),
    executeScript: (script: string) => alone(() => writer.executeScript(script)),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      const release = await turn.take();
      try {
        const tx = await writer.startTransaction(isolationLevel);
        return endingWith(tx, release);
      } catch (e) {
        release();
        throw e;
      }
    },
    async dispose() {
      await reader.dispose();
      await writer.dispose();
    },
  };
}

/** The transaction, handing the write connection on once it commits or rolls back. */
function endingWith(tx: Transaction, release: () => void): Transaction {
  let released = false;
  const end = () => {
    if (!released) (released = true), release();
  };
  return {
    get provider() {
      return tx.provider;
    },
    get adapterName() {
      return tx.adapterName;
    },
    get options() {
      return tx.options;
    },
    queryRaw: (q) => tx.queryRaw(q),
    executeRaw: (q) => tx.executeRaw(q),
    commit: () => tx.commit().finally(end),
    rollback: () => tx.rollback().finally(end),
    createSavepoint: tx.createSavepoint && ((name) => tx.createSavepoint!(name)),
    rollbackToSavepoint: tx.rollbackToSavepoint && ((name) => tx.rollbackToSavepoint!(name)),
    releaseSavepoint: tx.releaseSavepoint && ((name) => tx.releaseSavepoint!(name)),
  };
}

/** First come, first served turns on the write connection. */
class WriteTurns {
  private tail: Promise<void> = Promise.resolve();

  take(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const before = this.tail;
    this.tail = before.then(() => mine);
    return before.then(() => release);
  }
}
