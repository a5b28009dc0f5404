import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { before, test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createToken, revokeToken } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config/index.ts';
import { startServer } from '../../src/http/server.ts';
import { DatabaseRateLimitStore } from '../../src/http/rate-limit-store.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { bearer, testApp, tokenFor } from '../support/http.ts';
import { runScript, startServe } from '../support/processes.ts';

/** Sends raw bytes and collects the whole answer until the server closes the connection (or `ms` pass). */
function raw(port: number, data: string | Buffer, ms = 5_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    const timer = setTimeout(() => (socket.destroy(), resolve(out)), ms);
    socket.on('data', (d) => (out += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => (clearTimeout(timer), resolve(out)));
    socket.write(data);
  });
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/**
 * The edge of the server (issue 21 points 5, 7, 8, 12): access before the body, caps and clocks, Node's own refusals
 * as problems, 401s that name the scheme and do not tell revoked from unknown, token expiry and revocation, the
 * failed-auth limit shared through the database, the trusted-proxy default.
 */
describeEachDatabase('server edge (issue 21)', (ctx) => {
  let editor: string;
  before(async () => {
    editor = await tokenFor(ctx.db, 'editor');
  });
  const app = () => testApp(ctx.db);

  test('access is checked before the body is read; every 401 has WWW-Authenticate and one message', async () => {
    const server = await startServer(ctx.db, loadConfig({ DATABASE_URL: ctx.db.url, PORT: '0', LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
    try {
      const port = Number(new URL(server.url).port);
      // 2 MB announced, none of it sent: the 401 comes at once and the connection is closed.
      const started = Date.now();
      const answer = await raw(port, 'POST /api/articles/import HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2000000\r\n\r\nHeadline\n\n');
      assert.match(answer, /^HTTP\/1\.1 401 /);
      assert.match(answer, /www-authenticate: Bearer realm="api"/i);
      assert.match(answer, /connection: close/i);
      assert.ok(Date.now() - started < 2_000, 'answered without waiting for the body');
    } finally {
      await server.close();
    }
    const revoked = (await createToken(ctx.db.prisma, { name: 'edge-revoked', role: 'editor' })).token;
    await revokeToken(ctx.db.prisma, { name: 'edge-revoked' });
    const expired = (await createToken(ctx.db.prisma, { name: 'edge-expired', role: 'editor', expiresAt: new Date(Date.now() + 1_000) })).token;
    await ctx.db.prisma.apiToken.updateMany({ where: { name: 'edge-expired' }, data: { expiresAt: new Date(Date.now() - 1) } });
    const details = new Set<string>();
    for (const token of [revoked, expired, 'nws_unknown']) {
      const res = await request(app()).get('/api/articles').set(bearer(token));
      assert.equal(res.status, 401);
      assert.match(String(res.headers['www-authenticate']), /^Bearer realm="api", error="invalid_token"$/);
      details.add(res.body.detail);
    }
    assert.equal(details.size, 1, 'revoked, expired and unknown tokens get the same answer');
    const missing = await request(app()).post('/api/people').send({ name: 'x' });
    assert.equal(missing.status, 401);
    assert.equal(missing.headers['www-authenticate'], 'Bearer realm="api"');
  });

  test('Node’s own 400/431/408 are problem+json with the security headers; the connection cap and request timeout hold', async () => {
    const config = loadConfig({ DATABASE_URL: ctx.db.url, PORT: '0', LOG_LEVEL: 'silent', MAX_CONNECTIONS: '3', REQUEST_TIMEOUT_MS: '1500', HEADERS_TIMEOUT_MS: '1000' });
    const server = await startServer(ctx.db, config, pino({ level: 'silent' }));
    try {
      const port = Number(new URL(server.url).port);
      for (const [bytes, status] of [
        ['GARBAGE\r\n\r\n', 400],
        [`GET /api/articles HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`, 431],
        ['GET /api/articles HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400],
      ] as const) {
        const answer = await raw(port, bytes);
        assert.match(answer, new RegExp(`^HTTP/1\\.1 ${status} `), answer.slice(0, 200));
        assert.match(answer, /content-type: application\/problem\+json/i);
        assert.match(answer, /x-content-type-options: nosniff/i);
        assert.match(answer, /content-security-policy: default-src 'self'/i);
        assert.match(answer, /strict-transport-security/i);
        assert.equal(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).status, status);
      }
      // A body that never finishes: 408 within the request timeout, not Node's 300 s.
      const started = Date.now();
      const slow = await raw(port, `POST /api/people HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${editor}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`, 10_000);
      assert.match(slow, /^HTTP\/1\.1 408 /);
      assert.ok(Date.now() - started < 6_000);
      // The fourth connection while three are open is closed at once.
      const held = await Promise.all([0, 1, 2].map(() => new Promise<net.Socket>((r) => { const s = net.connect(port, '127.0.0.1', () => r(s)); s.on('error', () => undefined); })));
      await new Promise((r) => setTimeout(r, 100));
      const refused = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 3_000);
      assert.equal(refused, '', 'over the cap: closed without an answer');
      held.forEach((s) => s.destroy());
      await new Promise((r) => setTimeout(r, 100));
      assert.match(await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 200 /);
    } finally {
      await server.close();
    }
  });

  test('the failed-auth limit lives in the database: two app instances (two processes) share one count', async () => {
    await ctx.db.prisma.rateLimit.deleteMany();
    const one = testApp(ctx.db, { AUTH_FAILURE_LIMIT: '3' });
    const two = testApp(ctx.db, { AUTH_FAILURE_LIMIT: '3' });
    const statuses = [];
    for (const a of [one, two, one, two, one]) statuses.push((await request(a).get('/api/articles').set(bearer('nws_guess'))).status);
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    assert.equal(await ctx.db.prisma.rateLimit.count(), 1, 'one row for one address');
    // the store alone: atomic increments, a window that starts again, reset
    const store = new DatabaseRateLimitStore(ctx.db.prisma, 'test');
    store.init({ windowMs: 3_000 } as never); // long enough for ten increments on a loaded machine
    const hits = await Promise.all(Array.from({ length: 10 }, () => store.increment('k')));
    assert.deepEqual(hits.map((h) => h.totalHits).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'no count lost under concurrency');
    assert.equal((await store.get('k'))?.totalHits, 10);
    await new Promise((r) => setTimeout(r, 3_100));
    assert.equal(await store.get('k'), undefined, 'the window ran out');
    assert.equal((await store.increment('k')).totalHits, 1);
    await store.decrement('k');
    assert.equal((await store.get('k'))?.totalHits, 0);
    await store.resetKey('k');
    assert.equal(await store.get('k'), undefined);
  });

  test('the default trusts no proxy: a same-host client cannot pick its address with X-Forwarded-For', async () => {
    await ctx.db.prisma.rateLimit.deleteMany();
    assert.equal(loadConfig({}).trustProxy, 'false');
    const a = testApp(ctx.db, { AUTH_FAILURE_LIMIT: '2', TRUST_PROXY: loadConfig({}).trustProxy });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(a).get('/api/articles').set(bearer('nws_x')).set('X-Forwarded-For', `198.51.100.${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 429, 429]);
    assert.equal(await ctx.db.prisma.rateLimit.count(), 1, 'no limiter entry per forged address');
  });

  test('token CLI: revoke by id or unambiguous name; a digits-only name never revokes another token; --expires-in', async () => {
    const env = { DATABASE_URL: ctx.db.url };
    const first = await createToken(ctx.db.prisma, { name: 'first-admin', role: 'admin' });
    const digits = await createToken(ctx.db.prisma, { name: String(first.id), role: 'editor' });
    const ambiguous = await runScript('token', ['revoke', String(first.id)], { env });
    assert.equal(ambiguous.code, 2, ambiguous.stderr);
    assert.match(ambiguous.stderr, /could mean 2 active tokens/);
    assert.equal((await request(app()).get('/api/articles').set(bearer(first.token))).status, 200, 'nothing was revoked');
    const byName = await runScript('token', ['revoke', '--name', String(first.id)], { env });
    assert.equal(byName.code, 0, byName.stderr);
    assert.match(byName.stdout, new RegExp(`Revoked token #${digits.id}`));
    assert.equal((await request(app()).get('/api/articles').set(bearer(digits.token))).status, 401);
    assert.equal((await request(app()).get('/api/articles').set(bearer(first.token))).status, 200);
    const byId = await runScript('token', ['revoke', '--id', String(first.id)], { env });
    assert.equal(byId.code, 0);
    assert.equal((await request(app()).get('/api/articles').set(bearer(first.token))).status, 401);
    await createToken(ctx.db.prisma, { name: 'twin', role: 'editor' });
    await createToken(ctx.db.prisma, { name: 'twin', role: 'editor' });
    const twins = await runScript('token', ['revoke', 'twin'], { env });
    assert.equal(twins.code, 2);
    assert.equal(await ctx.db.prisma.apiToken.count({ where: { name: 'twin', revokedAt: null } }), 2);
    const unknown = await runScript('token', ['revoke', 'nobody'], { env });
    assert.equal(unknown.code, 2);

    const expiring = await runScript('token', ['create', '--name', 'temp', '--role', 'editor', '--expires-in', '30d'], { env });
    assert.equal(expiring.code, 0, expiring.stderr);
    const row = await ctx.db.prisma.apiToken.findFirstOrThrow({ where: { name: 'temp' } });
    const days = (row.expiresAt!.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `expires in 30 days (${days})`);
    assert.equal((await request(app()).get('/api/articles').set(bearer(expiring.stdout.trim().split('\n').at(-1)!))).status, 200);
    const badDuration = await runScript('token', ['create', '--name', 'x', '--role', 'editor', '--expires-in', '30 days'], { env });
    assert.notEqual(badDuration.code, 0);
    assert.match(badDuration.stderr, /duration/);
  });

  test('150 anonymous slow-body connections leave the server within 100 MB of idle', { timeout: 240_000 }, async () => {
    const server = await startServe(ctx.db.url, { LOG_LEVEL: 'silent' });
    try {
      const port = Number(new URL(server.url).port);
      await fetch(`${server.url}/healthz`);
      const idle = rssOf(server.child.pid!);
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.child.pid!))), 50);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const sockets = await Promise.all(
        Array.from({ length: 150 }, () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(port, '127.0.0.1', () => {
              s.write('POST /api/articles/import HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2000000\r\n\r\n');
              let sent = 0;
              const pump = () => {
                while (sent < 1_900_000 && !s.destroyed && s.write(chunk)) sent += chunk.length;
                if (sent >= 1_900_000 || s.destroyed) resolve(s);
              };
              s.on('drain', pump);
              s.on('error', () => resolve(s));
              s.on('close', () => resolve(s));
              pump();
            });
          }),
        ),
      );
      await new Promise((r) => setTimeout(r, 1_000));
      clearInterval(sampler);
      peak = Math.max(peak, rssOf(server.child.pid!));
      sockets.forEach((s) => s.destroy());
      const grown = (peak - idle) / 2 ** 20;
      process.stdout.write(`# slow bodies: RSS idle ${(idle / 2 ** 20).toFixed(0)} MB, peak ${(peak / 2 ** 20).toFixed(0)} MB (+${grown.toFixed(1)} MB)\n`);
      assert.ok(grown < 100, `RSS grew ${grown.toFixed(1)} MB`);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    } finally {
      await server.kill('SIGTERM');
    }
  });
});
