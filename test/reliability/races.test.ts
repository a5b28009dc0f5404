import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { importArticle } from '../../src/ingest/import-article.ts';
import { makeArticleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { assertIntegrity } from '../support/db-invariants.ts';
import { articleEtag, articleFactory, bearer, personEtag, testApp, tokenFor } from '../support/http.ts';

/**
 * Races, 20 at a time (test/http covers 3- and 6-way versions, test/db the 2-way ingest): the lost-edit guard,
 * paragraph positions under concurrent inserts and reorders, and concurrent ingests of one new article.
 */
const N = 20;

describeEachDatabase('races', (ctx) => {
  let editor: string;
  before(async () => {
    editor = await tokenFor(ctx.db, 'editor', 'Racer');
  });
  // Built once: createApp builds the OpenAPI document and the docs page, too slow to repeat per request.
  let built: ReturnType<typeof testApp> | undefined;
  const app = () => (built ??= testApp(ctx.db));
  const history = async (id: number) => (await request(app()).get(`/api/articles/${id}/history`).query({ limit: 100 }).set(bearer(editor))).body.data as { action: string }[];

  test(`${N} parallel PATCHes with one ETag: one 200, ${N - 1} × 412, one history entry, the winner's state`, async () => {
    const a = await articleFactory(ctx.db);
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ headline: `Racer ${i}`, byline: `By racer ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, statuses.join());
    assert.equal(statuses.filter((s) => s === 412).length, N - 1, statuses.join());
    const winner = results.find((r) => r.status === 200)!;
    const now = await request(app()).get(`/api/articles/${a.id}`);
    assert.deepEqual([now.body.headline, now.body.byline, now.body.version], [winner.body.headline, winner.body.byline, 2]);
    assert.equal(now.headers.etag, winner.headers.etag);
    assert.deepEqual((await history(a.id)).map((h) => h.action), ['article.update']);
  });

  test(`${N} parallel PATCHes of a person with one ETag: exactly one wins`, async () => {
    const created = await request(app()).post('/api/people').set(bearer(editor)).send({ name: `Contested Person ${Date.now()}` });
    assert.equal(created.status, 201);
    const id = created.body.id as number;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        request(app()).patch(`/api/people/${id}`).set(bearer(editor)).set('If-Match', personEtag(id, 1)).send({ description: `version by ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, ...Array(N - 1).fill(412)]);
    const winner = results.find((r) => r.status === 200)!;
    const row = await ctx.db.prisma.person.findUniqueOrThrow({ where: { id } });
    assert.deepEqual([row.description, row.version], [winner.body.description, 2]);
    assert.equal(await ctx.db.prisma.revision.count({ where: { entityType: 'person', entityId: id, action: 'person.update' } }), 1);
  });

  test(`${N} parallel inserts with one ETag: one 201; positions stay 1..n`, async () => {
    const a = await articleFactory(ctx.db, { paragraphs: 3 });
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        request(app()).post(`/api/articles/${a.id}/paragraphs`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ text: `P${i}`, position: 1 + (i % 4) }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, ...Array(N - 1).fill(412)]);
    const rows = await ctx.db.prisma.paragraph.findMany({ where: { articleId: a.id }, orderBy: { position: 'asc' } });
    assert.deepEqual(rows.map((p) => p.position), [1, 2, 3, 4]);
  });

  test('inserts, deletes and reorders racing with retries: every change lands once, positions 1..n, no gaps', async () => {
    const a = await articleFactory(ctx.db, { paragraphs: 4 });
    const base = `/api/articles/${a.id}`;
    let conflicts = 0;
    /** Reads the current ETag and paragraph ids, tries the write, and on 412 (someone else won) does it again. */
    const withRetry = async (write: (etag: string, ids: number[]) => request.Test, ok: number) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const head = await request(app()).get(base).set(bearer(editor));
        const res = await write(String(head.headers.etag), head.body.paragraphs.map((p: { id: number }) => p.id));
        if (res.status === ok) return res;
        assert.equal(res.status, 412, `${res.status} ${JSON.stringify(res.body)}`);
        conflicts++;
      }
      throw new Error('never won the race');
    };
    const inserts = Array.from({ length: 12 }, (_, i) =>
      withRetry((etag) => request(app()).post(`${base}/paragraphs`).set(bearer(editor)).set('If-Match', etag).send({ text: `Racing insert ${i}`, position: 1 + (i % 3) }), 201),
    );
    const reorders = Array.from({ length: 6 }, () =>
      withRetry((etag, ids) => request(app()).put(`${base}/paragraphs/order`).set(bearer(editor)).set('If-Match', etag).send({ order: [...ids].reverse() }), 200),
    );
    const deletes = [a.paragraphIds[0]!, a.paragraphIds[3]!].map((pid) =>
      withRetry((etag) => request(app()).delete(`${base}/paragraphs/${pid}`).set(bearer(editor)).set('If-Match', etag), 204),
    );
    await Promise.all([...inserts, ...reorders, ...deletes]);
    const rows = await ctx.db.prisma.paragraph.findMany({ where: { articleId: a.id }, orderBy: { position: 'asc' } });
    assert.deepEqual(rows.map((p) => p.position), Array.from({ length: 4 + 12 - 2 }, (_, i) => i + 1));
    const texts = rows.map((p) => p.text);
    for (let i = 0; i < 12; i++) assert.equal(texts.filter((t) => t === `Racing insert ${i}`).length, 1, `insert ${i} exactly once`);
    assert.ok(!rows.some((p) => p.id === a.paragraphIds[0] || p.id === a.paragraphIds[3]), 'deleted paragraphs are gone');
    const actions = (await history(a.id)).map((h) => h.action);
    assert.equal(actions.filter((x) => x === 'paragraph.insert').length, 12);
    assert.equal(actions.filter((x) => x === 'paragraph.reorder').length, 6);
    assert.equal(actions.filter((x) => x === 'paragraph.delete').length, 2);
    const article = await ctx.db.prisma.article.findUniqueOrThrow({ where: { id: a.id } });
    assert.equal(article.version, 1 + 12 + 6 + 2, 'one version per change');
    await assertIntegrity(ctx.db.prisma, ctx.provider, ctx.db.url);
    if (ctx.provider === 'postgresql') assert.ok(conflicts > 0, 'the writers did race');
  });

  test(`${N} ingests of the same new article at once store one article, one of each person`, async () => {
    const db = ctx.db.prisma;
    const text = makeArticleText({ headline: `Twenty editors one story ${ctx.provider}`, people: [['Efua Sutherland', 'the playwright'], ['Kwame Nkrumah', 'the president']], related: ['A story not yet written'] });
    const results = await Promise.all(Array.from({ length: N }, () => importArticle(db, text, {}, { name: 'racer' })));
    assert.deepEqual(results.map((r) => r.outcome).sort(), ['created', ...Array(N - 1).fill('unchanged')]);
    assert.equal(new Set(results.map((r) => r.articleId)).size, 1);
    assert.equal(await db.article.count({ where: { headline: { startsWith: 'Twenty editors one story' } } }), 1);
    assert.equal(await db.article.count({ where: { slug: 'a-story-not-yet-written' } }), 1, 'one stub');
    assert.equal(await db.person.count({ where: { name: { in: ['Efua Sutherland', 'Kwame Nkrumah'] } } }), 2);
    assert.equal(await db.revision.count({ where: { entityId: results[0]!.articleId, action: 'ingest.create' } }), 1);
  });

  test(`${N} imports of the same new text over HTTP at once: one 201, the rest unchanged, one article`, async () => {
    const text = makeArticleText({ headline: `Imported twenty times ${ctx.provider}`, people: [['Kwabena Owusu', 'the harbour master']] });
    const results = await Promise.all(
      Array.from({ length: N }, () => request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(text)),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join());
    for (const r of results.filter((x) => x.status !== 201)) {
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.outcome, 'unchanged');
    }
    assert.equal(await ctx.db.prisma.article.count({ where: { headline: { startsWith: 'Imported twenty times' } } }), 1);
    assert.equal(await ctx.db.prisma.person.count({ where: { name: 'Kwabena Owusu' } }), 1);
  });
});
