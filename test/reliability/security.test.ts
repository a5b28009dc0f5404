import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { before, test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createToken, hashToken, revokeToken } from '../../src/auth/tokens.ts';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { Db } from '../../src/db/client.ts';
import { createApp } from '../../src/http/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { snapshot } from '../support/db-invariants.ts';
import { bearer, testApp } from '../support/http.ts';
import { type RouteRequest, makeTargets, paramNames, routes, send, validRequest } from '../support/route-requests.ts';

type Who = 'none' | 'revoked' | 'editor' | 'admin';
const WHO: Who[] = ['none', 'revoked', 'editor', 'admin'];

/** What the route table's declared access implies for each kind of caller. */
function expected(route: (typeof routes)[number], who: Who): 'ok' | 401 | 403 {
  // Only /api authenticates: health probes never depend on a token (docs/reliability.md).
  if (!route.path.startsWith('/api')) return 'ok';
  if (who === 'revoked') return 401;
  if (route.access === 'public') return 'ok';
  if (who === 'none') return 401;
  if (route.access === 'admin' && who === 'editor') return 403;
  return 'ok';
}

describeEachDatabase('security', (ctx) => {
  const tokens: Record<Who, string | null> = { none: null, revoked: null, editor: null, admin: null };
  before(async () => {
    tokens.editor = (await createToken(ctx.db.prisma, { name: 'sec-editor', role: 'editor' })).token;
    tokens.admin = (await createToken(ctx.db.prisma, { name: 'sec-admin', role: 'admin' })).token;
    tokens.revoked = (await createToken(ctx.db.prisma, { name: 'sec-revoked', role: 'admin' })).token;
    await revokeToken(ctx.db.prisma, { name: 'sec-revoked' });
  });
  // Built once: createApp builds the OpenAPI document and the docs page, too slow to repeat per request.
  let built: ReturnType<typeof testApp> | undefined;
  const app = () => (built ??= testApp(ctx.db, { AUTH_FAILURE_LIMIT: '100000' }));

  test('authorization matrix: every route × {no token, revoked, editor, admin} gets what its declared access says', async (t) => {
    let cells = 0;
    for (const route of routes) {
      for (const who of WHO) {
        const targets = await makeTargets(ctx.db);
        const req = validRequest(route, targets);
        const before = await snapshot(ctx.db.prisma);
        const res = await send(app(), route, req, tokens[who] ? bearer(tokens[who]!) : {});
        const label = `${route.method.toUpperCase()} ${route.path} as ${who}: ${res.status} ${res.text.slice(0, 200)}`;
        const want = expected(route, who);
        if (want === 'ok') {
          if (req.ok) assert.equal(res.status, req.ok, label);
          else assert.ok(res.status < 500 && res.status !== 401 && res.status !== 403, label);
        } else {
          assert.equal(res.status, want, label);
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/, label);
          assert.deepEqual(await snapshot(ctx.db.prisma), before, `${label}: a refused request wrote nothing`);
        }
        cells++;
      }
    }
    assert.equal(cells, routes.length * WHO.length);
    t.diagnostic(`figures: routes=${routes.length} cells=${cells}`);
  });

  test('tokens never reach the logs, and no response returns a token or its hash', async () => {
    let logs = '';
    const sink = new Writable({ write(chunk, _enc, cb) { logs += chunk.toString(); cb(); } });
    const config = loadConfig({ DATABASE_URL: ctx.db.url, LOG_LEVEL: 'trace', AUTH_FAILURE_LIMIT: '100000' });
    const logged = createApp({ db: ctx.db.prisma, config, logger: pino({ level: 'trace' }, sink) });
    const exploding = new Proxy(ctx.db.prisma, {
      get: (tgt, p, r) => (p === 'article' ? new Proxy({}, { get: () => () => Promise.reject(new Error('boom')) }) : Reflect.get(tgt, p, r)),
    }) as Db;
    const crashing = createApp({ db: exploding, config, logger: pino({ level: 'trace' }, sink) });
    const fake = `nws_${crypto.randomBytes(32).toString('base64url')}`;
    const secrets = [tokens.editor!, tokens.admin!, tokens.revoked!, fake];
    const bodies: string[] = [];
    for (const secret of secrets) {
      for (const url of ['/api/articles', '/api/people', '/api/nothing', '/healthz']) {
        bodies.push((await request(logged).get(url).set(bearer(secret))).text);
      }
      bodies.push((await request(logged).post('/api/people').set(bearer(secret)).set('Cookie', `session=${secret}`).send({ name: 7 })).text);
      bodies.push((await request(crashing).get('/api/articles').set(bearer(secret))).text);
    }
    bodies.push((await request(logged).get('/api/articles').set('Authorization', `Basic ${Buffer.from(`u:${tokens.admin}`).toString('base64')}`)).text);
    // Every GET of the API, as an admin: nothing hands back a token or a hash.
    const targets = await makeTargets(ctx.db);
    for (const route of routes.filter((r) => r.method === 'get')) {
      bodies.push((await send(logged, route, validRequest(route, targets), bearer(tokens.admin!))).text);
    }
    assert.ok(logs.length > 1000 && /"statusCode":500/.test(logs) && /"statusCode":401/.test(logs), 'requests were logged, errors included');
    const hashes = secrets.map(hashToken);
    const basic = Buffer.from(`u:${tokens.admin}`).toString('base64');
    for (const s of [...secrets, ...hashes, basic]) {
      assert.ok(!logs.includes(s), 'a token or its hash is in the logs');
      assert.ok(!logs.includes(s.slice(4, 24)), 'a part of a token is in the logs');
      for (const b of bodies) assert.ok(!b.includes(s), 'a response carries a token or its hash');
    }
    const stored = JSON.stringify(await ctx.db.prisma.apiToken.findMany(), (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
    for (const s of secrets) assert.ok(!stored.includes(s), 'only hashes are stored');
  });

  test('token comparison is constant-time: crypto.timingSafeEqual on equal-length hashes', async () => {
    const source = fs.readFileSync(path.join(PROJECT_ROOT, 'src/auth/tokens.ts'), 'utf8');
    assert.match(source, /crypto\.timingSafeEqual\(/);
    assert.doesNotMatch(source, /tokenHash\s*[!=]==|[!=]==\s*(row\.)?tokenHash|token\s*[!=]==\s*/, 'no short-circuit string comparison of secrets');
    const original = crypto.timingSafeEqual;
    const calls: [number, number][] = [];
    (crypto as { timingSafeEqual: typeof original }).timingSafeEqual = (a, b) => {
      calls.push([a.byteLength, b.byteLength]);
      return original(a, b);
    };
    try {
      assert.equal((await request(app()).get('/api/articles').set(bearer(tokens.editor!))).status, 200);
    } finally {
      (crypto as { timingSafeEqual: typeof original }).timingSafeEqual = original;
    }
    assert.ok(calls.length >= 1, 'authenticating a token went through crypto.timingSafeEqual');
    for (const [a, b] of calls) assert.equal(a, b, 'compared equal-length values (hashes, not raw tokens)');
  });

  test('failed authentications are limited per address: spoofed X-Forwarded-For and malformed headers do not get around it', async () => {
    // The counts live in the database (rate-limit-store.ts): start from none, whatever this file's other tests did.
    await ctx.db.prisma.rateLimit.deleteMany();
    const direct = testApp(ctx.db, { AUTH_FAILURE_LIMIT: '4', TRUST_PROXY: 'false' });
    const statuses: number[] = [];
    const attempts = ['Bearer nws_wrong1', 'Basic YTpi', 'Bearer ', 'Bearer nws_wrong2', 'Bearer nws_wrong3', `Bearer ${tokens.editor}`];
    for (const [i, header] of attempts.entries()) {
      statuses.push((await request(direct).get('/api/articles').set('Authorization', header).set('X-Forwarded-For', `203.0.113.${i}`)).status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 429, 200], 'malformed headers count, a new X-Forwarded-For does not reset; a good token still works');
    const blocked = await request(direct).get('/api/articles').set('Authorization', 'Bearer nws_x');
    assert.match(String(blocked.headers['content-type']), /^application\/problem\+json/);
    assert.equal(blocked.body.status, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0, 'a 429 says when to try again');
    assert.equal((await request(direct).get('/api/articles')).status, 200, 'readers without a token are not blocked');
    // Behind a trusted proxy each client address has its own count: one client's lock-out is not another's.
    const proxied = testApp(ctx.db, { AUTH_FAILURE_LIMIT: '2', TRUST_PROXY: 'loopback' });
    for (let i = 0; i < 3; i++) await request(proxied).get('/api/articles').set(bearer('nws_bad')).set('X-Forwarded-For', '198.51.100.7');
    assert.equal((await request(proxied).get('/api/articles').set(bearer('nws_bad')).set('X-Forwarded-For', '198.51.100.7')).status, 429);
    assert.equal((await request(proxied).get('/api/articles').set(bearer(tokens.editor!)).set('X-Forwarded-For', '198.51.100.8')).status, 200);
  });

  test('security headers on every kind of response', async () => {
    const targets = await makeTargets(ctx.db);
    const responses = [
      await request(app()).get('/api/articles'),
      await request(app()).get(`/api/articles/${targets.articleId}`),
      await request(app()).get('/api/nothing-here'),
      await request(app()).post('/api/people').send({}),
      await request(app()).get('/api/openapi.json'),
      await request(app()).get('/docs/'),
      await request(app()).get('/healthz'),
    ];
    for (const res of responses) {
      const h = res.headers;
      const label = `${(res as unknown as { req: { path: string } }).req.path} ${res.status}`;
      assert.equal(h['x-content-type-options'], 'nosniff', label);
      assert.match(String(h['content-security-policy']), /default-src 'self'/, label);
      assert.match(String(h['content-security-policy']), /frame-ancestors 'self'|frame-ancestors 'none'/, label);
      assert.match(String(h['content-security-policy']), /object-src 'none'/, label);
      assert.ok(h['x-frame-options'], label);
      assert.equal(h['referrer-policy'], 'no-referrer', label);
      assert.ok(h['strict-transport-security'], label);
      assert.equal(h['x-powered-by'], undefined, label);
      assert.ok(h['x-request-id'] || label.startsWith('/docs'), label);
    }
  });

  test('request size limits: bodies over the limit (also when compressed), huge headers and deep nesting are refused', async () => {
    const editor = bearer(tokens.editor!);
    const overJson = await request(app()).post('/api/people').set(editor).type('application/json').send(`{"name":"${'x'.repeat(1024 * 1024)}"}`);
    assert.equal(overJson.status, 413);
    const underJson = await request(app()).post('/api/people').set(editor).type('application/json').send(`{"name":"${'x'.repeat(300)}"}`);
    assert.equal(underJson.status, 400, 'under the limit it is read (and refused for its content)');
    const overText = await request(app()).post('/api/articles/import').set(editor).type('text/plain').send('word '.repeat(420_000));
    assert.equal(overText.status, 413);
    // A gzip bomb: 20 MB of zeros in ~20 KB. The limit applies to the inflated body.
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < 100_000);
    const deep = await request(app()).post('/api/people').set(editor).type('application/json').send(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    assert.equal(deep.status, 400);
    const server = app().listen(0, '127.0.0.1');
    try {
      await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as { port: number };
      // fetch, not supertest: superagent would re-serialise the Buffer as JSON.
      const bombed = await fetch(`http://127.0.0.1:${port}/api/people`, {
        method: 'POST', headers: { ...editor, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: bomb,
      });
      assert.equal(bombed.status, 413);
      const honest = await fetch(`http://127.0.0.1:${port}/api/people`, {
        method: 'POST', headers: { ...editor, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: zlib.gzipSync('{"name":"Gzipped Person"}'),
      });
      assert.equal(honest.status, 201, 'a small compressed body is read');
      const headers = await fetch(`http://127.0.0.1:${port}/api/articles`, { headers: { 'X-Big': 'y'.repeat(20_000) } });
      assert.equal(headers.status, 431, 'headers over Node’s 16 KB limit');
      const url = await fetch(`http://127.0.0.1:${port}/api/articles/${'z'.repeat(20_000)}`);
      assert.equal(url.status, 431, 'a request line over the limit');
    } finally {
      server.close();
    }
  });

  const INJECTIONS = [
    "' OR '1'='1",
    '1; DROP TABLE articles; --',
    '1 UNION SELECT token_hash FROM api_tokens --',
    "'; SELECT pg_sleep(3); --",
    "x') OR 1=1 --",
    '" OR ""="',
    '%_%\\',
    'headline DESC; DELETE FROM people',
    '1 OR 1=1',
    'title:* OR NEAR(a b)',
  ];

  test('no SQL injection through any path parameter, query parameter or body field', async (t) => {
    const targets = await makeTargets(ctx.db);
    const before = await snapshot(ctx.db.prisma);
    const admin = bearer(tokens.admin!);
    let sent = 0;
    const check = (res: request.Response, ms: number, label: string) => {
      sent++;
      assert.ok(res.status < 500, `${label}: ${res.status} ${res.text.slice(0, 300)}`);
      assert.ok(ms < 2500, `${label}: took ${ms} ms (a sleep got through?)`);
    };
    for (const route of routes) {
      const valid = validRequest(route, targets);
      const queryKeys = Object.keys((route.endpoint.query as { shape?: object } | undefined)?.shape ?? {});
      const bodyKeys = Object.keys((route.endpoint.body?.schema as { shape?: object } | undefined)?.shape ?? {});
      for (const payload of INJECTIONS) {
        const variants: [string, RouteRequest][] = [
          ...paramNames(route.path).map((p): [string, RouteRequest] => [`path ${p}`, { ...valid, params: { ...valid.params, [p]: payload } }]),
          ...queryKeys.map((k): [string, RouteRequest] => [`query ${k}`, { ...valid, query: { ...valid.query, [k]: payload } }]),
          ...(route.method === 'get' || route.method === 'delete' ? [] : bodyKeys.map((k): [string, RouteRequest] => [`body ${k}`, { ...valid, body: { ...(valid.body as object), [k]: payload } }])),
          ['If-Match', { ...valid, ifMatch: payload }],
        ];
        for (const [where, req] of variants) {
          const started = Date.now();
          const res = await send(app(), route, req, admin);
          check(res, Date.now() - started, `${route.method.toUpperCase()} ${route.path} ${where}=${payload}`);
        }
      }
    }
    // The stored strings come back byte for byte (they were parameters, never SQL).
    for (const payload of INJECTIONS) {
      const res = await request(app()).post('/api/people').set(admin).send({ name: `Eve ${payload}` });
      assert.equal(res.status, 201, res.text);
      assert.equal((await request(app()).get(`/api/people/${res.body.id}`).set(admin)).body.name, `Eve ${payload}`);
    }
    const after = await snapshot(ctx.db.prisma);
    for (const table of ['articles', 'paragraphs', 'quotes', 'revisions', 'api_tokens', 'mentions']) {
      assert.ok(after.counts[table]! >= before.counts[table]!, `${table} lost rows`);
    }
    t.diagnostic(`figures: injectionRequests=${sent}`);
  });

  test('user-supplied HTML is never rendered: errors are JSON problems, the docs page never echoes input', async () => {
    const html = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const enc = encodeURIComponent(html);
    const admin = bearer(tokens.admin!);
    const person = await request(app()).post('/api/people').set(admin).send({ name: html, description: html });
    assert.equal(person.status, 201);
    const responses = [
      await request(app()).get(`/api/articles/${enc}`),
      await request(app()).get(`/api/${enc}`),
      await request(app()).get(`/${enc}`),
      await request(app()).get('/api/articles').query({ q: html }),
      await request(app()).get('/api/articles').query({ sort: html, [html]: html }),
      await request(app()).post('/api/people').set(admin).send({ [html]: html }),
      await request(app()).get(`/api/people/${person.body.id}`),
      await request(app()).get(`/api/people`).query({ q: 'script' }).set(admin),
      await request(app()).get(`/docs/${enc}`),
      await request(app()).get('/docs/').query({ url: `javascript:${html}`, configUrl: html }),
      await request(app()).get(`/docs?x=${enc}`),
      await request(app()).get('/docs/swagger-ui-init.js').query({ url: html }),
      await request(app()).get(`/healthz?${enc}=${enc}`).set('X-Request-Id', html),
    ];
    for (const res of responses) {
      const type = String(res.headers['content-type'] ?? '');
      const label = `${(res as unknown as { req: { path: string } }).req.path}: ${res.status} ${type}`;
      assert.ok(res.status < 500, label);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', label);
      if (/html|javascript/.test(type)) {
        assert.ok(!res.text.includes('<script>alert'), `${label} echoes the script`);
        assert.ok(!res.text.includes('onerror=alert'), `${label} echoes the handler`);
        assert.ok(!res.text.includes('javascript:<'), `${label} echoes the URL`);
      } else if (res.status >= 400) {
        assert.match(type, /^application\/problem\+json/, label);
      } else {
        assert.match(type, /^application\/json/, label);
      }
    }
    const initJs = await request(app()).get('/docs/swagger-ui-init.js');
    assert.doesNotMatch(initJs.text, /queryConfigEnabled["']?\s*:\s*true/, 'swagger-ui must not take its config from the query string');
  });
});
