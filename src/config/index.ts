import { z } from 'zod';
import { AppError } from '../errors.ts';
import { type DatabaseTarget, resolveDatabaseUrl } from './database-url.ts';

/**
 * The whole configuration, parsed once from the environment at boot. Nothing else in the code reads process.env:
 * entry points call loadConfig() and pass the result down. Every variable is explained in .env.example.
 */
const EnvSchema = z.object({
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Express "trust proxy": set to the proxy's address when behind one, so rate limits see the client's address.
   *  Default false: trusting loopback would let any process on this host pick its own address with X-Forwarded-For. */
  TRUST_PROXY: z.string().default('false'),
  JSON_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 1mb or 512kb').default('1mb'),
  TEXT_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 2mb').default('2mb'),
  /** Failed authentications allowed per client address per 15 minutes before 429. */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().positive().default(20),
  /** How long a graceful shutdown waits for in-flight requests. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Open connections the server accepts at once; more are closed on arrival. */
  MAX_CONNECTIONS: z.coerce.number().int().positive().default(512),
  /** How long a client may take to send the request headers, and the whole request (headers and body). */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** PostgreSQL connection pool size. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** How long a desk sign-in lasts before the editor signs in again. */
  SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** How often the server looks for scheduled articles that are due. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1_000),
  /** "1": webhooks may be sent to private, loopback and link-local addresses (tests, a private network). */
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('0'),
  /** How long one webhook request may take (connect, send, answer) before it counts as failed. */
  WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** The first retry's delay; each further retry waits twice as long, up to WEBHOOKS_RETRY_MAX_MS. */
  WEBHOOKS_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  WEBHOOKS_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  /** Attempts before a delivery is marked failed. */
  WEBHOOKS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(15),
  /** How often each server process looks for deliveries to send. */
  WEBHOOKS_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1_000),
  /** Days an article stays in the trash before the server empties it for good. */
  TRASH_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
});

export interface Config {
  database: DatabaseTarget;
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  trustProxy: string;
  jsonBodyLimit: string;
  textBodyLimit: string;
  authFailureLimit: number;
  shutdownTimeoutMs: number;
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  databasePoolSize: number;
  sessionMs: number;
  schedulerIntervalMs: number;
  webhooks: WebhookConfig;
  trashRetentionDays: number;
}

export interface WebhookConfig {
  allowPrivateNetworks: boolean;
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  intervalMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings (`PORT=` in a .env) mean "unset", as most tools treat them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
    const names = issues.map((i) => i.path.join('.')).join(', ');
    throw new AppError('invalid_config', `Invalid configuration: ${names}`, { issues });
  }
  const e = parsed.data;
  return {
    database: resolveDatabaseUrl(e.DATABASE_URL),
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    jsonBodyLimit: e.JSON_BODY_LIMIT,
    textBodyLimit: e.TEXT_BODY_LIMIT,
    authFailureLimit: e.AUTH_FAILURE_LIMIT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    maxConnections: e.MAX_CONNECTIONS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sessionMs: e.SESSION_HOURS * 3_600_000,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    webhooks: {
      allowPrivateNetworks: e.WEBHOOKS_ALLOW_PRIVATE_NETWORKS === '1',
      timeoutMs: e.WEBHOOKS_TIMEOUT_MS,
      retryBaseMs: e.WEBHOOKS_RETRY_BASE_MS,
      retryMaxMs: e.WEBHOOKS_RETRY_MAX_MS,
      maxAttempts: e.WEBHOOKS_MAX_ATTEMPTS,
      intervalMs: e.WEBHOOKS_INTERVAL_MS,
    },
    trashRetentionDays: e.TRASH_RETENTION_DAYS,
  };
}
