import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { authenticate } from '../../src/auth/middleware.ts';
import { loadConfig } from '../../src/config/index.ts';
import { type HandlerInput, type Route, endpoint, toHandler } from '../../src/http/endpoint.ts';
import { problemHandler } from '../../src/http/problem.ts';
import { createRenderCache } from '../../src/http/render-cache.ts';
import { IdParams } from '../../src/http/schemas.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { bearer, tokenFor } from '../support/http.ts';

/**
 * The endpoint adapter does what an endpoint declares (`entity` + `ifMatch`): If-Match is checked before the
 * handler runs (428 missing, 412 another entity's), the handler gets the version read and the actor, and a reply
 * that names its entity gets that entity's ETag. A handler of the older form (ifMatch without entity) still works.
 */
type Seen = Pick<HandlerInput<unknown, unknown, unknown>, 'expected' | 'actor'>;

describeEachDatabase('endpoint declarations enforced by the adapter', (ctx) => {
  let token: string;
  before(async () => {
    token = await tokenFor(ctx.db, 'editor', 'Declared Editor');
  });

  function appWith(route: Omit<Route, 'method' | 'access'>) {
    const config = loadConfig({ DATABASE_URL: ctx.db.url, LOG_LEVEL: 'silent' });
    const app = express();
    app.use(authenticate(ctx.db.prisma, config.authFailureLimit));
    app.post(route.path, toHandler({ method: 'post', access: 'editor', ...route }, { db: ctx.db.prisma, config, cache: createRenderCache() }));
    app.use(problemHandler);
    return app;
  }

  test('If-Match is checked before the handler; the handler gets the version read and the actor; the reply its ETag', async () => {
    const calls: Seen[] = [];
    const app = appWith({
      path: '/things/:id',
      endpoint: endpoint({
        operationId: 'touchThing',
        summary: 'test',
        tag: 'test',
        params: IdParams,
        entity: 'article',
        ifMatch: true,
        responses: { 200: { description: 'ok', schema: z.object({ ok: z.boolean() }), etag: true } },
        async handle({ params, expected, actor }) {
          calls.push({ expected, actor });
          return { status: 200, body: { ok: true }, entity: { id: params.id, version: expected + 1 } };
        },
      }),
    });
    const missing = await request(app).post('/things/7').set(bearer(token));
    assert.equal(missing.status, 428);
    assert.deepEqual(missing.body.errors, [{ path: ['headers', 'if-match'], message: 'required' }]);
    for (const tag of ['"article-8-v3"', '"person-7-v3"', 'W/"article-7-v3"', '"article-7-v3.jsonld"']) {
      const refused = await request(app).post('/things/7').set(bearer(token)).set('If-Match', tag);
      assert.equal(refused.status, 412, tag);
    }
    assert.equal((await request(app).post('/things/7').set(bearer(token)).set('If-Match', '*')).status, 428);
    assert.equal(calls.length, 0, 'no refused request reached the handler');

    const ok = await request(app).post('/things/7').set(bearer(token)).set('If-Match', '"article-9-v1", "article-7-v3"');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.etag, '"article-7-v4"');
    assert.deepEqual(calls, [{ expected: 3, actor: { name: 'Declared Editor', tokenId: calls[0]!.actor.tokenId } }]);
    assert.equal(typeof calls[0]!.actor.tokenId, 'number');
  });

  test('an entity known only after a read: presence checked first, the tag matched with expectedFor(id)', async () => {
    const seen: number[] = [];
    const app = appWith({
      path: '/notes/:noteId',
      endpoint: endpoint({
        operationId: 'touchNote',
        summary: 'test',
        tag: 'test',
        params: z.strictObject({ noteId: IdParams.shape.id }),
        entity: 'person',
        ifMatch: true,
        responses: { 204: { description: 'ok', etag: true } },
        async handle({ params, expectedFor }) {
          const owner = params.noteId * 10; // the entity the note belongs to, as a read would find it
          const version = expectedFor(owner);
          seen.push(version);
          return { status: 204, entity: { id: owner, version: version + 1 } };
        },
      }),
    });
    assert.equal((await request(app).post('/notes/2').set(bearer(token))).status, 428);
    assert.deepEqual(seen, []);
    assert.equal((await request(app).post('/notes/2').set(bearer(token)).set('If-Match', '"person-21-v1"')).status, 412);
    const ok = await request(app).post('/notes/2').set(bearer(token)).set('If-Match', '"person-20-v5"');
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.etag, '"person-20-v6"');
    assert.deepEqual(seen, [5]);
  });

  test('the older form (ifMatch without entity) leaves the check to its handler, as before', async () => {
    const app = appWith({
      path: '/legacy/:id',
      endpoint: endpoint({
        operationId: 'legacy',
        summary: 'test',
        tag: 'test',
        params: IdParams,
        ifMatch: true,
        responses: { 200: { description: 'ok', schema: z.object({ ifMatch: z.string().nullable() }), etag: true } },
        async handle({ ifMatch }) {
          return { status: 200, body: { ifMatch: ifMatch ?? null }, etag: '"legacy-1-v1"' };
        },
      }),
    });
    const res = await request(app).post('/legacy/1').set(bearer(token));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { ifMatch: null });
    assert.equal(res.headers.etag, '"legacy-1-v1"');
  });
});
