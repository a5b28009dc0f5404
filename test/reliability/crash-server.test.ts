import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createToken } from '../../src/auth/tokens.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { assertIntegrity } from '../support/db-invariants.ts';
import { startServe } from '../support/processes.ts';

/**
 * kill -9 of `npm start` under write load: every write the server acknowledged is there after a restart (rows
 * lost: 0), every article created through the API is whole, the integrity checks pass, and the restarted server
 * serves and writes. CRASH_LOAD_MS (default 2500) is how long the writers run at least before the kill.
 */
const LOAD_MS = Number(process.env.CRASH_LOAD_MS ?? 2500);
const WRITERS = 8;

interface Acked {
  created: number[];
  inserts: number;
  attemptedInserts: number;
}

const PARAGRAPHS = 3;
const articleBody = (w: number, i: number) => ({
  headline: `Crash load ${w}-${i} ${Math.random().toString(36).slice(2, 8)}`,
  status: 'published',
  paragraphs: Array.from({ length: PARAGRAPHS }, (_, k) => (k === 1 ? `“Nothing is lost,” Writer Number${w} said in part ${i}.` : `Paragraph ${k + 1} of ${w}-${i}.`)),
  people: [{ person: { name: `Writer Number${w}` }, paragraphs: [2] }],
  quotes: [{ paragraph: 2, text: 'Nothing is lost', kind: 'direct', speaker: { name: `Writer Number${w}` } }],
});

describeEachDatabase('kill -9 of the server under write load', (ctx) => {
  test('acknowledged writes survive, articles are whole, integrity holds, the restarted server works', async (t) => {
    const token = (await createToken(ctx.db.prisma, { name: 'crash-writer', role: 'editor' })).token;
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const server = await startServe(ctx.db.url);
    // A shared article that every writer also edits: paragraph inserts race on its ETag.
    const shared = await fetch(`${server.url}/api/articles`, { method: 'POST', headers: auth, body: JSON.stringify(articleBody(0, 0)) });
    assert.equal(shared.status, 201);
    const sharedId = ((await shared.json()) as { id: number }).id;

    const acked: Acked = { created: [], inserts: 0, attemptedInserts: 0 };
    let stop = false;
    let requests = 0;
    const writer = async (w: number) => {
      for (let i = 1; !stop; i++) {
        try {
          requests++;
          if (i % 3 === 0) {
            const head = await fetch(`${server.url}/api/articles/${sharedId}`, { headers: auth });
            const etag = head.headers.get('etag')!;
            acked.attemptedInserts++;
            const res = await fetch(`${server.url}/api/articles/${sharedId}/paragraphs`, {
              method: 'POST', headers: { ...auth, 'If-Match': etag }, body: JSON.stringify({ text: `Inserted by ${w}-${i}`, position: 1 }),
            });
            if (res.status === 201) acked.inserts++;
            else assert.equal(res.status, 412, await res.text());
          } else {
            const res = await fetch(`${server.url}/api/articles`, { method: 'POST', headers: auth, body: JSON.stringify(articleBody(w, i)) });
            const text = await res.text();
            assert.equal(res.status, 201, text);
            acked.created.push((JSON.parse(text) as { id: number }).id);
          }
        } catch (e) {
          if (stop) return; // the kill cut the connection
          throw e;
        }
      }
    };
    const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w + 1)));
    // At least LOAD_MS, and until some writes were acknowledged (a loaded CI machine is slow to start serving).
    const started = Date.now();
    while (Date.now() - started < LOAD_MS || (acked.created.length < 10 && Date.now() - started < 60_000)) await new Promise((r) => setTimeout(r, 50));
    // The kill lands while requests are in flight; `stop` is set after it so the writers are still writing.
    const killed = server.kill('SIGKILL');
    stop = true;
    await killed;
    await writers;
    assert.equal(await server.exited, 'SIGKILL');
    assert.ok(acked.created.length >= 5, `the load wrote something before the kill (${acked.created.length})`);

    const db = ctx.db.prisma;
    await assertIntegrity(db, ctx.provider, ctx.db.url);
    // Rows lost: 0 — every acknowledged article is there, whole.
    const found = await db.article.findMany({
      where: { id: { in: acked.created } },
      select: { id: true, _count: { select: { paragraphs: true, quotes: true, people: true } } },
    });
    assert.equal(found.length, acked.created.length, 'every acknowledged article survived');
    // And every API-made article, acknowledged or cut off in flight, is all or nothing.
    const all = await db.article.findMany({
      where: { headline: { startsWith: 'Crash load' } },
      select: { id: true, headline: true, _count: { select: { paragraphs: true, quotes: true, people: true } } },
    });
    for (const a of all.filter((x) => x.id !== sharedId)) {
      assert.deepEqual(a._count, { paragraphs: PARAGRAPHS, quotes: 1, people: 1 }, a.headline);
    }
    const sharedParagraphs = await db.paragraph.count({ where: { articleId: sharedId } });
    assert.ok(
      sharedParagraphs >= PARAGRAPHS + acked.inserts && sharedParagraphs <= PARAGRAPHS + acked.attemptedInserts,
      `shared article: ${sharedParagraphs} paragraphs, ${acked.inserts} acknowledged inserts`,
    );
    const history = await db.revision.count({ where: { entityType: 'article', entityId: sharedId, action: 'paragraph.insert' } });
    assert.equal(history, sharedParagraphs - PARAGRAPHS, 'one history entry per insert that happened');

    const again = await startServe(ctx.db.url);
    try {
      assert.equal((await fetch(`${again.url}/readyz`)).status, 200);
      const last = acked.created.at(-1)!;
      assert.equal((await fetch(`${again.url}/api/articles/${last}`)).status, 200);
      const res = await fetch(`${again.url}/api/articles`, { method: 'POST', headers: auth, body: JSON.stringify(articleBody(99, 1)) });
      assert.equal(res.status, 201);
    } finally {
      await again.kill('SIGTERM');
    }
    assert.equal(await again.exited, 0, 'a graceful stop exits 0');
    t.diagnostic(`figures: requests=${requests} acknowledgedCreates=${acked.created.length} acknowledgedInserts=${acked.inserts} faults=1 rowsLost=0`);
  });
});
