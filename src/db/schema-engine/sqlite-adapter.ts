// SQLite for the schema engine: @prisma/adapter-better-sqlite3 with the fixes the engine needs.
//  - trap 1: the engine sets `locking_mode=EXCLUSIVE` and never closes its connection; we track every connection,
//    release the lock between requests and close them all on shutdown, so other processes are not kept out.
//  - trap 3: the engine sends whole scripts (e.g. migrations replayed on the shadow database) through `executeRaw`,
//    which better-sqlite3 refuses ("more than one statement"): such calls are routed to `executeScript`.
//  - trap 5: a failing script is not atomic on SQLite; while `atomicScripts` is on (applyMigrations) each script
//    runs inside a transaction of ours.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import type { IsolationLevel, SqlDriverAdapter, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import type { ScriptOutcome, ShimAdapterFactory } from './adapter-factory.ts';
import { disablesForeignKeys, dropsTrigger, hasTransactionControl } from './sql-text.ts';

const noArgs = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

/** `file:/abs/x.db?mode=…` → the path better-sqlite3 opens (Prisma's URL parameters mean nothing to it). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, '').replace(/\?.*$/, '');
}

export function createSqliteFactory(url: string, shadowDatabaseUrl?: string): ShimAdapterFactory {
  const inner = new PrismaBetterSqlite3(
    { url: sqlitePath(url) },
    // The shadow database is in memory unless the config names one.
    shadowDatabaseUrl ? { shadowDatabaseUrl: sqlitePath(shadowDatabaseUrl) } : undefined,
  );
  const open = new Set<SqlDriverAdapter>();
  let main: SqliteShimAdapter | undefined;

  const factory: ShimAdapterFactory = {
    provider: 'sqlite',
    adapterName: inner.adapterName,
    engineProvider: 'sqlite',
    atomicScripts: false,
    lastScript: undefined,
    async connect() {
      const adapter = new SqliteShimAdapter(await inner.connect(), factory, open);
      main ??= adapter;
      return adapter;
    },
    async connectToShadowDb() {
      return new SqliteShimAdapter(await inner.connectToShadowDb(), null, open);
    },
    async mainConnection() {
      return main ?? factory.connect();
    },
    async afterRequest() {
      // Leave EXCLUSIVE mode and touch the database so SQLite actually drops the lock (it is released on the next
      // access after the mode change); the engine re-acquires it when it needs it.
      if (!main || !open.has(main)) return;
      await main.executeRaw(noArgs('PRAGMA main.locking_mode=NORMAL')).catch(() => {});
      await main.queryRaw(noArgs('SELECT count(*) FROM sqlite_master')).catch(() => {});
    },
    async disposeAll() {
      for (const adapter of [...open]) await adapter.dispose().catch(() => {});
      main = undefined;
    },
  };
  return factory;
}

class SqliteShimAdapter implements SqlDriverAdapter {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;

  constructor(
    private readonly inner: SqlDriverAdapter,
    /** the factory's switches, for the main database only (null for the shadow database) */
    private readonly owner: { atomicScripts: boolean; lastScript: ScriptOutcome | undefined } | null,
    private readonly open: Set<SqlDriverAdapter>,
  ) {
    this.adapterName = inner.adapterName;
    open.add(this);
  }

  queryRaw(query: SqlQuery) {
    return this.inner.queryRaw(query);
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    try {
      return await this.inner.executeRaw(query);
    } catch (error) {
      // Trap 3. better-sqlite3 throws this RangeError from prepare(), before running anything, so retrying the
      // whole text as a script cannot run a statement twice.
      if (query.args.length === 0 && error instanceof RangeError && /more than one statement/.test(error.message)) {
        await this.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  }

  async executeScript(script: string): Promise<void> {
    if (!this.owner?.atomicScripts) return this.inner.executeScript(script);
    const outcome: ScriptOutcome = { atomic: !hasTransactionControl(script) };
    this.owner.lastScript = outcome;
    try {
      // A script with its own BEGIN/COMMIT runs as written (ours would nest and fail).
      if (outcome.atomic) await this.runInTransaction(script);
      else await this.inner.executeScript(script);
    } catch (error) {
      outcome.error = driverError(error);
      throw error;
    }
  }

  /**
   * Trap 5. `PRAGMA foreign_keys=OFF` is a no-op inside a transaction, and with foreign keys on, the DROP TABLE of
   * Prisma's table-redefinition steps would fire ON DELETE CASCADE on the children. So when the script switches
   * them off we do it before BEGIN, check the keys before COMMIT (SQLite's documented 12-step procedure) and restore
   * the previous setting afterwards.
   */
  private async runInTransaction(script: string): Promise<void> {
    const foreignKeysOff = disablesForeignKeys(script);
    const before = foreignKeysOff
      ? Number((await this.inner.queryRaw(noArgs('PRAGMA foreign_keys'))).rows[0]?.[0] ?? 0)
      : 0;
    if (foreignKeysOff) await this.inner.executeScript('PRAGMA foreign_keys=OFF');
    // Views and triggers survive a table redefinition (docs/migrations.md): with legacy_alter_table the final
    // RENAME does not re-check views that name the table (it is briefly missing), and the triggers its DROP TABLE
    // took with it are created again unless the script dropped them on purpose.
    if (foreignKeysOff) await this.inner.executeScript('PRAGMA legacy_alter_table=ON');
    try {
      await this.inner.executeScript('BEGIN');
      try {
        const triggers = foreignKeysOff ? await this.triggers() : new Map<string, string>();
        await this.inner.executeScript(script);
        if (foreignKeysOff) {
          const left = await this.triggers();
          for (const [name, sql] of triggers) {
            if (!left.has(name) && !dropsTrigger(script, name)) await this.inner.executeScript(sql);
          }
        }
        if (foreignKeysOff) {
          const violations = await this.inner.queryRaw(noArgs('PRAGMA foreign_key_check'));
          if (violations.rows.length > 0) {
            const tables = [...new Set(violations.rows.map((row) => String(row[0])))].join(', ');
            const message = `FOREIGN KEY constraint failed: rows in ${tables} reference missing rows after the script`;
            // A DriverAdapterError so the engine reports the message (a plain Error would become "GenericJs").
            throw new DriverAdapterError({
              kind: 'sqlite',
              extendedCode: 787, // SQLITE_CONSTRAINT_FOREIGNKEY
              message,
              originalCode: 'SQLITE_CONSTRAINT_FOREIGNKEY',
              originalMessage: message,
            });
          }
        }
        await this.inner.executeScript('COMMIT');
      } catch (error) {
        await this.inner.executeScript('ROLLBACK').catch(() => {});
        throw error;
      }
    } finally {
      if (foreignKeysOff) await this.inner.executeScript('PRAGMA legacy_alter_table=OFF');
      if (foreignKeysOff && before) await this.inner.executeScript('PRAGMA foreign_keys=ON');
    }
  }

  private async triggers(): Promise<Map<string, string>> {
    const { rows } = await this.inner.queryRaw(noArgs("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"));
    return new Map(rows.map(([name, sql]) => [String(name), String(sql)]));
  }

  startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return this.inner.startTransaction(isolationLevel);
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  async dispose(): Promise<void> {
    if (!this.open.delete(this)) return;
    await this.inner.dispose();
  }
}

/** The database's own message and code from a driver-adapter error (kept in `cause` by the adapters). */
export function driverError(error: unknown): { message: string; code?: string } {
  const cause = (error as { cause?: { originalMessage?: string; originalCode?: string } } | null)?.cause;
  if (cause?.originalMessage) return { message: cause.originalMessage, code: cause.originalCode };
  const code = (error as { code?: unknown } | null)?.code;
  return { message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : undefined };
}
