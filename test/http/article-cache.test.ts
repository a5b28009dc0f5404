import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, bearer, spyingClient, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('published articles are rendered once per version', (ctx) => {
  test('a repeated GET costs one head query; a change is seen at once; 304 still comes from the version alone', async () => {
    const calls: string[] = [];
    const app = testApp(ctx.db, {}, spyingClient(ctx.db.prisma, calls));
    const a = await articleFactory(ctx.db, { paragraphs: 4 });
    const path = `/api/articles/${a.slug}`;

    const first = await request(app).get(path).expect(200);
    assert.ok(calls.length > 1, 'the first read loads the article');
    assert.equal(first.headers['content-type'], 'application/json; charset=utf-8');
    calls.length = 0;
    const second = await request(app).get(path).expect(200);
    assert.deepEqual(calls, ['article.findUnique'], 'a hit is the head query only');
    assert.equal(second.text, first.text);
    assert.equal(second.headers.etag, articleEtag(a.id, 1));

    const editor = await tokenFor(ctx.db, 'editor');
    await request(app).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ headline: 'A corrected headline' }).expect(200);
    const third = await request(app).get(path).expect(200);
    assert.equal(third.body.headline, 'A corrected headline');
    assert.equal(third.headers.etag, articleEtag(a.id, 2));

    calls.length = 0;
    await request(app).get(path).set('If-None-Match', articleEtag(a.id, 2)).expect(304);
    assert.deepEqual(calls, ['article.findUnique']);
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
