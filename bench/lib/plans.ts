import http from 'node:http';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import type { Db } from '../../src/db/client.ts';
import { PrismaClient } from '../../src/generated/sqlite/client.ts';

/**
 * The query plans of the hot queries, taken from the SQL the app really sends: one request per route through the
 * real app on a Prisma client that logs its queries, then EXPLAIN QUERY PLAN of each statement with its own
 * parameters on the same SQLite file.
 */
export interface RoutePlan {
  route: string;
  queries: { sql: string; plan: string[]; fullScan: boolean }[];
}

export async function capturePlans(file: string, routes: { name: string; path: string }[]): Promise<RoutePlan[]> {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }), log: [{ emit: 'event', level: 'query' }] });
  let current: { sql: string; params: string }[] = [];
  prisma.$on('query', (e) => current.push({ sql: e.query, params: e.params }));
  const { createApp } = await import('../../src/http/app.ts');
  const config = loadConfig({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' });
  const app = createApp({ db: prisma as unknown as Db, config, logger: pino({ level: 'silent' }) });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const raw = new Database(file, { readonly: true });
  const out: RoutePlan[] = [];
  try {
    for (const route of routes) {
      current = [];
      const res = await fetch(`http://127.0.0.1:${port}${route.path}`);
      await res.arrayBuffer();
      const queries = current
        .filter((q) => /^\s*SELECT/i.test(q.sql))
        .map((q) => {
          let plan: string[];
          try {
            const params = JSON.parse(q.params) as unknown[];
            plan = (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...params.map(toSqlite)) as { detail: string }[]).map((r) => r.detail);
          } catch (e) {
            plan = [`(could not explain: ${e instanceof Error ? e.message : e})`];
          }
          // A SCAN of a table (not "USING INDEX"/"COVERING INDEX") reads every row: what must not happen on a hot path.
          const fullScan = plan.some((p) => /^SCAN \S+$/.test(p.trim()) || /^SCAN \S+ AS \S+$/.test(p.trim()));
          return { sql: q.sql.replaceAll('`', '"').replace(/"main"\./g, ''), plan, fullScan };
        });
      out.push({ route: `${route.name}: GET ${route.path} → ${res.status}`, queries });
    }
  } finally {
    raw.close();
    server.close();
    await prisma.$disconnect();
  }
  return out;
}

function toSqlite(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}
