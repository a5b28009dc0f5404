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
  trashRetentionDays: number;
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
    trashRetentionDays: e.TRASH_RETENTION_DAYS,
  };
}
