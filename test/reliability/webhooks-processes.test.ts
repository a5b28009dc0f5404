import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createToken } from '../../src/auth/tokens.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startServe } from '../support/processes.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';

/**
 * The guarantees that need real server processes: a delivery outlives kill -9 of the server that was sending it,
 * and two servers on one database publish a scheduled article once — also catching up after both were down.
 */
const ENV = {
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: '1',
  WEBHOOKS_INTERVAL_MS: '100',
  WEBHOOKS_TIMEOUT_MS: '2000',
  WEBHOOKS_RETRY_BASE_MS: '100',
  WEBHOOKS_RETRY_MAX_MS: '500',
  SCHEDULER_INTERVAL_MS: '200',
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabase('webhooks and the schedule across server processes', (ctx) => {
  let receiver: Receiver;
  let auth: Record<string, string>;
  before(async () => {
    receiver = await startReceiver();
    const admin = (await createToken(ctx.db.prisma, { name: 'Proc Admin', role: 'admin' })).token;
    auth = { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' };
  });
  after(async () => {
    await receiver.stop();
  });
  const register = async (url: string, events: string[]) => {
    const res = await fetch(`${url}/api/webhooks`, { method: 'POST', headers: auth, body: JSON.stringify({ url: receiver.url, events }) });
    assert.equal(res.status, 201, await res.clone().text());
    const hook = (await res.json()) as { id: number; secret: string };
    receiver.secret = hook.secret;
    receiver.all.length = 0;
    return hook;
  };

  test('kill -9 between the commit and the delivery: sent again after restart, once per webhook-id for a deduplicating receiver', async () => {
    let server = await startServe(ctx.db.url, ENV);
    try {
      const hook = await register(server.url, ['article.created']);
      receiver.mode = 'hang'; // the receiver takes the request and never answers: the server dies waiting
      const made = await fetch(`${server.url}/api/articles`, { method: 'POST', headers: auth, body: JSON.stringify({ headline: 'Survives a crash', paragraphs: ['One.'] }) });
      assert.equal(made.status, 201);
      const article = (await made.json()) as { id: number };
      const [first] = await receiver.waitForUnique(1);
      await server.kill('SIGKILL');
      const row = await ctx.db.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: hook.id } });
      assert.equal(row.status, 'pending', 'not acknowledged before the kill');

      receiver.mode = 'ok';
      server = await startServe(ctx.db.url, ENV);
      // The dead process's claim expires (timeout + margin); the restarted server sends it again.
      const deadline = Date.now() + 30_000;
      while (receiver.all.length < 2 && Date.now() < deadline) await sleep(100);
      assert.equal(receiver.all.length, 2, 'sent again after the restart');
      assert.equal(receiver.all[1]!.id, first!.id, 'with the same webhook-id');
      assert.equal(receiver.unique().length, 1, 'once per idempotency id');
      assert.ok(receiver.all.every((r) => r.verified === true));
      assert.equal(first!.payload.data.articleId, article.id);
      let delivered;
      while (Date.now() < deadline && (delivered = await ctx.db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } })).status !== 'delivered') await sleep(100);
      assert.equal(delivered!.status, 'delivered');
      await fetch(`${server.url}/api/webhooks/${hook.id}`, { method: 'DELETE', headers: auth });
    } finally {
      await server.kill('SIGKILL');
    }
  });

  test('two servers on one database publish a scheduled article exactly once, and catch up after both were down', async () => {
    const servers = [await startServe(ctx.db.url, ENV), await startServe(ctx.db.url, ENV)];
    try {
      const hook = await register(servers[0]!.url, ['article.published']);
      const schedule = async (server: string, headline: string, inMs: number) => {
        const made = await fetch(`${server}/api/articles`, { method: 'POST', headers: auth, body: JSON.stringify({ headline, paragraphs: ['One.'], status: 'draft' }) });
        const a = (await made.json()) as { id: number; version: number };
        const res = await fetch(`${server}/api/articles/${a.id}`, {
          method: 'PATCH',
          headers: { ...auth, 'If-Match': `"article-${a.id}-v${a.version}"` },
          body: JSON.stringify({ status: 'scheduled', publishAt: new Date(Date.now() + inMs).toISOString() }),
        });
        assert.equal(res.status, 200, await res.clone().text());
        return a.id;
      };

      const first = await schedule(servers[1]!.url, 'Goes live at six', 1500);
      const [published] = await receiver.waitForUnique(1, 30_000);
      assert.deepEqual([published!.payload.type, published!.payload.data.articleId, published!.payload.data.actor], ['article.published', first, 'schedule']);
      await sleep(1500); // time for a second publication, were there one
      assert.equal(await ctx.db.prisma.revision.count({ where: { entityId: first, action: 'article.publish-scheduled' } }), 1);
      assert.equal(receiver.all.length, 1);
      const read = await fetch(`${servers[1]!.url}/api/articles/${first}`);
      assert.equal(read.status, 200, 'readers see it');

      // Both servers die; the article falls due while none runs; the next to start publishes it.
      const second = await schedule(servers[0]!.url, 'Due while the servers were down', 1000);
      await Promise.all(servers.map((s) => s.kill('SIGKILL')));
      await sleep(1500);
      assert.equal((await ctx.db.prisma.article.findUniqueOrThrow({ where: { id: second } })).status, 'scheduled');
      servers.push(await startServe(ctx.db.url, ENV));
      const got = await receiver.waitForUnique(2, 30_000);
      assert.deepEqual([got[1]!.payload.type, got[1]!.payload.data.articleId], ['article.published', second]);
      assert.equal(await ctx.db.prisma.revision.count({ where: { entityId: second, action: 'article.publish-scheduled' } }), 1);
      await fetch(`${servers[2]!.url}/api/webhooks/${hook.id}`, { method: 'DELETE', headers: auth });
    } finally {
      await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    }
  });
});
