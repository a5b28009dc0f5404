import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { INGEST_BATCH_SIZE } from '../../src/ingest/run-ingest.ts';
import { writeArticleBatch } from '../support/article-batch.ts';
import { describeEachDatabase, freshDatabase } from '../support/databases.ts';
import { assertIngestedArticlesWhole, assertIntegrity } from '../support/db-invariants.ts';
import { runScript, spawnScript } from '../support/processes.ts';

/**
 * kill -9 of `npm run ingest` in the middle of a large batch: its transactions (a batch of articles each, every
 * article whole, with its outbox rows) mean the database holds only whole articles, each announced once, passes its
 * integrity check, and a re-run finishes the batch without duplicates.
 * CRASH_BATCH (default five ingest transactions' worth of files, 1,250 today) sets the number of files.
 */
// The kill comes at most KILL_WINDOW_MS after the first transaction commits. The four transactions still to come
// must outlast that: here each takes ~190 ms for these short articles (the parse workers keep ahead of the writer),
// so the margin is ~5×. With 2.5 transactions' worth and a 400 ms window, a faster parser let the ingest finish first.
const BATCH = Number(process.env.CRASH_BATCH ?? INGEST_BATCH_SIZE * 5);
const KILL_WINDOW_MS = 150;

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-ingest-'));
  writeArticleBatch(dir, BATCH);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('kill -9 during a batch ingest', (ctx) => {
  test(`killed mid-batch of ${BATCH}: whole articles only, integrity holds, a re-run completes without duplicates`, async (t) => {
    const db = ctx.db.prisma;
    const stored = () => db.article.count({ where: { isStub: false } });
    // A subscriber, so each batch writes its outbox rows too: an event for every committed article, none for the rest.
    await db.webhookEndpoint.create({ data: { url: 'https://example.org/hook', events: ['article.created'], secret: 'whsec_' + Buffer.alloc(32, 2).toString('base64') } });
    /** article id → its article.created events, from the outbox */
    const announced = async () => {
      const rows = await db.webhookDelivery.findMany({ select: { orderingKey: true, event: { select: { type: true } } } });
      assert.ok(rows.every((r) => r.event.type === 'article.created'));
      const count = new Map<number, number>();
      for (const r of rows) {
        const id = Number(r.orderingKey.replace('article:', ''));
        count.set(id, (count.get(id) ?? 0) + 1);
      }
      return count;
    };
    const storedIds = async () => (await db.article.findMany({ where: { isStub: false }, select: { id: true }, orderBy: { id: 'asc' } })).map((a) => a.id);
    const ingest = spawnScript('ingest', [dir], { DATABASE_URL: ctx.db.url });
    // Kill once the first articles are committed, after a random delay: the ingest commits in batches (one
    // transaction each, src/ingest/run-ingest.ts) and spends most of each batch inside it, so the kill lands inside
    // an open one more often than not.
    const deadline = Date.now() + 300_000;
    let finished = false;
    void ingest.exited.then(() => (finished = true));
    while (!finished && (await stored()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * KILL_WINDOW_MS)));
    assert.ok(!finished, `the ingest ended before it could be killed (raise CRASH_BATCH): ${ingest.stderr()}`);
    await ingest.kill('SIGKILL');
    assert.equal(await ingest.exited, 'SIGKILL');

    const survived = await stored();
    assert.ok(survived > 0 && survived < BATCH, `killed mid-batch (${survived} of ${BATCH} stored)`);
    await assertIntegrity(db, ctx.provider, ctx.db.url);
    assert.equal(await assertIngestedArticlesWhole(db), survived, 'every stored article is whole');
    let events = await announced();
    assert.deepEqual([...events.keys()].sort((a, b) => a - b), await storedIds(), 'an event for each committed article, none for the rest');

    const rerun = await runScript('ingest', [dir], { env: { DATABASE_URL: ctx.db.url } });
    assert.equal(rerun.code, 0, rerun.stderr.slice(-2000));
    const summary = /(\d+) created, (\d+) updated, (\d+) unchanged, (\d+) failed/.exec(rerun.stderr);
    assert.ok(summary, rerun.stderr.slice(-500));
    const [created, updated, unchanged, failed] = summary.slice(1).map(Number) as [number, number, number, number];
    // The articles the killed run committed are byte-for-byte what their text makes: the re-run leaves them alone.
    assert.deepEqual({ unchanged, updated, failed, created }, { unchanged: survived, updated: 0, failed: 0, created: BATCH - survived });

    assert.equal(await stored(), BATCH, 'one article per file');
    assert.equal(await db.article.count({ where: { isStub: true } }), 0, 'every stub was filled in by its own file');
    await assertIntegrity(db, ctx.provider, ctx.db.url);
    assert.equal(await assertIngestedArticlesWhole(db), BATCH);
    events = await announced();
    assert.deepEqual([...events.keys()].sort((a, b) => a - b), await storedIds());
    assert.ok([...events.values()].every((n) => n === 1), 'each article announced once');
    // Namesakes in conflicting roles are different people, told apart by their description (src/people/identity.ts);
    // the same person twice would share name, kind and description.
    const people = await db.person.findMany({ select: { name: true, kind: true, description: true } });
    assert.equal(new Set(people.map((p) => JSON.stringify([p.name, p.kind, p.description]))).size, people.length, 'no person twice');
    t.diagnostic(`figures: batch=${BATCH} killedAfter=${survived} faults=1 rowsLost=0`);
  });

  test('Ctrl-C (SIGINT) mid-run: exit 130 with a summary that counts exactly what the store holds', async () => {
    const fresh = await freshDatabase(ctx.provider);
    try {
      const stored = () => fresh.prisma.article.count({ where: { isStub: false } });
      const ingest = spawnScript('ingest', [dir], { DATABASE_URL: fresh.url });
      let finished = false;
      void ingest.exited.then(() => (finished = true));
      const deadline = Date.now() + 300_000;
      while (!finished && (await stored()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.ok(!finished, `the ingest ended before it could be interrupted: ${ingest.stderr()}`);
      ingest.child.kill('SIGINT');
      assert.equal(await ingest.exited, 130);
      const said = /interrupted: (\d+) created, 0 updated, 0 unchanged, 0 failed of (\d+);.*run the same command again/.exec(ingest.stderr());
      assert.ok(said, ingest.stderr().slice(-500));
      assert.deepEqual([Number(said[1]), Number(said[2])], [await stored(), BATCH], 'the summary counts what was committed');
      assert.equal(await assertIngestedArticlesWhole(fresh.prisma), await stored());
    } finally {
      await fresh.drop();
    }
  });
});
