import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, assertMatchesOpenApi, bearer, failingClient, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('paragraphs API', (ctx) => {
  let editor: string;
  before(async () => {
    editor = await tokenFor(ctx.db, 'editor', 'Paula');
  });
  const app = () => testApp(ctx.db);
  const texts = async (id: number) => (await request(app()).get(`/api/articles/${id}`)).body.paragraphs.map((p: { position: number; text: string }) => `${p.position}:${p.text}`);

  test('POST inserts at a position and shifts the rest; 201 with Location and the article’s new ETag', async () => {
    const a = await articleFactory(ctx.db, { paragraphs: 3 });
    const res = await request(app()).post(`/api/articles/${a.id}/paragraphs`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ text: 'Inserted.', position: 1 });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assertMatchesOpenApi(res, 'post', '/api/articles/:id/paragraphs');
    assert.equal(res.headers.location, `/api/articles/${a.id}/paragraphs/${res.body.id}`);
    assert.equal(res.headers.etag, articleEtag(a.id, 2));
    const after = await texts(a.id);
    assert.equal(after[0], '1:Inserted.');
    assert.deepEqual(after.map((t: string) => t.split(':')[0]), ['1', '2', '3', '4']);
    const appended = await request(app()).post(`/api/articles/${a.id}/paragraphs`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ text: 'Last.' });
    assert.equal(appended.body.position, 5);
    const tooFar = await request(app()).post(`/api/articles/${a.id}/paragraphs`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 3)).send({ text: 'x', position: 9 });
    assert.equal(tooFar.status, 422);
    assertMatchesOpenApi(tooFar, 'post', '/api/articles/:id/paragraphs');
    assert.equal((await texts(a.id)).length, 5, 'the refused insert changed nothing');
  });

  test('PATCH replaces the text and finds its quotes again; 404 for a paragraph of another article', async () => {
    const a = await articleFactory(ctx.db);
    const other = await articleFactory(ctx.db);
    const pid = a.paragraphIds[1]!;
    const res = await request(app()).patch(`/api/articles/${a.id}/paragraphs/${pid}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ text: 'As she put it: “We will build homes this year.”' });
    assert.equal(res.status, 200);
    assertMatchesOpenApi(res, 'patch', '/api/articles/:id/paragraphs/:paragraphId');
    const quote = (await request(app()).get(`/api/articles/${a.id}`)).body.quotes[0];
    assert.deepEqual([quote.startOffset, quote.endOffset], [16, 45]);
    assert.deepEqual(res.body.quotesNotFound, []);
    const reworded = await request(app()).patch(`/api/articles/${a.id}/paragraphs/${pid}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ text: 'She promised new housing soon.' });
    assert.deepEqual(reworded.body.quotesNotFound, [a.quoteId], 'the editor is told which quote lost its words');
    assertMatchesOpenApi(reworded, 'patch', '/api/articles/:id/paragraphs/:paragraphId');
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.deepEqual(history.body.data[0].after.quotesNotFound, [a.quoteId]);
    const foreign = await request(app()).patch(`/api/articles/${a.id}/paragraphs/${other.paragraphIds[0]}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 3)).send({ text: 'x' });
    assert.equal(foreign.status, 404);
    assertMatchesOpenApi(foreign, 'patch', '/api/articles/:id/paragraphs/:paragraphId');
    const noToken = await request(app()).patch(`/api/articles/${a.id}/paragraphs/${pid}`).set('If-Match', articleEtag(a.id, 3)).send({ text: 'x' });
    assert.equal(noToken.status, 401);
  });

  test('DELETE removes a paragraph and closes the gap (204 with the new ETag)', async () => {
    const a = await articleFactory(ctx.db, { paragraphs: 4 });
    const res = await request(app()).delete(`/api/articles/${a.id}/paragraphs/${a.paragraphIds[1]}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1));
    assert.equal(res.status, 204);
    assertMatchesOpenApi(res, 'delete', '/api/articles/:id/paragraphs/:paragraphId');
    assert.equal(res.headers.etag, articleEtag(a.id, 2));
    const article = (await request(app()).get(`/api/articles/${a.id}`)).body;
    assert.deepEqual(article.paragraphs.map((p: { id: number; position: number }) => [p.id, p.position]), [[a.paragraphIds[0], 1], [a.paragraphIds[2], 2], [a.paragraphIds[3], 3]]);
    assert.deepEqual(article.quotes, [], 'the quote in the deleted paragraph went with it');
    assert.equal((await request(app()).delete(`/api/articles/${a.id}/paragraphs/${a.paragraphIds[1]}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2))).status, 404);
    const single = await articleFactory(ctx.db, { paragraphs: 1 });
    const only = await request(app()).delete(`/api/articles/${single.id}/paragraphs/${single.paragraphIds[0]}`).set(bearer(editor)).set('If-Match', articleEtag(single.id, 1));
    assert.equal(only.status, 422, 'an article keeps its body');
    assertMatchesOpenApi(only, 'delete', '/api/articles/:id/paragraphs/:paragraphId');
  });

  test('PUT order applies the full permutation; refuses a partial or foreign one with 422', async () => {
    const a = await articleFactory(ctx.db, { paragraphs: 4 });
    const [p1, p2, p3, p4] = a.paragraphIds as [number, number, number, number];
    const res = await request(app()).put(`/api/articles/${a.id}/paragraphs/order`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ order: [p4, p3, p2, p1] });
    assert.equal(res.status, 200);
    assertMatchesOpenApi(res, 'put', '/api/articles/:id/paragraphs/order');
    assert.deepEqual(res.body.paragraphs.map((p: { id: number }) => p.id), [p4, p3, p2, p1]);
    for (const order of [[p1, p2, p3], [p1, p2, p3, p3], [p1, p2, p3, 999999]]) {
      const bad = await request(app()).put(`/api/articles/${a.id}/paragraphs/order`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ order });
      assert.equal(bad.status, 422, JSON.stringify(order));
      assertMatchesOpenApi(bad, 'put', '/api/articles/:id/paragraphs/order');
    }
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.deepEqual(history.body.data[0].before, { order: [p1, p2, p3, p4] });
    assert.deepEqual(history.body.data[0].after, { order: [p4, p3, p2, p1] });
  });

  test('a quote over several paragraphs stays whole: it must fit, no insert or reorder splits it, a delete inside takes it', async () => {
    const created = await request(app()).post('/api/articles').set(bearer(editor)).send({
      headline: 'A speech over two paragraphs',
      paragraphs: ['The mayor rose to speak.', '“We will rebuild the pier,', 'and we will do it by summer.”', 'Applause followed.'],
      quotes: [{ paragraph: 2, paragraphSpan: 2, text: 'We will rebuild the pier,\nand we will do it by summer.', kind: 'direct' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    const [p1, p2, p3, p4] = created.body.paragraphs.map((p: { id: number }) => p.id);
    const quoteId = created.body.quotes[0].id;
    const etag = () => articleEtag(id, 1);
    const tooLong = await request(app()).post(`/api/articles/${id}/quotes`).set(bearer(editor)).set('If-Match', etag()).send({ paragraph: 4, paragraphSpan: 3, text: 'Applause', kind: 'scare' });
    assert.equal(tooLong.status, 422, JSON.stringify(tooLong.body));
    assert.deepEqual(tooLong.body.errors.map((e: { path: unknown[] }) => e.path.join('.')), ['body.paragraphSpan']);
    const inside = await request(app()).post(`/api/articles/${id}/paragraphs`).set(bearer(editor)).set('If-Match', etag()).send({ text: 'x', position: 3 });
    assert.equal(inside.status, 422, JSON.stringify(inside.body));
    assert.match(inside.body.errors[0].message, new RegExp(`split quote ${quoteId}`));
    const apart = await request(app()).put(`/api/articles/${id}/paragraphs/order`).set(bearer(editor)).set('If-Match', etag()).send({ order: [p3, p2, p1, p4] });
    assert.equal(apart.status, 422);
    assertMatchesOpenApi(apart, 'put', '/api/articles/:id/paragraphs/order');
    const together = await request(app()).put(`/api/articles/${id}/paragraphs/order`).set(bearer(editor)).set('If-Match', etag()).send({ order: [p2, p3, p1, p4] });
    assert.equal(together.status, 200, JSON.stringify(together.body));
    const moved = (await request(app()).get(`/api/articles/${id}`).set(bearer(editor))).body.quotes[0];
    assert.deepEqual([moved.paragraphPosition, moved.paragraphSpan], [1, 2]);
    const removed = await request(app()).delete(`/api/articles/${id}/paragraphs/${p3}`).set(bearer(editor)).set('If-Match', articleEtag(id, 2));
    assert.equal(removed.status, 204);
    assert.deepEqual((await request(app()).get(`/api/articles/${id}`).set(bearer(editor))).body.quotes, []);
    const history = await request(app()).get(`/api/articles/${id}/history`).set(bearer(editor));
    assert.deepEqual(history.body.data[0].before.quotes.map((q: { id: number }) => q.id), [quoteId]);
  });

  test('a reorder that fails half-way leaves the old order and the old version', async () => {
    const a = await articleFactory(ctx.db, { paragraphs: 5 });
    const before = await texts(a.id);
    // The third position update fails, after two paragraphs were already moved inside the transaction.
    const faulty = testApp(ctx.db, {}, failingClient(ctx.db.prisma, 'paragraph', 'update', 3));
    const res = await request(faulty).put(`/api/articles/${a.id}/paragraphs/order`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ order: [...a.paragraphIds].reverse() });
    assert.equal(res.status, 500);
    assertMatchesOpenApi(res, 'put', '/api/articles/:id/paragraphs/order');
    assert.doesNotMatch(JSON.stringify(res.body), /injected fault|at |prisma/i, 'no internals leave the server');
    assert.deepEqual(await texts(a.id), before);
    const article = await request(app()).get(`/api/articles/${a.id}`);
    assert.equal(article.headers.etag, articleEtag(a.id, 1));
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.deepEqual(history.body.data, []);
  });

  test('parallel inserts with fresh ETags keep positions 1..n; stale ones are refused', async () => {
    const a = await articleFactory(ctx.db, { paragraphs: 2 });
    const results = await Promise.all(
      [1, 2, 3].map((i) => request(app()).post(`/api/articles/${a.id}/paragraphs`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ text: `P${i}`, position: 1 })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 412, 412]);
    const positions = (await texts(a.id)).map((t: string) => Number(t.split(':')[0]));
    assert.deepEqual(positions, [1, 2, 3]);
  });
});
