import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, assertMatchesOpenApi, bearer, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('quotes and related API', (ctx) => {
  let editor: string;
  before(async () => {
    editor = await tokenFor(ctx.db, 'editor', 'Quentin');
  });
  const app = () => testApp(ctx.db);

  test('GET /api/quotes filters by speaker, article and kind; readers see published articles only', async () => {
    const a = await articleFactory(ctx.db);
    const draft = await articleFactory(ctx.db, { status: 'draft' });
    const bySpeaker = await request(app()).get('/api/quotes').query({ speaker: a.personId });
    assert.equal(bySpeaker.status, 200);
    assertMatchesOpenApi(bySpeaker, 'get', '/api/quotes');
    assert.deepEqual(bySpeaker.body.data.map((q: { id: number }) => q.id), [a.quoteId]);
    assert.deepEqual((await request(app()).get('/api/quotes').query({ article: draft.id })).body.data, []);
    assert.equal((await request(app()).get('/api/quotes').query({ article: draft.id }).set(bearer(editor))).body.data.length, 1);
    assert.deepEqual((await request(app()).get('/api/quotes').query({ article: a.id, kind: 'scare' })).body.data, []);
    const bad = await request(app()).get('/api/quotes').query({ kind: 'shouted' });
    assert.equal(bad.status, 400);
    assertMatchesOpenApi(bad, 'get', '/api/quotes');
  });

  test('POST /api/articles/:id/quotes adds a quote located in its paragraph; 422 for a foreign paragraph', async () => {
    const a = await articleFactory(ctx.db);
    const res = await request(app())
      .post(`/api/articles/${a.id}/quotes`)
      .set(bearer(editor))
      .set('If-Match', articleEtag(a.id, 1))
      .send({ paragraph: 2, text: 'build homes', kind: 'partial', speaker: { id: a.personId } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assertMatchesOpenApi(res, 'post', '/api/articles/:id/quotes');
    assert.equal(res.headers.location, `/api/quotes/${res.body.id}`);
    assert.deepEqual([res.body.startOffset, res.body.endOffset], [9, 20]);
    const other = await articleFactory(ctx.db);
    const foreign = await request(app()).post(`/api/articles/${a.id}/quotes`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ paragraphId: other.paragraphIds[0], text: 'x', kind: 'direct' });
    assert.equal(foreign.status, 422);
    const both = await request(app()).post(`/api/articles/${a.id}/quotes`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ paragraph: 1, paragraphId: 1, text: 'x', kind: 'direct' });
    assert.equal(both.status, 422);
    const wrongOffsets = await request(app()).post(`/api/articles/${a.id}/quotes`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ paragraph: 2, text: 'homes', kind: 'partial', startOffset: 0, endOffset: 5 });
    assert.equal(wrongOffsets.status, 422);
    assertMatchesOpenApi(wrongOffsets, 'post', '/api/articles/:id/quotes');
  });

  test('PATCH /api/quotes/:id fixes the speaker (the article’s ETag guards it); 428, 412, 404', async () => {
    const a = await articleFactory(ctx.db);
    const path = `/api/quotes/${a.quoteId}`;
    assert.equal((await request(app()).patch(path).set(bearer(editor)).send({ speaker: { name: 'Antony Blinken' } })).status, 428);
    const fixed = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ speaker: { name: 'Antony Blinken' } });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
    assertMatchesOpenApi(fixed, 'patch', '/api/quotes/:quoteId');
    assert.equal(fixed.body.speaker.name, 'Antony Blinken');
    const created = await request(app()).get(`/api/people/${fixed.body.speaker.id}/history`).set(bearer(editor));
    assert.deepEqual(created.body.data.map((r: { action: string; actor: string }) => [r.action, r.actor]), [['person.create', 'Quentin']], 'a person named into being has a history');
    assert.equal(fixed.headers.etag, articleEtag(a.id, 2));
    const article = (await request(app()).get(`/api/articles/${a.id}`)).body;
    assert.ok(article.people.some((p: { name: string }) => p.name === 'Antony Blinken'), 'the new speaker joins the article’s people');
    const stale = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ kind: 'partial' });
    assert.equal(stale.status, 412);
    assertMatchesOpenApi(stale, 'patch', '/api/quotes/:quoteId');
    const scare = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ kind: 'scare' });
    assert.equal(scare.status, 422, 'a scare quote keeps no speaker');
    const unknownPerson = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ speaker: { id: 999999 } });
    assert.equal(unknownPerson.status, 422);
    assert.equal((await request(app()).patch('/api/quotes/999999').set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ kind: 'direct' })).status, 404);
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.equal(history.body.data[0].action, 'quote.update');
    assert.equal(history.body.data[0].before.speaker.id, a.personId);
    assert.equal(history.body.data[0].after.speaker.name, 'Antony Blinken');
  });

  test('DELETE /api/quotes/:id: 204 with the article’s new ETag', async () => {
    const a = await articleFactory(ctx.db);
    const res = await request(app()).delete(`/api/quotes/${a.quoteId}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1));
    assert.equal(res.status, 204);
    assertMatchesOpenApi(res, 'delete', '/api/quotes/:quoteId');
    assert.equal(res.headers.etag, articleEtag(a.id, 2));
    assert.equal((await request(app()).delete(`/api/quotes/${a.quoteId}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2))).status, 404);
  });

  test('PUT /api/articles/:id/related sets the ordered list by id and by headline, creating stubs', async () => {
    const a = await articleFactory(ctx.db);
    const b = await articleFactory(ctx.db);
    const res = await request(app())
      .put(`/api/articles/${a.id}/related`)
      .set(bearer(editor))
      .set('If-Match', articleEtag(a.id, 1))
      .send({ related: [{ headline: 'Bonds play role in Michigan city’s recovery' }, { id: b.id }] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertMatchesOpenApi(res, 'put', '/api/articles/:id/related');
    assert.deepEqual(res.body.related.map((r: { position: number }) => r.position), [1, 2]);
    const stub = res.body.related[0].article;
    assert.deepEqual([stub.status, stub.isStub, stub.slug], ['stub', true, 'bonds-play-role-in-michigan-citys-recovery']);
    assert.equal(res.body.related[1].article.id, b.id);
    const self = await request(app()).put(`/api/articles/${a.id}/related`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ related: [{ id: a.id }] });
    assert.equal(self.status, 422);
    assertMatchesOpenApi(self, 'put', '/api/articles/:id/related');
    const twice = await request(app()).put(`/api/articles/${a.id}/related`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ related: [{ id: b.id }, { id: b.id }] });
    assert.equal(twice.status, 422);
    const missing = await request(app()).put(`/api/articles/${a.id}/related`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ related: [{ id: 999999 }, { headline: 'A stub that must not survive' }] });
    assert.equal(missing.status, 422);
    assert.equal(await ctx.db.prisma.article.count({ where: { headline: 'A stub that must not survive' } }), 0, 'a refused list creates no stubs');
    const empty = await request(app()).put(`/api/articles/${a.id}/related`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ related: [] });
    assert.deepEqual(empty.body.related, []);
  });

  test('an edit that changes nothing answers 200 with the same ETag and writes no history', async () => {
    const a = await articleFactory(ctx.db);
    const b = await articleFactory(ctx.db);
    const v1 = articleEtag(a.id, 1);
    const article = (await request(app()).get(`/api/articles/${a.id}`).set(bearer(editor))).body;
    const speaker = article.quotes[0].speaker.name;
    const edits = [
      request(app()).patch(`/api/quotes/${a.quoteId}`).send({ speaker: { name: speaker } }),
      request(app()).patch(`/api/articles/${a.id}`).send({ headline: article.headline, status: article.status }),
      request(app()).patch(`/api/articles/${a.id}/paragraphs/${a.paragraphIds[0]}`).send({ text: article.paragraphs[0].text }),
      request(app()).put(`/api/articles/${a.id}/paragraphs/order`).send({ order: a.paragraphIds }),
    ];
    for (const edit of edits) {
      const res = await edit.set(bearer(editor)).set('If-Match', v1);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.headers.etag, v1);
    }
    const linked = await request(app()).put(`/api/articles/${a.id}/related`).set(bearer(editor)).set('If-Match', v1).send({ related: [{ id: b.id }] });
    assert.equal(linked.headers.etag, articleEtag(a.id, 2), 'a real change still moves the version');
    const again = await request(app()).put(`/api/articles/${a.id}/related`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ related: [{ id: b.id }] });
    assert.deepEqual([again.status, again.headers.etag, again.body.related.length], [200, articleEtag(a.id, 2), 1]);
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.deepEqual(history.body.data.map((r: { action: string }) => r.action), ['related.replace']);
    const person = (await request(app()).get(`/api/people/${a.personId}`).set(bearer(editor)));
    const renamed = await request(app()).patch(`/api/people/${a.personId}`).set(bearer(editor)).set('If-Match', String(person.headers.etag)).send({ name: person.body.name });
    assert.deepEqual([renamed.status, renamed.headers.etag], [200, person.headers.etag]);
  });

  test('readers do not see related links to drafts or archived articles, in any format; editors do', async () => {
    const a = await articleFactory(ctx.db);
    const draft = await articleFactory(ctx.db, { status: 'draft' });
    const archived = await articleFactory(ctx.db, { status: 'archived' });
    const published = await articleFactory(ctx.db);
    const set = await request(app())
      .put(`/api/articles/${a.id}/related`)
      .set(bearer(editor))
      .set('If-Match', articleEtag(a.id, 1))
      .send({ related: [{ id: draft.id }, { headline: 'A story still to come' }, { id: archived.id }, { id: published.id }] });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const ids = (body: { related: Array<{ article: { id: number } }> }) => body.related.map((r) => r.article.id);
    const stubId = set.body.related[1].article.id;
    for (let i = 0; i < 2; i++) {
      // Twice each, so that the second read comes from the render cache.
      assert.deepEqual(ids((await request(app()).get(`/api/articles/${a.id}`)).body), [stubId, published.id]);
      assert.deepEqual(ids((await request(app()).get(`/api/articles/${a.id}`).set(bearer(editor))).body), [draft.id, stubId, archived.id, published.id]);
    }
    for (const format of ['jsonld', 'ninjs']) {
      const text = (await request(app()).get(`/api/articles/${a.id}`).query({ format })).text;
      assert.ok(!text.includes(`/api/articles/${draft.id}"`) && !text.includes(`/api/articles/${archived.id}"`), `${format} shows the draft or the archived one`);
      assert.ok(text.includes(`/api/articles/${published.id}"`), `${format} leaves out the published one`);
    }
  });
});
