import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import request from 'supertest';
import { loadConfig, type WebhookConfig } from '../../src/config/index.ts';
import { deliverDueWebhooks } from '../../src/webhooks/deliver-webhooks.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, assertMatchesOpenApi, bearer, testApp, tokenFor } from '../support/http.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';

const ALLOW = { WEBHOOKS_ALLOW_PRIVATE_NETWORKS: '1' };
const fast = (over: Partial<WebhookConfig> = {}): WebhookConfig => ({
  ...loadConfig({ ...ALLOW, WEBHOOKS_TIMEOUT_MS: '1000', WEBHOOKS_RETRY_BASE_MS: '50', WEBHOOKS_RETRY_MAX_MS: '200' }).webhooks,
  ...over,
});

describeEachDatabase('webhooks', (ctx) => {
  let admin: string;
  let editor: string;
  let receiver: Receiver;
  before(async () => {
    admin = await tokenFor(ctx.db, 'admin', 'Ada Admin');
    editor = await tokenFor(ctx.db, 'editor', 'Edith Editor');
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.stop();
  });
  const app = (env: Record<string, string> = ALLOW) => testApp(ctx.db, env);
  /** Sends what is due until nothing is left that is due now. */
  const drain = async (config = fast(), holder = 'test-worker') => {
    let sent = 0;
    for (let n; (n = await deliverDueWebhooks(ctx.db.prisma, config, holder)) > 0; ) sent += n;
    return sent;
  };
  const register = async (events: string[], url = receiver.url) => {
    const res = await request(app()).post('/api/webhooks').set(bearer(admin)).send({ url, events });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: number; secret: string };
  };
  const clearEndpoints = () => ctx.db.prisma.webhookEndpoint.deleteMany({});

  test('admins register, list, read, update, disable and delete endpoints; the secret is shown once; editors get 403', async () => {
    const created = await request(app()).post('/api/webhooks').set(bearer(admin)).send({ url: 'https://example.org/hook', events: ['article.published'], description: 'site build' });
    assert.equal(created.status, 201);
    assertMatchesOpenApi(created, 'post', '/api/webhooks');
    assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(created.headers.location, `/api/webhooks/${created.body.id}`);
    const id = created.body.id as number;

    const list = await request(app()).get('/api/webhooks').set(bearer(admin));
    assert.equal(list.status, 200);
    assertMatchesOpenApi(list, 'get', '/api/webhooks');
    const listed = list.body.data.find((w: { id: number }) => w.id === id);
    assert.equal(listed.url, 'https://example.org/hook');
    assert.ok(!('secret' in listed), 'the secret is never shown again');
    const one = await request(app()).get(`/api/webhooks/${id}`).set(bearer(admin));
    assert.equal(one.status, 200);
    assert.ok(!('secret' in one.body));

    const patched = await request(app()).patch(`/api/webhooks/${id}`).set(bearer(admin)).send({ events: ['article.published', 'article.unpublished'], enabled: false });
    assert.equal(patched.status, 200);
    assertMatchesOpenApi(patched, 'patch', '/api/webhooks/:id');
    assert.deepEqual(patched.body.events, ['article.published', 'article.unpublished']);
    assert.equal(patched.body.enabled, false);

    for (const [method, path] of [['get', '/api/webhooks'], ['post', '/api/webhooks'], ['get', `/api/webhooks/${id}`], ['patch', `/api/webhooks/${id}`], ['delete', `/api/webhooks/${id}`], ['get', `/api/webhooks/${id}/deliveries`]] as const) {
      const res = await request(app())[method](path).set(bearer(editor)).send({ url: 'https://example.org/x', events: ['article.created'] });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal((await request(app())[method](path)).status, 401, `${method} ${path} without a token`);
    }

    const deleted = await request(app()).delete(`/api/webhooks/${id}`).set(bearer(admin));
    assert.equal(deleted.status, 204);
    assert.equal((await request(app()).get(`/api/webhooks/${id}`).set(bearer(admin))).status, 404);
    assert.equal((await request(app()).delete(`/api/webhooks/${id}`).set(bearer(admin))).status, 404);
    assert.equal((await request(app()).patch(`/api/webhooks/${id}`).set(bearer(admin)).send({ enabled: true })).status, 404);
  });

  test('bad registrations are refused, naming the field: 400 for the shape, 422 for a private address unless allowed', async () => {
    for (const [body, field] of [
      [{ url: 'ftp://example.org/x', events: ['article.created'] }, 'url'],
      [{ url: 'not a url', events: ['article.created'] }, 'url'],
      [{ url: 'https://example.org/x', events: [] }, 'events'],
      [{ url: 'https://example.org/x', events: ['article.exploded'] }, 'events'],
      [{ url: 'https://example.org/x', events: ['article.created', 'article.created'] }, 'events'],
      [{ url: 'https://example.org/x', events: ['article.created'], secret: 'mine' }, ''],
    ] as const) {
      const res = await request(app()).post('/api/webhooks').set(bearer(admin)).send(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assertMatchesOpenApi(res, 'post', '/api/webhooks');
      assert.ok(res.body.errors.some((e: { path: string[] }) => e.path[1] === field || (field === '' && e.path.length <= 2)), JSON.stringify(res.body.errors));
    }
    for (const url of ['http://127.0.0.1:3700/x', 'http://10.1.2.3/x', 'http://[::1]/x', 'http://169.254.169.254/latest', 'http://localhost:3000/x', 'http://[::ffff:127.0.0.1]/x']) {
      const res = await request(app({})).post('/api/webhooks').set(bearer(admin)).send({ url, events: ['article.created'] });
      assert.equal(res.status, 422, url);
      assert.deepEqual(res.body.errors[0].path, ['body', 'url']);
    }
    assert.equal((await request(app()).post('/api/webhooks').set(bearer(admin)).send({ url: 'http://127.0.0.1:3700/x', events: ['article.created'] })).status, 201);
    await clearEndpoints();
  });

  test('each change writes its event to the outbox in its own transaction: signed, delivered, readable; a refused change writes none', async () => {
    const hook = await register(['article.updated', 'article.published', 'article.unpublished', 'article.deleted']);
    receiver.secret = hook.secret;
    receiver.all.length = 0;
    const a = await articleFactory(ctx.db, { status: 'draft' });

    const edited = await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, a.version)).send({ headline: 'A new headline for the hooks' });
    assert.equal(edited.status, 200);
    const stale = await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, a.version)).send({ headline: 'Lost edit' });
    assert.equal(stale.status, 412);
    assert.equal(await ctx.db.prisma.webhookEvent.count(), 1, 'the refused edit wrote no event');

    const published = await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, a.version + 1)).send({ status: 'published' });
    assert.equal(published.status, 200);
    const unpublished = await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, a.version + 2)).send({ status: 'draft' });
    assert.equal(unpublished.status, 200);
    const removed = await request(app()).delete(`/api/articles/${a.id}`).set(bearer(admin)).set('If-Match', articleEtag(a.id, a.version + 3));
    assert.equal(removed.status, 204);

    await drain();
    const got = await receiver.waitForUnique(4);
    assert.deepEqual(got.map((r) => r.payload.type), ['article.updated', 'article.published', 'article.unpublished', 'article.deleted']);
    assert.ok(got.every((r) => r.verified === true), 'standardwebhooks verifies every signature');
    assert.ok(got.every((r) => /^msg_[0-9a-f-]{36}$/.test(r.id)));
    assert.deepEqual(got[1]!.payload.data, { articleId: a.id, slug: a.slug, version: a.version + 2, status: 'published', actor: 'Edith Editor', action: 'article.update' });
    assert.deepEqual(
      { articleId: got[3]!.payload.data.articleId, slug: got[3]!.payload.data.slug, actor: got[3]!.payload.data.actor },
      { articleId: a.id, slug: a.slug, actor: 'Ada Admin' },
    );
    // A signature made with another secret does not verify: the check above is not vacuous.
    receiver.secret = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
    receiver.all.length = 0;

    const res = await request(app()).get(`/api/webhooks/${hook.id}/deliveries`).set(bearer(admin));
    assert.equal(res.status, 200);
    assertMatchesOpenApi(res, 'get', '/api/webhooks/:id/deliveries');
    assert.deepEqual(res.body.data.map((d: { type: string }) => d.type), ['article.deleted', 'article.unpublished', 'article.published', 'article.updated']);
    assert.ok(res.body.data.every((d: { status: string; attempts: number; lastStatusCode: number; deliveredAt: string | null }) => d.status === 'delivered' && d.attempts === 1 && d.lastStatusCode === 204 && d.deliveredAt));
    const paged = await request(app()).get(`/api/webhooks/${hook.id}/deliveries`).query({ limit: 3 }).set(bearer(admin));
    const rest = await request(app()).get(`/api/webhooks/${hook.id}/deliveries`).query({ limit: 3, cursor: paged.body.meta.nextCursor }).set(bearer(admin));
    assert.deepEqual([...paged.body.data, ...rest.body.data].map((d: { id: number }) => d.id), res.body.data.map((d: { id: number }) => d.id));
    assert.equal((await request(app()).get(`/api/webhooks/${hook.id}/deliveries`).query({ status: 'bogus' }).set(bearer(admin))).status, 400);
    assert.equal((await request(app()).get('/api/webhooks/99999/deliveries').set(bearer(admin))).status, 404);

    const b = await articleFactory(ctx.db, { status: 'draft' });
    await request(app()).patch(`/api/articles/${b.id}`).set(bearer(editor)).set('If-Match', articleEtag(b.id, b.version)).send({ standfirst: 'x' });
    await drain();
    const [wrongKey] = await receiver.waitForUnique(1);
    assert.equal(wrongKey!.verified, false, 'a receiver with the wrong secret rejects the signature');
    await clearEndpoints();
  });

  test('events go only to enabled endpoints subscribed to them; person.merged names both people', async () => {
    const merges = await register(['person.merged']);
    const created = await register(['article.created']);
    const off = await register(['article.created', 'person.merged']);
    await request(app()).patch(`/api/webhooks/${off.id}`).set(bearer(admin)).send({ enabled: false });
    receiver.secret = merges.secret;
    receiver.all.length = 0;

    const a = await articleFactory(ctx.db);
    const b = await articleFactory(ctx.db);
    const source = await ctx.db.prisma.person.findUniqueOrThrow({ where: { id: a.personId } });
    const merged = await request(app()).post(`/api/people/${a.personId}/merge`).set(bearer(admin)).set('If-Match', `"person-${a.personId}-v${source.version}"`).send({ into: b.personId });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    const made = await request(app()).post('/api/articles').set(bearer(editor)).send({ headline: 'Made for the hooks', paragraphs: ['One.'] });
    assert.equal(made.status, 201);

    const counts = await ctx.db.prisma.webhookDelivery.groupBy({ by: ['endpointId'], _count: true });
    const of = (id: number) => counts.find((c) => c.endpointId === id)?._count ?? 0;
    assert.deepEqual([of(merges.id), of(created.id), of(off.id)], [1, 1, 0]);
    await drain();
    const got = await receiver.waitForUnique(2);
    const merge = got.find((r) => r.payload.type === 'person.merged')!;
    assert.equal(merge.verified, true);
    assert.deepEqual({ ...merge.payload.data, version: undefined }, { personId: b.personId, mergedPersonId: a.personId, actor: 'Ada Admin', action: 'person.merge', version: undefined });
    const create = got.find((r) => r.payload.type === 'article.created')!;
    assert.deepEqual({ id: create.payload.data.articleId, slug: create.payload.data.slug, version: create.payload.data.version }, { id: made.body.id, slug: made.body.slug, version: 1 });
    await clearEndpoints();
  });

  // The "down for a minute", scaled down: with the defaults (10 s doubling) a minute's outage is 3–4 refused
  // attempts, each retried later; here fast()'s backoff (50 ms doubling to 200 ms) makes the same happen in the
  // rounds below, and the test checks the head was refused at least twice before the receiver comes back.
  test('a receiver that is down gets every event afterwards, in order per article, retried with backoff', async () => {
    const hook = await register(['article.updated']);
    receiver.secret = hook.secret;
    receiver.all.length = 0;
    const articles = [await articleFactory(ctx.db, { status: 'draft' }), await articleFactory(ctx.db, { status: 'draft' })];
    await receiver.stop();
    const expected: string[] = [];
    for (let i = 1; i <= 4; i++) {
      for (const a of articles) {
        const current = await ctx.db.prisma.article.findUniqueOrThrow({ where: { id: a.id }, select: { version: true } });
        const res = await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, current.version)).send({ standfirst: `edit ${i}` });
        assert.equal(res.status, 200);
        expected.push(`${a.id}:${current.version + 1}`);
      }
      await drain(); // the receiver refuses connections: attempts pile up with growing delays
    }
    const pending = await ctx.db.prisma.webhookDelivery.findMany({ where: { endpointId: hook.id }, orderBy: { id: 'asc' } });
    assert.equal(pending.length, 8);
    assert.ok(pending.every((d) => d.status === 'pending'));
    const head = pending[0]!;
    assert.ok(head.attempts >= 2, `the first retried (${head.attempts} attempts)`);
    assert.match(head.lastError ?? '', /ECONNREFUSED/);
    assert.ok(pending.filter((d) => d.orderingKey === head.orderingKey).slice(1).every((d) => d.attempts === 0), 'later events of an article wait behind the first');

    await receiver.start();
    const deadline = Date.now() + 20_000;
    while ((await ctx.db.prisma.webhookDelivery.count({ where: { endpointId: hook.id, status: 'pending' } })) > 0 && Date.now() < deadline) {
      await drain();
      await new Promise((r) => setTimeout(r, 50));
    }
    const got = await receiver.waitForUnique(8);
    assert.ok(got.every((r) => r.verified));
    for (const a of articles) {
      const order = got.filter((r) => r.payload.data.articleId === a.id).map((r) => `${a.id}:${r.payload.data.version}`);
      assert.deepEqual(order, expected.filter((e) => e.startsWith(`${a.id}:`)), 'in commit order per article');
    }
    await clearEndpoints();
  });

  test('failures are recorded: a redirect is not followed, a slow receiver times out, a private address is refused; the last attempt marks it failed', async () => {
    const hook = await register(['article.updated']);
    const a = await articleFactory(ctx.db, { status: 'draft' });
    const edit = async () => {
      const current = await ctx.db.prisma.article.findUniqueOrThrow({ where: { id: a.id }, select: { version: true } });
      assert.equal((await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, current.version)).send({ standfirst: `v${current.version}` })).status, 200);
    };
    const last = () => ctx.db.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: hook.id }, orderBy: { id: 'desc' } });

    receiver.mode = 'redirect';
    await edit();
    await drain(fast({ maxAttempts: 1 }));
    let d = await last();
    assert.deepEqual([d.status, d.lastStatusCode, d.attempts], ['failed', 307, 1]);
    assert.match(d.lastError!, /redirect to http:\/\/127\.0\.0\.1:1\/elsewhere not followed/);

    receiver.mode = 'hang';
    await edit();
    const started = Date.now();
    await drain(fast({ maxAttempts: 1, timeoutMs: 300 }));
    d = await last();
    assert.ok(Date.now() - started < 5_000);
    assert.deepEqual([d.status, d.lastStatusCode], ['failed', null]);
    assert.match(d.lastError!, /timed out after 300 ms/);

    receiver.mode = 'ok';
    await edit();
    await drain(fast({ allowPrivateNetworks: false, maxAttempts: 2 }));
    d = await last();
    assert.equal(d.status, 'pending', 'one attempt of two: it waits for a retry');
    assert.match(d.lastError!, /refused: 127\.0\.0\.1 is a private or loopback address/);
    assert.ok(d.nextAttemptAt.getTime() > Date.now() - 1000);
    await clearEndpoints();
  });

  test('two workers never send one delivery twice: each claims its rows', async () => {
    const hook = await register(['article.updated']);
    receiver.secret = hook.secret;
    receiver.all.length = 0;
    const articles = await Promise.all(Array.from({ length: 6 }, () => articleFactory(ctx.db, { status: 'draft' })));
    for (const a of articles) {
      assert.equal((await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, a.version)).send({ standfirst: 'claimed' })).status, 200);
    }
    await Promise.all([drain(fast(), 'worker-a'), drain(fast(), 'worker-b'), drain(fast(), 'worker-c')]);
    const got = await receiver.waitForUnique(6);
    assert.equal(receiver.all.length, 6, `each delivery sent once (${receiver.all.length} requests)`);
    assert.equal(got.length, 6);
    await clearEndpoints();
  });
});
