// PostgreSQL for the schema engine: @prisma/adapter-pg with the fixes the engine needs.
//  - trap 6: the adapter's `executeScript` splits the script on `;` (breaking `$$` bodies) and runs the pieces one
//    by one (not atomic). We send the whole script as ONE simple query: PostgreSQL runs a multi-statement simple
//    query as a single implicit transaction, so a migration either applies completely or not at all.
//  - trap 7: the adapter cannot read PostgreSQL's internal `"char"` type (OID 18, e.g. pg_class.relkind), which the
//    engine's introspection selects; a pg.Client subclass reports such columns as text.
//  - trap 8: `PrismaPg#connectToShadowDb()` keeps the connection string, whose database overrides the shadow
//    database's name, so the engine would replay migrations on the REAL database. We create the temporary database
//    ourselves, connect to it by a URL naming it, and drop it when the engine lets go of it.
//  - trap 1: every pool is tracked and ended on shutdown.
import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { IsolationLevel, SqlDriverAdapter, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import type { ScriptOutcome, ShimAdapterFactory } from './adapter-factory.ts';
import { EngineError } from './errors.ts';
import { hasTransactionControl } from './sql-text.ts';
import { driverError } from './sqlite-adapter.ts';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
/** Prefix of the temporary shadow databases: recognisable, and safe to drop if a crash left one behind. */
export const SHADOW_DATABASE_PREFIX = 'shim_shadow_';

type Callback = (error: Error | null, result?: unknown) => void;
const BaseClient = pg.Client as unknown as new (config?: pg.ClientConfig) => {
  query(...args: unknown[]): unknown;
};

/** Trap 7: rewrites `"char"` result columns to text before the adapter maps column types. */
class CharAsTextClient extends BaseClient {
  override query(...args: unknown[]): unknown {
    const last = args.at(-1);
    if (typeof last === 'function') {
      // pg.Pool#query calls the client with a callback.
      const callback = last as Callback;
      args[args.length - 1] = (error: Error | null, result?: unknown) => callback(error, error ? result : charAsText(result));
      return super.query(...args);
    }
    const result = super.query(...args);
    return result instanceof Promise ? result.then(charAsText) : result;
  }
}

function charAsText(result: unknown): unknown {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of (one as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

/** Prisma-only URL parameters that `pg` must not see; `schema` becomes the adapter's schema option. */
const PRISMA_ONLY_PARAMS = ['schema', 'connection_limit', 'pool_timeout', 'pgbouncer', 'statement_cache_size', 'socket_timeout'];

function parseUrl(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  for (const name of PRISMA_ONLY_PARAMS) parsed.searchParams.delete(name);
  return { connectionString: parsed.toString(), schema };
}

/** The same server and credentials, another database (trap 8: by URL, so nothing can override the name). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function pgFactory(url: string): PrismaPg {
  const { connectionString, schema } = parseUrl(url);
  const config: pg.PoolConfig = { connectionString, Client: CharAsTextClient as unknown as typeof pg.Client };
  return new PrismaPg(config, schema ? { schema } : undefined);
}

export function createPostgresFactory(url: string | undefined, shadowDatabaseUrl?: string): ShimAdapterFactory {
  const open = new Set<SqlDriverAdapter>();
  let main: PgShimAdapter | undefined;
  const requireUrl = () => {
    if (!url) throw new EngineError('This command needs a PostgreSQL connection: set datasource.url (DATABASE_URL).');
    return url;
  };

  const factory: ShimAdapterFactory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    engineProvider: 'postgresql',
    atomicScripts: false,
    lastScript: undefined,
    async connect() {
      const adapter = new PgShimAdapter(await pgFactory(requireUrl()).connect(), factory, open);
      main ??= adapter;
      return adapter;
    },
    async connectToShadowDb() {
      // A configured shadow database is used as given (the engine empties it first, as the native engine does).
      if (shadowDatabaseUrl) return new PgShimAdapter(await pgFactory(shadowDatabaseUrl).connect(), null, open);
      const mainUrl = requireUrl();
      const name = `${SHADOW_DATABASE_PREFIX}${randomBytes(8).toString('hex')}`;
      const admin = new pg.Client({ connectionString: parseUrl(mainUrl).connectionString });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
      } catch (error) {
        await admin.end();
        throw new EngineError(
          `Could not create a temporary shadow database (${(error as Error).message}). ` +
            'Grant CREATEDB to the user or set datasource.shadowDatabaseUrl in the Prisma config.',
          'P3014',
        );
      }
      const shadow = await pgFactory(withDatabase(mainUrl, name)).connect();
      return new PgShimAdapter(shadow, null, open, async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(() => {});
        await admin.end().catch(() => {});
      });
    },
    async mainConnection() {
      return main ?? factory.connect();
    },
    async afterRequest() {},
    async disposeAll() {
      for (const adapter of [...open]) await adapter.dispose().catch(() => {});
      main = undefined;
    },
  };
  return factory;
}

class PgShimAdapter implements SqlDriverAdapter {
  readonly provider = 'postgres' as const;
  readonly adapterName: string;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly owner: { atomicScripts: boolean; lastScript: ScriptOutcome | undefined } | null,
    private readonly open: Set<SqlDriverAdapter>,
    private readonly afterDispose?: () => Promise<void>,
  ) {
    this.adapterName = inner.adapterName;
    open.add(this);
  }

  queryRaw(query: SqlQuery) {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery) {
    return this.inner.executeRaw(query);
  }

  /** Trap 6: one simple query (no parameters → pg uses the simple protocol, which accepts several statements). */
  async executeScript(script: string): Promise<void> {
    const outcome: ScriptOutcome = { atomic: !hasTransactionControl(script) };
    if (this.owner) this.owner.lastScript = outcome;
    try {
      await this.inner.executeRaw({ sql: script, args: [], argTypes: [] });
    } catch (error) {
      outcome.error = driverError(error);
      throw error;
    }
  }

  startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return this.inner.startTransaction(isolationLevel);
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  async dispose(): Promise<void> {
    if (!this.open.delete(this)) return;
    await this.inner.dispose();
    await this.afterDispose?.();
  }
}
