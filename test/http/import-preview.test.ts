import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { describeEachDatabase } from '../support/databases.ts';
import { makeArticleText } from '../support/articles.ts';
import { assertMatchesOpenApi, bearer, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('import preview (the ingest’s dry run over HTTP)', (ctx) => {
  let editor: string;
  before(async () => {
    editor = await tokenFor(ctx.db, 'editor');
  });
  const app = () => testApp(ctx.db);

  test('POST /api/articles/import/preview shows paragraphs, quotes with speakers and people, and stores nothing', async () => {
    const text = makeArticleText({ headline: 'Preview council housing plan', people: [['Maria Lopez', 'the city’s housing director']], related: ['Some other story'] });
    const before = await ctx.db.prisma.article.count();
    const res = await request(app()).post('/api/articles/import/preview').set(bearer(editor)).type('text/plain').send(text);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertMatchesOpenApi(res, 'post', '/api/articles/import/preview');
    assert.equal(res.body.headline, 'Preview council housing plan');
    assert.equal(res.body.paragraphs.length, 2);
    assert.equal(res.body.quotes[0].speaker, 'Maria Lopez');
    assert.equal(res.body.people[0].role, 'city’s housing director');
    assert.deepEqual(res.body.related, [{ title: 'Some other story' }]);
    assert.equal(res.body.existing, null);
    assert.equal(await ctx.db.prisma.article.count(), before, 'nothing stored');

    const saved = await request(app()).post('/api/articles/import').query({ status: 'draft' }).set(bearer(editor)).type('text/plain').send(text);
    assert.equal(saved.status, 201);
    const again = await request(app()).post('/api/articles/import/preview').set(bearer(editor)).type('text/plain').send(text);
    assert.equal(again.body.existing.id, saved.body.articleId, 'the preview names the article the text would update');
  });

  test('a text the ingest cannot read is a 422; readers may not preview', async () => {
    const empty = await request(app()).post('/api/articles/import/preview').set(bearer(editor)).type('text/plain').send('---\nheadline: Only a headline\n---\n');
    assert.equal(empty.status, 422, JSON.stringify(empty.body));
    assertMatchesOpenApi(empty, 'post', '/api/articles/import/preview');
    assert.equal((await request(app()).post('/api/articles/import/preview').type('text/plain').send('x')).status, 401);
  });
});
