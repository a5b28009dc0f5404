import { Prisma } from '../generated/sqlite/client.ts';
import { AppError } from '../errors.ts';

/**
 * Database errors are translated here, and only here, into the project's vocabulary. Both vendors arrive through
 * Prisma's driver adapters, which already map SQLite's UNIQUE failure and PostgreSQL's 23505 to P2002 and so on;
 * what is left per vendor (busy/locked SQLite, lost PostgreSQL connections) is matched on the driver's message.
 * test/db/errors.test.ts runs each case on both databases.
 */
export function translateDbError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    const target = describeTarget(e.meta);
    // SQLite's lock wait running out arrives as P1008 "timed out"; the driver's own code says what it was.
    const original = (e.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause?.originalCode;
    if (typeof original === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(original)) return busy(e);
    // A value the database refuses by a rule of its own — SQLite's triggers (the date domain), PostgreSQL's CHECK
    // (23514) and data exceptions (22xxx: a date out of its range) — is this data refused, not a broken server.
    // (Prisma files a trigger's abort under P2003 and the rest under P2039: the driver's code says what it was.)
    // SQLite reports an ON DELETE RESTRICT refusal as SQLITE_CONSTRAINT_TRIGGER too: that one is a conflict (below).
    const said = (e.meta?.driverAdapterError as { cause?: { originalMessage?: unknown } } | undefined)?.cause?.originalMessage;
    const foreignKey = typeof said === 'string' && /FOREIGN KEY constraint failed/i.test(said);
    if (typeof original === 'string' && !foreignKey && /^(SQLITE_CONSTRAINT_TRIGGER|SQLITE_CONSTRAINT_CHECK|23514|22[0-9A-Z]{3})$/.test(original)) {
      return new AppError('unprocessable', `The database refused the data: ${typeof said === 'string' ? said.slice(0, 300) : original}`, { cause: e });
    }
    switch (e.code) {
      case 'P2002':
        return new AppError('conflict', `A record with the same ${target ?? 'unique value'} already exists`, { cause: e });
      case 'P2003':
      case 'P2014':
        return new AppError('conflict', 'The record is still referenced by other records', { cause: e });
      case 'P2034':
        // Reached only outside transaction() (which retries it): one statement that lost a deadlock.
        return new AppError('unavailable', 'The write collided with another (deadlock); nothing was changed, send it again', { cause: e });
      case 'P2025':
      case 'P2001':
        return new AppError('not_found', 'The record does not exist (it may have just been deleted)', { cause: e });
      case 'P1001':
      case 'P1002':
      case 'P1008':
      case 'P1017':
      case 'P2024':
        return unavailable(e);
    }
  }
  if (e instanceof Prisma.PrismaClientInitializationError) return unavailable(e);
  const driverError = translateDriverError(e);
  if (driverError) return driverError;
  const message = e instanceof Error ? e.message : String(e);
  if (/SQLITE_BUSY|SQLITE_LOCKED|database is locked|database is busy/i.test(message)) return busy(e);
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|Can't reach database|server closed the connection|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection/i.test(message)) {
    return unavailable(e);
  }
  // PostgreSQL refusing the connection itself: the database was dropped or renamed (3D000), closed to connections
  // (55000), is out of connection slots (53300), or refuses the login (28000/28P01). Both through Prisma's adapter
  // and from pg directly (the migration check at start-up): never a 500 or a driver's stack trace.
  const pgCode = (e as { code?: unknown } | null)?.code;
  if (
    (typeof pgCode === 'string' && /^(3D000|55000|53300|28000|28P01|57P0[1-3])$/.test(pgCode)) ||
    /database \S+ does not exist|is not currently accepting connections|too many clients|remaining connection slots|authentication failed/i.test(message)
  ) {
    // The server's own words name the database or the role ("database \"news\" does not exist"): pass them on.
    const said = /database "[^"]{1,100}" does not exist|role "[^"]{1,100}" does not exist|too many clients already/i.exec(message)?.[0];
    return new AppError('unavailable', `The database refuses connections (${said ?? 'it is missing, closed or full'}); try again in a moment`, { cause: e });
  }
  if (/SQLITE_FULL|database or disk is full|No space left on device|SQLITE_READONLY|attempt to write a readonly database/i.test(message)) {
    return new AppError('unavailable', 'The database cannot be written (disk full or read-only); nothing was changed', { cause: e });
  }
  return e;
}

/**
 * A deadlock (PostgreSQL 40P01) or serialization failure (40001), which Prisma reports as P2034 and a driver by its
 * SQLSTATE: the transaction lost a race and can be run again as it was (transaction.ts retries it).
 */
export function isWriteConflict(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    if (e.code === 'P2034') return true;
    const original = (e.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause?.originalCode;
    return original === '40P01' || original === '40001';
  }
  const code = (e as { code?: unknown; cause?: { originalCode?: unknown } } | null)?.code ?? (e as { cause?: { originalCode?: unknown } } | null)?.cause?.originalCode;
  return code === '40P01' || code === '40001' || code === 'P2034';
}

/**
 * Errors of the drivers themselves, for the code that uses them directly (the bulk ingest, src/ingest/bulk/):
 * better-sqlite3's `SQLITE_CONSTRAINT_*` codes and PostgreSQL's SQLSTATE. A deadlock or serialization failure is a
 * conflict too: like a unique clash, it is resolved by reading again and retrying.
 */
function translateDriverError(e: unknown): AppError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const detail = e instanceof Error ? e.message : code;
  if (/^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$|^23505$/.test(code)) {
    return new AppError('conflict', `A record with the same unique value already exists (${detail})`, { cause: e });
  }
  if (/^SQLITE_CONSTRAINT_FOREIGNKEY$|^23503$|^40P01$|^40001$/.test(code)) {
    return new AppError('conflict', `Another change got in the way (${detail}); try again`, { cause: e });
  }
  // A constraint, a value it cannot hold (22xxx: data exceptions) or a limit (54xxx, e.g. a search document over
  // PostgreSQL's 1 MB tsvector): this data is refused, not the database gone.
  if (/^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH)/.test(code) || /^(?:22|23|54)[0-9A-Z]{3}$/.test(code)) {
    return new AppError('unprocessable', `The database refused the data: ${detail}`, { cause: e });
  }
  return null;
}

function busy(cause: unknown) {
  return new AppError('unavailable', 'The database is busy; try again in a moment', { cause });
}

function unavailable(cause: unknown) {
  return new AppError('unavailable', 'The database is unreachable; try again in a moment', { cause });
}

function describeTarget(meta: Record<string, unknown> | undefined): string | null {
  // P2002's meta differs by vendor: SQLite names the fields (`constraint.fields: ['slug']`), PostgreSQL only the
  // index (`constraint.index: 'articles_slug_key'`), from which Prisma's naming lets us recover the columns.
  const cause = (meta?.driverAdapterError as { cause?: { table?: string; constraint?: { fields?: string[]; index?: string } } })
    ?.cause;
  if (cause?.constraint?.fields?.length) return cause.constraint.fields.join(', ');
  const index = cause?.constraint?.index;
  if (index) {
    const columns = index.replace(new RegExp(`^${cause?.table ?? '[a-z]+'}_`), '').replace(/_(key|pkey|idx)$/, '');
    return columns || index;
  }
  const target = meta?.target;
  if (Array.isArray(target)) return target.join(', ');
  return typeof target === 'string' ? target : null;
}
