import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import autocannon from 'autocannon';
import { createToken } from '../../src/auth/tokens.ts';
import { routes } from '../../src/http/routes.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { assertIntegrity } from '../support/db-invariants.ts';
import { articleFactory } from '../support/http.ts';

/**
 * Soak: a bounded mixed read/write load on loopback against the app in its own process. Zero 5xx (zero non-2xx at
 * all: every write carries a current ETag), no socket errors, and the server's memory after a full GC returns near
 * the baseline taken after a warm-up. SOAK_SECONDS (default 15 per database, so 30 s per CI run) and
 * SOAK_CONNECTIONS (default 8) make it longer or wider.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 8);
const WARMUP_SECONDS = 3;

interface Memory {
  heapUsed: number;
  rss: number;
}
interface SoakResult {
  '2xx': number;
  '4xx': number;
  '5xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requests: { total: number; average: number };
  statusCodeStats: Record<string, { count: number }>;
}
interface Context {
  articleId?: number;
  paragraphId?: number;
  version?: number;
}
type Req = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: Req, context: Context) => Req;
  onResponse?: (status: number, body: string, context: Context) => void;
};

function ask(child: ChildProcess, message: string): Promise<Memory> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Memory));
    child.send(message);
  });
}

const MB = 1024 * 1024;

describeEachDatabase('soak', (ctx) => {
  test(`${SECONDS} s of mixed reads and writes: zero 5xx, memory back near its baseline`, async (t) => {
    const token = (await createToken(ctx.db.prisma, { name: 'soak', role: 'editor' })).token;
    const own: number[] = [];
    // One article per connection and run: a warm-up request still in flight must not make the main run's ETag stale.
    for (let i = 0; i < 2 * CONNECTIONS; i++) own.push((await articleFactory(ctx.db, { paragraphs: 4 })).id);

    const child = fork(path.join(import.meta.dirname, '../support/soak-server.ts'), [], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: ctx.db.url, DATABASE_POOL_SIZE: '4' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const { url } = await new Promise<{ url: string }>((resolve, reject) => {
        child.once('message', (m) => resolve(m as { url: string }));
        child.once('exit', (code) => reject(new Error(`soak server exited ${code}`)));
      });
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      let next = 0;
      let pool = own.slice(0, CONNECTIONS);
      let names = 0;
      // Each connection edits an article of its own, with the ETag it just read: no write is ever stale.
      const mine = (c: Context) => (c.articleId ??= pool[next++ % pool.length]!);
      const etag = (c: Context) => `"article-${mine(c)}-v${c.version}"`;
      const bump = (status: number, _body: string, c: Context) => {
        if (status < 300) c.version = (c.version ?? 0) + 1;
      };
      const requests: Req[] = [
        { method: 'GET', path: '/api/articles?limit=20' },
        {
          method: 'GET',
          headers: auth,
          setupRequest: (r, c) => ({ ...r, path: `/api/articles/${mine(c)}` }),
          onResponse: (status, body, c) => {
            if (status !== 200) return;
            const a = JSON.parse(body) as { version: number; paragraphs: { id: number }[] };
            c.version = a.version;
            c.paragraphId = a.paragraphs[1]!.id;
          },
        },
        {
          method: 'PATCH',
          headers: auth,
          setupRequest: (r, c) => ({ ...r, path: `/api/articles/${mine(c)}`, headers: { ...auth, 'If-Match': etag(c) }, body: JSON.stringify({ byline: `Soak ${Date.now()}` }) }),
          onResponse: bump,
        },
        { method: 'GET', path: '/api/people?q=maria&limit=10' },
        { method: 'POST', path: '/api/people', headers: auth, setupRequest: (r) => ({ ...r, body: JSON.stringify({ name: `Soak Person ${process.pid} ${++names}` }) }) },
        { method: 'GET', path: '/api/quotes?limit=10' },
        {
          method: 'PATCH',
          headers: auth,
          setupRequest: (r, c) => ({
            ...r,
            path: `/api/articles/${mine(c)}/paragraphs/${c.paragraphId}`,
            headers: { ...auth, 'If-Match': etag(c) },
            body: JSON.stringify({ text: `“We will build homes this year,” someone said at ${Date.now()}.` }),
          }),
          onResponse: bump,
        },
        ...(routes.some((r) => r.path === '/api/search') ? [{ method: 'GET', path: '/api/search?q=housing' }] : []),
        { method: 'GET', path: '/readyz' },
      ];
      const load = (duration: number) =>
        autocannon({ url, connections: CONNECTIONS, duration, requests: requests as never }) as unknown as Promise<SoakResult>;

      await load(WARMUP_SECONDS);
      const baseline = await ask(child, 'memory');
      pool = own.slice(CONNECTIONS);
      next = 0;
      const result = await load(SECONDS);
      const end = await ask(child, 'memory');

      const figures = `requests=${result.requests.total} rps=${Math.round(result.requests.average)} 2xx=${result['2xx']} non2xx=${result.non2xx} 5xx=${result['5xx']} errors=${result.errors} heap=${(baseline.heapUsed / MB).toFixed(1)}→${(end.heapUsed / MB).toFixed(1)}MB rss=${(baseline.rss / MB).toFixed(0)}→${(end.rss / MB).toFixed(0)}MB`;
      t.diagnostic(`figures: ${figures}`);
      assert.ok(result.requests.total > SECONDS * 10, `the load ran (${figures})`);
      assert.equal(result['5xx'], 0, figures);
      // Each connection edits its own article, so a 412 needs autocannon to have reconnected a socket (a new
      // context then shares an article): a correct refusal of a lost race, tolerated in small numbers; any other
      // non-2xx is a failure.
      const stats = (result.statusCodeStats ?? {}) as Record<string, { count: number }>;
      const stale = stats['412']?.count ?? 0;
      assert.equal(result.non2xx - stale, 0, `${figures} ${JSON.stringify(stats)}`);
      assert.ok(stale <= result.requests.total * 0.01, `too many 412s: ${figures} ${JSON.stringify(stats)}`);
      assert.equal(result.errors + result.timeouts, 0, figures);
      // Caches (Prisma's query plans, SQLite's pages, V8's code) are warm at the baseline; what remains is a leak.
      assert.ok(end.heapUsed <= baseline.heapUsed * 1.25 + 8 * MB, `heap grew: ${figures}`);
      assert.ok(end.rss <= baseline.rss * 1.3 + 48 * MB, `RSS grew: ${figures}`);
    } finally {
      child.send('stop');
      await exited;
    }
    await assertIntegrity(ctx.db.prisma, ctx.provider, ctx.db.url);
  });
});
