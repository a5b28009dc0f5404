import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { attachReadConnection } from '../../src/db/read-connection.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { makeArticleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, bearer, personEtag, spyingClient, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('published articles are rendered once per version', (ctx) => {
  test('a repeated GET costs one head query; a change is seen at once; 304 still comes from the version alone', async () => {
    const calls: string[] = [];
    const spy = spyingClient(ctx.db.prisma, calls);
    // SQLite reads the head on a connection of its own (src/db/read-connection.ts), not through Prisma.
    const detach = ctx.db.target.file ? attachReadConnection(spy, ctx.db.target.file, 5_000) : () => {};
    const headCalls = ctx.db.target.file ? [] : ['article.findUnique'];
    try {
      const app = testApp(ctx.db, {}, spy);
      const a = await articleFactory(ctx.db, { paragraphs: 4 });
      const path = `/api/articles/${a.slug}`;

      const first = await request(app).get(path).expect(200);
      assert.ok(calls.length > 1, 'the first read loads the article');
      assert.equal(first.headers['content-type'], 'application/json; charset=utf-8');
      calls.length = 0;
      const second = await request(app).get(path).expect(200);
      assert.deepEqual(calls, headCalls, 'a hit is the head query only');
      assert.equal(second.text, first.text);
      assert.equal(second.headers.etag, articleEtag(a.id, 1));

      const editor = await tokenFor(ctx.db, 'editor');
      await request(app).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ headline: 'A corrected headline' }).expect(200);
      const third = await request(app).get(path).expect(200);
      assert.equal(third.body.headline, 'A corrected headline');
      assert.equal(third.headers.etag, articleEtag(a.id, 2));

      calls.length = 0;
      await request(app).get(path).set('If-None-Match', articleEtag(a.id, 2)).expect(304);
      assert.deepEqual(calls, headCalls);
      // by id as well as by slug
      await request(app).get(`/api/articles/${a.id}`).set('If-None-Match', articleEtag(a.id, 2)).expect(304);

      // A write committed outside the app (an operator's SQL, another process) is seen by the next read at once.
      await ctx.db.prisma.$executeRawUnsafe(`UPDATE articles SET status = 'draft', version = version + 1 WHERE id = ${a.id}`);
      await request(app).get(path).expect(404);
      await ctx.db.prisma.$executeRawUnsafe(`UPDATE articles SET status = 'published', version = version + 1 WHERE id = ${a.id}`);
      const fourth = await request(app).get(path).set('If-None-Match', articleEtag(a.id, 2)).expect(200);
      assert.equal(fourth.headers.etag, articleEtag(a.id, 4));
      await request(app).get('/api/articles/no-such-article').expect(404);
    } finally {
      detach();
    }
  });

  test('what an article shows of other records moves its version: a person renamed, a related article retitled or ingested', async () => {
    const app = testApp(ctx.db);
    const editor = await tokenFor(ctx.db, 'editor');
    const actor = { name: 'cache-test', tokenId: null };
    const text = makeArticleText({ headline: 'Harbour plan approved', people: [['Inés Moreno', 'the port authority’s director']], related: ['Ferry timetable changes in spring'] });
    const { articleId: id } = await importArticle(ctx.db.prisma, text, {}, actor);
    const path = `/api/articles/${id}`;
    const read = async (etag?: string) => {
      const req = request(app).get(path);
      return etag ? req.set('If-None-Match', etag) : req;
    };

    const before = await read();
    assert.equal(before.status, 200);
    const person = before.body.people[0];
    assert.equal(person.name, 'Inés Moreno');
    assert.equal(before.body.quotes[0].speaker.name, 'Inés Moreno');
    assert.equal((await read(before.headers.etag)).status, 304);

    const detail = await request(app).get(`/api/people/${person.id}`).expect(200);
    await request(app)
      .patch(`/api/people/${person.id}`)
      .set(bearer(editor))
      .set('If-Match', personEtag(person.id, detail.body.version))
      .send({ name: 'Inés Moreno Ruiz' })
      .expect(200);
    const renamed = await read(before.headers.etag);
    assert.equal(renamed.status, 200, 'the old ETag no longer matches');
    assert.notEqual(renamed.headers.etag, before.headers.etag);
    assert.equal(renamed.body.people[0].name, 'Inés Moreno Ruiz');
    assert.equal(renamed.body.quotes[0].speaker.name, 'Inés Moreno Ruiz');

    const stub = renamed.body.related[0].article;
    assert.equal(stub.isStub, true);
    await request(app)
      .patch(`/api/articles/${stub.id}`)
      .set(bearer(editor))
      .set('If-Match', articleEtag(stub.id, 1))
      .send({ headline: 'Ferry timetable changes from April' })
      .expect(200);
    const retitled = await read(renamed.headers.etag);
    assert.equal(retitled.status, 200);
    assert.equal(retitled.body.related[0].article.headline, 'Ferry timetable changes from April');

    // The ingest fills another stub in (a related article arriving later) on both of its write paths.
    const second = await importArticle(ctx.db.prisma, makeArticleText({ headline: 'Dredging starts', related: ['Quay wall repairs'] }), {}, actor);
    const secondPath = `/api/articles/${second.articleId}`;
    const stale = await request(app).get(secondPath).expect(200);
    assert.equal(stale.body.related[0].article.isStub, true);
    await importArticle(ctx.db.prisma, makeArticleText({ headline: 'Quay wall repairs' }), {}, actor);
    const filled = await request(app).get(secondPath).set('If-None-Match', String(stale.headers.etag)).expect(200);
    assert.equal(filled.body.related[0].article.isStub, false);
  });

  test('drafts are not cached', async () => {
    const calls: string[] = [];
    const app = testApp(ctx.db, {}, spyingClient(ctx.db.prisma, calls));
    const a = await articleFactory(ctx.db, { status: 'draft' });
    const editor = await tokenFor(ctx.db, 'editor');
    await request(app).get(`/api/articles/${a.id}`).set(bearer(editor)).expect(200);
    calls.length = 0;
    await request(app).get(`/api/articles/${a.id}`).set(bearer(editor)).expect(200);
    assert.ok(calls.includes('paragraph.findMany'), 'a draft is read afresh');
  });
});
