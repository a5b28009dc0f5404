/**
 * The bulk ingest announces what it writes, as every other writer does: `npm run ingest` of N new files leaves N
 * article.created events in the outbox (the planner plans them beside the revisions, src/webhooks/outbox-rows.ts),
 * which a real receiver gets signed; a re-run of unchanged files announces nothing; changed text is an update, and a
 * text that changes the status publishes or unpublishes as a PATCH would.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import request from 'supertest';
import { loadConfig } from '../../src/config/index.ts';
import { deliverDueWebhooks } from '../../src/webhooks/deliver-webhooks.ts';
import { EVENT_TYPES } from '../../src/webhooks/events.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { makeArticleText } from '../support/articles.ts';
import { bearer, testApp, tokenFor } from '../support/http.ts';
import { runScript } from '../support/processes.ts';
import { type Received, type Receiver, startReceiver } from '../support/webhook-receiver.ts';

const ALLOW = { WEBHOOKS_ALLOW_PRIVATE_NETWORKS: '1' };
const config = loadConfig({ ...ALLOW, WEBHOOKS_TIMEOUT_MS: '2000', WEBHOOKS_RETRY_BASE_MS: '50', WEBHOOKS_RETRY_MAX_MS: '200' }).webhooks;
const N = 24;

/** An article text with its status in the front matter. */
const withStatus = (text: string, status: string) => text.replace(/^---\n/, `---\nstatus: ${status}\n`);

describeEachDatabase('ingest announces what it writes', (ctx) => {
  let dir: string;
  let receiver: Receiver;
  const files: string[] = [];
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-webhooks-'));
    receiver = await startReceiver();
    for (let i = 0; i < N; i++) {
      // Every fourth names a related headline the store lacks: its stub is stored, and announces nothing.
      const text = makeArticleText({ headline: `Harbour dispatch number ${i + 1}`, related: i % 4 === 0 ? [`A story only dispatch ${i + 1} names`] : [] });
      const file = path.join(dir, `${String(i).padStart(3, '0')}.txt`);
      fs.writeFileSync(file, withStatus(text, 'draft'));
      files.push(file);
    }
    const admin = await tokenFor(ctx.db, 'admin', 'Hook Admin');
    const res = await request(testApp(ctx.db, ALLOW)).post('/api/webhooks').set(bearer(admin)).send({ url: receiver.url, events: [...EVENT_TYPES] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    receiver.secret = res.body.secret;
  });
  after(async () => {
    await receiver.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ingest = async () => {
    const r = await runScript('ingest', [dir], { env: { DATABASE_URL: ctx.db.url } });
    assert.equal(r.code, 0, r.stderr);
    return r;
  };
  /** Sends what is due until nothing is; returns how many deliveries were attempted. */
  const drain = async () => {
    let sent = 0;
    for (let n; (n = await deliverDueWebhooks(ctx.db.prisma, config, 'ingest-test')) > 0; ) sent += n;
    return sent;
  };
  const dataOf = (r: Received) => r.payload.data as { articleId: number; slug: string; version: number; status: string; actor: string; action: string };

  test(`npm run ingest of ${N} files delivers ${N} article.created events, signed; a second run delivers none`, async () => {
    await ingest();
    const articles = await ctx.db.prisma.article.findMany({ where: { isStub: false }, select: { id: true, slug: true }, orderBy: { id: 'asc' } });
    assert.equal(articles.length, N);
    assert.ok((await ctx.db.prisma.article.count({ where: { isStub: true } })) > 0, 'stubs were made, and are not announced');
    assert.equal(await ctx.db.prisma.webhookEvent.count(), N, 'one outbox row per article, committed with it');

    assert.equal(await drain(), N);
    const got = await receiver.waitForUnique(N);
    assert.equal(got.length, N);
    assert.ok(got.every((r) => r.payload.type === 'article.created'), got.map((r) => r.payload.type).join(', '));
    assert.ok(got.every((r) => r.verified === true), 'standardwebhooks verifies every signature');
    const revisions = await ctx.db.prisma.revision.findMany({ where: { action: 'ingest.create' }, select: { entityId: true, version: true } });
    const versionOf = new Map(revisions.map((r) => [r.entityId, r.version]));
    assert.deepEqual(
      got.map(dataOf).sort((a, b) => a.articleId - b.articleId),
      articles.map((a) => ({ articleId: a.id, slug: a.slug, version: versionOf.get(a.id), status: 'draft', actor: 'ingest', action: 'ingest.create' })),
    );
    const deliveries = await ctx.db.prisma.webhookDelivery.findMany({ select: { status: true, attempts: true } });
    assert.deepEqual(deliveries.map((d) => [d.status, d.attempts]), Array.from({ length: N }, () => ['delivered', 1]));

    const rerun = await ingest();
    assert.match(rerun.stdout + rerun.stderr, new RegExp(`0 created, 0 updated, ${N} unchanged`));
    assert.equal(await ctx.db.prisma.webhookEvent.count(), N, 'no event for an unchanged text');
    assert.equal(await drain(), 0);
    assert.equal(receiver.all.length, N, 'the receiver heard nothing more');
  });

  test('changed text announces article.updated; a text that publishes or unpublishes announces that, once per article', async () => {
    const received = receiver.all.length;
    const events = await ctx.db.prisma.webhookEvent.count();
    const read = (file: string) => fs.readFileSync(file, 'utf8');
    fs.writeFileSync(files[1]!, read(files[1]!).replace(/\n$/, '\n\nA late paragraph added by the desk on Tuesday.\n'));
    fs.writeFileSync(files[2]!, read(files[2]!).replace('status: draft', 'status: published'));
    await ingest();
    fs.writeFileSync(files[2]!, read(files[2]!).replace('status: published', 'status: draft'));
    await ingest();
    assert.equal(await ctx.db.prisma.webhookEvent.count(), events + 3);

    assert.equal(await drain(), 3);
    const got = (await receiver.waitForUnique(N + 3)).slice(received);
    assert.ok(got.every((r) => r.verified === true));
    const slugOf = async (file: string) => (await ctx.db.prisma.article.findFirstOrThrow({ where: { sourceText: read(file) }, select: { slug: true } })).slug;
    const [changed, toggled] = [await slugOf(files[1]!), await slugOf(files[2]!)];
    // Deliveries about different articles go out side by side; those about one article, in commit order.
    const about = (slug: string) => got.filter((r) => dataOf(r).slug === slug).map((r) => [r.payload.type, dataOf(r).status, dataOf(r).action]);
    assert.deepEqual(about(changed), [['article.updated', 'draft', 'ingest.update']]);
    assert.deepEqual(about(toggled), [
      ['article.published', 'published', 'ingest.update'],
      ['article.unpublished', 'draft', 'ingest.update'],
    ]);
  });
});
