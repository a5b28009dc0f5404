import fs from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.ts';
import type { DatabaseTarget, Provider } from '../config/database-url.ts';
import { attachReadConnection } from './read-connection.ts';
import { sqliteAdapter } from './sqlite-adapter.ts';

/**
 * The client type the code is written against. Both generated clients share the model; their types are not
 * assignable to each other, so the PostgreSQL one is cast here, once. The SQLite type is the canonical one because
 * it lacks PostgreSQL-only options (`mode: 'insensitive'`, `skipDuplicates`), so code that type-checks runs on both.
 */
export type Db = SqliteClient;
/** A client or an interactive-transaction client: helpers take either, so transactions compose. */
export type Tx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** A transaction client has `$transaction` too (Prisma 7), but no `$connect`. */
export function isClient(db: Db | Tx): db is Db {
  return typeof (db as Partial<Db>).$connect === 'function';
}

export interface Database {
  prisma: Db;
  provider: Provider;
  target: DatabaseTarget;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** SQLite: how long a writer waits for a lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  if (target.provider === 'sqlite') {
    const file = target.file!;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Two connections: SELECTs outside a transaction read the committed state while a writer works (sqlite-adapter.ts).
    const prisma = new SqliteClient({ adapter: sqliteAdapter(file, options.busyTimeoutMs ?? 5_000) });
    // WAL lets readers (analysts, the API) work while an ingest writes; it persists in the file.
    // synchronous=NORMAL is safe against corruption under WAL and is per connection (the adapter keeps one).
    // foreign_keys is on by default in better-sqlite3's build, but stating it guards against another build.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    const closeReads = attachReadConnection(prisma, file, options.busyTimeoutMs ?? 5_000);
    return {
      prisma,
      provider: 'sqlite',
      target,
      close: async () => {
        closeReads();
        await prisma.$disconnect();
      },
    };
  }
  const prisma = new PostgresClient({
    adapter: new PrismaPg({ connectionString: target.url, max: options.poolSize ?? 10 }),
  }) as unknown as Db;
  return { prisma, provider: 'postgresql', target, close: () => prisma.$disconnect() };
}
