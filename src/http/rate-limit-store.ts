import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import type { Db } from '../db/client.ts';
import { translateDbError } from '../db/errors.ts';
import { Prisma } from '../generated/sqlite/client.ts';

/**
 * An express-rate-limit store in the database (table `rate_limits`), so every server process on one database counts
 * against the same limit: with the default in-memory store, N processes behind a balancer would each allow the limit.
 * Usable by any limiter: `rateLimit({ store: new DatabaseRateLimitStore(db, 'auth-failures'), … })`; the prefix keeps
 * limiters apart in the one table.
 *
 * Each hit is one atomic statement (INSERT … ON CONFLICT DO UPDATE … RETURNING, on SQLite ≥ 3.35 and PostgreSQL):
 * concurrent hits from several processes never lose a count, and a window that ran out starts again at 1. Expired
 * rows are deleted as hits arrive, so the table holds only live windows.
 */
export class DatabaseRateLimitStore implements Store {
  /** counts are shared, not kept in this process */
  readonly localKeys = false;
  windowMs = 60_000;

  constructor(
    private readonly db: Db,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(key: string) {
    return `${this.prefix}:${key}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const rows = await this.run(() => this.db.rateLimit.findMany({ where: { key: this.key(key), resetAt: { gt: new Date() } }, select: { hits: true, resetAt: true } }));
    const row = rows[0];
    return row ? { totalHits: row.hits, resetTime: row.resetAt } : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const now = new Date();
    const resetAt = new Date(now.getTime() + this.windowMs);
    const rows = await this.run(async () => {
      await this.db.rateLimit.deleteMany({ where: { resetAt: { lte: now } } });
      return this.db.$queryRaw<{ hits: number | bigint; reset_at: Date | string }[]>(Prisma.sql`
        INSERT INTO "rate_limits" ("key", "hits", "reset_at") VALUES (${this.key(key)}, 1, ${resetAt})
        ON CONFLICT ("key") DO UPDATE SET
          "hits" = CASE WHEN "rate_limits"."reset_at" <= ${now} THEN 1 ELSE "rate_limits"."hits" + 1 END,
          "reset_at" = CASE WHEN "rate_limits"."reset_at" <= ${now} THEN excluded."reset_at" ELSE "rate_limits"."reset_at" END
        RETURNING "hits", "reset_at"`);
    });
    const row = rows[0]!;
    return { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.run(() => this.db.rateLimit.updateMany({ where: { key: this.key(key), hits: { gt: 0 } }, data: { hits: { decrement: 1 } } }));
  }

  async resetKey(key: string): Promise<void> {
    await this.run(() => this.db.rateLimit.deleteMany({ where: { key: this.key(key) } }));
  }

  async resetAll(): Promise<void> {
    await this.run(() => this.db.rateLimit.deleteMany({ where: { key: { startsWith: `${this.prefix}:` } } }));
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw translateDbError(e);
    }
  }
}
