import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { revokeToken } from '../../src/auth/tokens.ts';
import type { Db } from '../../src/db/client.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { runScript } from '../support/processes.ts';
import { articleFactory, assertMatchesOpenApi, bearer, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('platform: health, errors, limits, auth, docs', (ctx) => {
  const app = () => testApp(ctx.db);

  test('GET /healthz and /readyz; readyz is a 503 problem when the database does not answer', async () => {
    const health = await request(app()).get('/healthz');
    assert.equal(health.status, 200);
    assertMatchesOpenApi(health, 'get', '/healthz');
    const ready = await request(app()).get('/readyz');
    assert.equal(ready.status, 200);
    const broken = new Proxy(ctx.db.prisma, {
      get: (t, p, r) => (p === '$queryRawUnsafe' ? () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : Reflect.get(t, p, r)),
    }) as Db;
    const down = await request(testApp(ctx.db, {}, broken)).get('/readyz');
    assert.equal(down.status, 503);
    assertMatchesOpenApi(down, 'get', '/readyz');
    assert.equal(down.headers['retry-after'], '5');
  });

  test('errors are RFC 9457 problems: unknown route 404, invalid JSON 400, 413 over the limit, 415', async () => {
    const editor = await tokenFor(ctx.db, 'editor');
    const missing = await request(app()).get('/api/nothing-here');
    assert.equal(missing.status, 404);
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(Object.keys(missing.body).sort(), ['detail', 'instance', 'requestId', 'status', 'title', 'type']);
    assert.equal(missing.body.instance, '/api/nothing-here');
    assert.equal(missing.body.requestId, missing.headers['x-request-id']);
    const wrongMethod = await request(app()).put('/api/articles/1').set(bearer(editor)).send({});
    assert.equal(wrongMethod.status, 405, 'the path exists, not with PUT');
    assert.equal(wrongMethod.headers.allow, 'GET, PATCH, DELETE, HEAD');
    assert.match(String(wrongMethod.headers['content-type']), /^application\/problem\+json/);

    const invalid = await request(app()).post('/api/people').set(bearer(editor)).type('application/json').send('{"name": ');
    assert.equal(invalid.status, 400);
    assertMatchesOpenApi(invalid, 'post', '/api/people');
    const small = testApp(ctx.db, { JSON_BODY_LIMIT: '100b', TEXT_BODY_LIMIT: '100b' });
    const big = await request(small).post('/api/people').set(bearer(editor)).send({ name: 'x'.repeat(200) });
    assert.equal(big.status, 413);
    assertMatchesOpenApi(big, 'post', '/api/people');
    const bigText = await request(small).post('/api/articles/import').set(bearer(editor)).type('text/plain').send('y'.repeat(200));
    assert.equal(bigText.status, 413);
    const form = await request(app()).post('/api/people').set(bearer(editor)).type('form').send('name=x');
    assert.equal(form.status, 415);
    const proto = await request(app()).post('/api/people').set(bearer(editor)).type('application/json').send('{"name":"Eve","__proto__":{"admin":true}}');
    assert.equal(proto.status, 400, 'unknown keys, __proto__ included, are refused');
  });

  test('tokens: missing → 401 on writes, malformed/unknown/revoked → 401 even on public reads', async () => {
    const token = await tokenFor(ctx.db, 'editor', 'soon-revoked');
    assert.equal((await request(app()).get('/api/articles').set(bearer(token))).status, 200);
    const row = await ctx.db.prisma.apiToken.findFirst({ where: { name: 'soon-revoked' } });
    assert.ok(row?.lastUsedAt, 'last_used_at is recorded');
    await revokeToken(ctx.db.prisma, { name: 'soon-revoked' });
    const revoked = await request(app()).get('/api/articles').set(bearer(token));
    assert.equal(revoked.status, 401);
    assertMatchesOpenApi(revoked, 'get', '/api/articles');
    assert.equal((await request(app()).get('/api/articles').set('Authorization', 'Basic abc')).status, 401);
    assert.equal((await request(app()).get('/api/articles').set(bearer('nws_not-a-real-token'))).status, 401);
    assert.equal((await request(app()).post('/api/people').send({ name: 'x' })).status, 401);
  });

  test('failed authentications are rate limited (429); good tokens are never counted, nor locked out', async () => {
    // The counts live in the database (rate-limit-store.ts): start from none, whatever this file's other tests did.
    await ctx.db.prisma.rateLimit.deleteMany();
    const limited = testApp(ctx.db, { AUTH_FAILURE_LIMIT: '3' });
    const good = await tokenFor(ctx.db, 'editor');
    const goods = await Promise.all(Array.from({ length: 10 }, () => request(limited).get('/api/articles').set(bearer(good))));
    assert.ok(goods.every((r) => r.status === 200));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(limited).get('/api/articles').set(bearer(`nws_wrong${i}`))).status);
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    const blocked = await request(limited).get('/api/articles').set(bearer('nws_wrong9'));
    assert.equal(blocked.status, 429);
    assertMatchesOpenApi(blocked, 'get', '/api/articles');
    assert.equal((await request(limited).get('/api/articles').set(bearer(good))).status, 200, 'a colleague with a good token is not locked out');
    const unauthorized = await request(app()).get('/api/articles').set(bearer('nws_unknown'));
    assert.equal(unauthorized.headers['www-authenticate'], 'Bearer realm="api", error="invalid_token"');
  });

  test('security headers, request ids, no internals in a 500', async () => {
    const res = await request(app()).get('/healthz').set('X-Request-Id', 'trace-123');
    assert.equal(res.headers['x-request-id'], 'trace-123');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['content-security-policy']);
    assert.equal(res.headers['x-powered-by'], undefined);
    const evil = await request(app()).get('/healthz').set('X-Request-Id', '<script>');
    assert.notEqual(evil.headers['x-request-id'], '<script>');

    const exploding = new Proxy(ctx.db.prisma, {
      get: (t, p, r) => (p === 'article' ? new Proxy({}, { get: () => () => Promise.reject(new Error('SELECT secret FROM boom')) }) : Reflect.get(t, p, r)),
    }) as Db;
    const crash = await request(testApp(ctx.db, {}, exploding)).get('/api/articles');
    assert.equal(crash.status, 500);
    assertMatchesOpenApi(crash, 'get', '/api/articles');
    assert.doesNotMatch(crash.text, /SELECT|secret|at /);
  });

  test('GET /api/openapi.json is OpenAPI 3.1 for every route; /docs is served (offline)', async () => {
    const doc = await request(app()).get('/api/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.1.0');
    for (const path of ['/api/articles', '/api/articles/{id}', '/api/articles/{id}/paragraphs/order', '/api/quotes/{quoteId}', '/api/people/{id}/merge', '/api/articles/{id}/related']) {
      assert.ok(doc.body.paths[path], path);
    }
    assert.ok(doc.body.paths['/api/articles/{id}'].patch.responses['428']);
    const docs = await request(app()).get('/docs/');
    assert.equal(docs.status, 200);
    assert.match(docs.text, /swagger-ui/);
  });

  test('token CLI: create prints the token alone on the last line, list never shows it, revoke by name', async () => {
    const env = { DATABASE_URL: ctx.db.url };
    const created = await runScript('token', ['create', '--name', 'cli-editor', '--role', 'editor'], { env });
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trim().split('\n').at(-1)!;
    assert.match(token, /^nws_[A-Za-z0-9_-]{43}$/);
    await articleFactory(ctx.db);
    assert.equal((await request(app()).get('/api/articles').set(bearer(token))).status, 200);
    const list = await runScript('token', ['list'], { env });
    assert.match(list.stdout, /cli-editor\teditor\tactive/);
    assert.ok(!list.stdout.includes(token));
    const revoked = await runScript('token', ['revoke', 'cli-editor'], { env });
    assert.equal(revoked.code, 0);
    assert.equal((await request(app()).get('/api/articles').set(bearer(token))).status, 401);
    const wrongRole = await runScript('token', ['create', '--name', 'x', '--role', 'owner'], { env });
    assert.notEqual(wrongRole.code, 0);
  });
});
