import http from 'node:http';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { Db } from '../../src/db/client.ts';
import { PrismaClient as PostgresClient } from '../../src/generated/postgresql/client.ts';
import { PrismaClient as SqliteClient } from '../../src/generated/sqlite/client.ts';

/**
 * The query plans of the hot queries, taken from the SQL the app really sends: one request per route through the
 * real app on a Prisma client that logs its queries, then the database's own plan of each statement with its own
 * parameters (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN, estimated, not run).
 */
export interface RoutePlan {
  route: string;
  queries: { sql: string; plan: string[]; fullScan: boolean }[];
}

interface Explainer {
  explain(sql: string, params: unknown[]): Promise<string[]>;
  /** a plan line that reads every row of a table: what must not happen on a hot path */
  isFullScan(line: string): boolean;
  close(): Promise<void>;
}

export async function capturePlans(url: string, routes: { name: string; path: string }[]): Promise<RoutePlan[]> {
  const target = resolveDatabaseUrl(url);
  let current: QueryEvent[] = [];
  const record = (e: QueryEvent) => current.push(e);
  const prisma = target.provider === 'sqlite' ? loggingSqliteClient(target.file!, record) : loggingPostgresClient(url, record);
  const { createApp } = await import('../../src/http/app.ts');
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const app = createApp({ db: prisma, config, logger: pino({ level: 'silent' }) });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const explainer = target.provider === 'sqlite' ? sqliteExplainer(target.file!) : await postgresExplainer(url);
  const out: RoutePlan[] = [];
  try {
    for (const route of routes) {
      current = [];
      const res = await fetch(`http://127.0.0.1:${port}${route.path}`);
      await res.arrayBuffer();
      const queries = [];
      for (const q of current.filter((q) => /^\s*(SELECT|WITH)/i.test(q.query))) {
        let plan: string[];
        try {
          plan = await explainer.explain(q.query, JSON.parse(q.params) as unknown[]);
        } catch (e) {
          plan = [`(could not explain: ${e instanceof Error ? e.message : e})`];
        }
        queries.push({ sql: q.query.replaceAll('`', '"').replace(/"main"\./g, '').replace(/"public"\./g, ''), plan, fullScan: plan.some((l) => explainer.isFullScan(l)) });
      }
      out.push({ route: `${route.name}: GET ${route.path} → ${res.status}`, queries });
    }
  } finally {
    await explainer.close();
    server.close();
    await prisma.$disconnect();
  }
  return out;
}

type QueryEvent = { query: string; params: string };
const LOG_QUERIES = [{ emit: 'event' as const, level: 'query' as const }];

function loggingSqliteClient(file: string, record: (e: QueryEvent) => void): Db {
  const prisma = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file }), log: LOG_QUERIES });
  prisma.$on('query', record);
  return prisma as unknown as Db;
}

function loggingPostgresClient(url: string, record: (e: QueryEvent) => void): Db {
  const prisma = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), log: LOG_QUERIES });
  prisma.$on('query', record);
  return prisma as unknown as Db;
}

function sqliteExplainer(file: string): Explainer {
  const raw = new Database(file, { readonly: true });
  const toSqlite = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
  return {
    explain: async (sql, params) => (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params.map(toSqlite)) as { detail: string }[]).map((r) => r.detail),
    // "SCAN t" or "SCAN t AS x", not "… USING INDEX" / "… COVERING INDEX"
    isFullScan: (line) => /^SCAN \S+( AS \S+)?$/.test(line.trim()),
    close: async () => void raw.close(),
  };
}

async function postgresExplainer(url: string): Promise<Explainer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    explain: async (sql, params) => (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows.map((r) => r['QUERY PLAN']),
    isFullScan: (line) => /Seq Scan on /.test(line),
    close: () => client.end(),
  };
}
