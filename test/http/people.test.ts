import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, assertMatchesOpenApi, bearer, personEtag, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('people API', (ctx) => {
  let editor: string;
  let admin: string;
  before(async () => {
    editor = await tokenFor(ctx.db, 'editor', 'Petra');
    admin = await tokenFor(ctx.db, 'admin', 'Adam');
  });
  const app = () => testApp(ctx.db);

  test('GET /api/people searches names ignoring case and accents; GET /api/people/:id has articles, roles, quotes', async () => {
    const a = await articleFactory(ctx.db, { speaker: 'Volodýmyr Zelenskyy' });
    const res = await request(app()).get('/api/people').query({ q: 'ZELENSKYY' });
    assert.equal(res.status, 200);
    assertMatchesOpenApi(res, 'get', '/api/people');
    assert.deepEqual(res.body.data.map((p: { id: number }) => p.id), [a.personId]);
    for (const q of ['%', '_', '--']) {
      const everyone = await request(app()).get('/api/people').query({ q });
      assert.equal(everyone.status, 400, `q=${q} is no name, not a match for everyone`);
    }
    const detail = await request(app()).get(`/api/people/${a.personId}`);
    assert.equal(detail.status, 200);
    assertMatchesOpenApi(detail, 'get', '/api/people/:id');
    assert.equal(detail.headers.etag, personEtag(a.personId, 1));
    assert.deepEqual(detail.body.articles.map((x: { article: { id: number }; role: string; paragraphs: number[] }) => [x.article.id, x.role, x.paragraphs]), [[a.id, 'housing director', [1, 2]]]);
    assert.deepEqual(detail.body.quotes.map((q: { id: number }) => q.id), [a.quoteId]);
    assert.deepEqual([detail.body.articleCount, detail.body.quoteCount], [1, 1]);
    assert.equal((await request(app()).get('/api/people/999999')).status, 404);
  });

  test('GET /api/people/:id shows the newest 50 quotes and the total; the rest are in GET /api/quotes', async () => {
    const a = await articleFactory(ctx.db, { speaker: 'Much Quoted' });
    const paragraphId = (await ctx.db.prisma.quote.findUniqueOrThrow({ where: { id: a.quoteId } })).paragraphId;
    await ctx.db.prisma.quote.createMany({
      data: Array.from({ length: 54 }, (_, i) => ({ articleId: a.id, paragraphId, text: `line ${i}`, kind: 'direct' as const, speakerId: a.personId })),
    });
    const detail = await request(app()).get(`/api/people/${a.personId}`);
    assert.equal(detail.status, 200);
    assertMatchesOpenApi(detail, 'get', '/api/people/:id');
    assert.equal(detail.body.quoteCount, 55);
    assert.equal(detail.body.quotes.length, 50);
    assert.equal(detail.body.quotes[0].text, 'line 53', 'newest first');
  });

  test('GET /api/people/:id counts articles and quotes in published articles for readers, in all for editors', async () => {
    const speaker = 'Counted Speaker';
    const published = await articleFactory(ctx.db, { speaker });
    await articleFactory(ctx.db, { speaker, status: 'draft' });
    const archived = await articleFactory(ctx.db, { speaker, status: 'archived' });
    const paragraphId = (await ctx.db.prisma.quote.findUniqueOrThrow({ where: { id: archived.quoteId } })).paragraphId;
    await ctx.db.prisma.quote.createMany({
      data: Array.from({ length: 3 }, (_, i) => ({ articleId: archived.id, paragraphId, text: `archived line ${i}`, kind: 'direct' as const, speakerId: published.personId })),
    });
    const path = `/api/people/${published.personId}`;
    const reader = await request(app()).get(path);
    assert.equal(reader.status, 200);
    assert.deepEqual([reader.body.articleCount, reader.body.quoteCount], [1, 1], 'the draft and the archived article are not counted');
    assert.deepEqual(reader.body.quotes.map((q: { id: number }) => q.id), [published.quoteId]);
    const editorView = await request(app()).get(path).set(bearer(editor));
    assert.equal(editorView.status, 200);
    assert.deepEqual([editorView.body.articleCount, editorView.body.quoteCount], [3, 6]);
    assert.equal(editorView.body.quotes.length, 6);
  });

  test('POST /api/people: 201, 409 for the same name key; PATCH needs If-Match (428/412)', async () => {
    const created = await request(app()).post('/api/people').set(bearer(editor)).send({ name: 'Sergei Lavrov', description: 'Russia’s foreign minister' });
    assert.equal(created.status, 201);
    assertMatchesOpenApi(created, 'post', '/api/people');
    assert.equal(created.headers.location, `/api/people/${created.body.id}`);
    const dup = await request(app()).post('/api/people').set(bearer(editor)).send({ name: 'sergei  LAVROV' });
    assert.equal(dup.status, 409);
    assertMatchesOpenApi(dup, 'post', '/api/people');
    assert.match(dup.body.detail, new RegExp(`person ${created.body.id};`), 'the 409 names the person to merge into');
    const path = `/api/people/${created.body.id}`;
    assert.equal((await request(app()).patch(path).set(bearer(editor)).send({ description: 'x' })).status, 428);
    const ok = await request(app()).patch(path).set(bearer(editor)).set('If-Match', String(created.headers.etag)).send({ description: 'Foreign minister of Russia' });
    assert.equal(ok.status, 200);
    assertMatchesOpenApi(ok, 'patch', '/api/people/:id');
    assert.equal(ok.headers.etag, personEtag(created.body.id, 2));
    const stale = await request(app()).patch(path).set(bearer(editor)).set('If-Match', String(created.headers.etag)).send({ description: 'lost' });
    assert.equal(stale.status, 412);
    const history = await request(app()).get(`${path}/history`).set(bearer(editor));
    assert.equal(history.status, 200);
    assertMatchesOpenApi(history, 'get', '/api/people/:id/history');
    assert.deepEqual(history.body.data.map((r: { action: string; actor: string }) => `${r.action} by ${r.actor}`), ['person.update by Petra', 'person.create by Petra']);
  });

  test('DELETE /api/people/:id: admins only; 409 while quoted unless ?detach=true', async () => {
    const a = await articleFactory(ctx.db);
    const path = `/api/people/${a.personId}`;
    const forbidden = await request(app()).delete(path).set(bearer(editor)).set('If-Match', personEtag(a.personId, 1));
    assert.equal(forbidden.status, 403);
    const busy = await request(app()).delete(path).set(bearer(admin)).set('If-Match', personEtag(a.personId, 1));
    assert.equal(busy.status, 409);
    assertMatchesOpenApi(busy, 'delete', '/api/people/:id');
    const detached = await request(app()).delete(path).query({ detach: 'true' }).set(bearer(admin)).set('If-Match', personEtag(a.personId, 1));
    assert.equal(detached.status, 204);
    assertMatchesOpenApi(detached, 'delete', '/api/people/:id');
    const article = await request(app()).get(`/api/articles/${a.id}`);
    assert.equal(article.body.quotes[0].speaker, null);
    assert.deepEqual(article.body.people, []);
    assert.equal(article.headers.etag, articleEtag(a.id, 2));
  });

  test('POST /api/people/:id/merge moves quotes, mentions and links, combining duplicates in one article', async () => {
    const a = await articleFactory(ctx.db, { speaker: 'Antony Blinken' });
    const dupe = await ctx.db.prisma.person.create({ data: { name: 'Tony Blinken', nameKey: 'tony blinken' } });
    // The duplicate appears in the same article (mentioned in paragraph 3, quoted once) and in no other.
    const link = await ctx.db.prisma.articlePerson.create({ data: { articleId: a.id, personId: dupe.id, role: null, aliases: ['Tony'] } });
    await ctx.db.prisma.mention.create({ data: { articlePersonId: link.id, paragraphId: a.paragraphIds[2]! } });
    const q = await ctx.db.prisma.quote.create({ data: { articleId: a.id, paragraphId: a.paragraphIds[0]!, text: 'Paragraph', kind: 'partial', speakerId: dupe.id } });

    const path = `/api/people/${dupe.id}/merge`;
    assert.equal((await request(app()).post(path).set(bearer(editor)).set('If-Match', personEtag(dupe.id, 1)).send({ into: a.personId })).status, 403);
    assert.equal((await request(app()).post(path).set(bearer(admin)).send({ into: a.personId })).status, 428);
    assert.equal((await request(app()).post(path).set(bearer(admin)).set('If-Match', personEtag(dupe.id, 1)).send({ into: dupe.id })).status, 422);
    const res = await request(app()).post(path).set(bearer(admin)).set('If-Match', personEtag(dupe.id, 1)).send({ into: a.personId });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertMatchesOpenApi(res, 'post', '/api/people/:id/merge');
    assert.deepEqual(res.body.quotes.map((x: { id: number }) => x.id).sort(), [a.quoteId, q.id].sort());
    assert.equal(res.body.articles.length, 1);
    assert.deepEqual(res.body.articles[0].paragraphs, [1, 2, 3]);
    assert.equal(res.body.articles[0].role, 'housing director');
    assert.deepEqual(res.body.articles[0].aliases.sort(), ['Lopez', 'Tony', 'Tony Blinken'].sort());
    assert.equal((await request(app()).get(`/api/people/${dupe.id}`)).status, 404);
    const article = await request(app()).get(`/api/articles/${a.id}`);
    assert.equal(article.body.people.length, 1);
    assert.equal(article.headers.etag, articleEtag(a.id, 2));
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.equal(history.body.data[0].action, 'person.merge');
  });
});
