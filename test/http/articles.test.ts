import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, assertMatchesOpenApi, bearer, editorAndAdmin, spyingClient, testApp } from '../support/http.ts';
import { sampleText } from '../support/articles.ts';

describeEachDatabase('articles API', (ctx) => {
  let editor: string;
  let admin: string;
  before(async () => ({ editor, admin } = await editorAndAdmin(ctx.db)));
  const app = () => testApp(ctx.db);

  test('GET /api/articles pages with a keyset cursor and filters; readers see published only', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await articleFactory(ctx.db));
    const draft = await articleFactory(ctx.db, { status: 'draft' });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await request(app()).get('/api/articles').query({ limit: 2, ...(cursor ? { cursor } : {}) });
      assert.equal(res.status, 200);
      assertMatchesOpenApi(res, 'get', '/api/articles');
      assert.ok(res.body.data.length <= 2);
      seen.push(...res.body.data.map((a: { id: number }) => a.id));
      cursor = res.body.meta.nextCursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length, 'no article twice across pages');
    for (const a of made) assert.ok(seen.includes(a.id));
    assert.ok(!seen.includes(draft.id), 'drafts are not listed for readers');

    const drafts = await request(app()).get('/api/articles').query({ status: 'draft' }).set(bearer(editor));
    assert.equal(drafts.status, 200);
    assert.deepEqual(drafts.body.data.map((a: { id: number }) => a.id), [draft.id]);

    const byPerson = await request(app()).get('/api/articles').query({ person: made[0]!.personId });
    assert.deepEqual(byPerson.body.data.map((a: { id: number }) => a.id), [made[0]!.id]);

    const ranged = await request(app()).get('/api/articles').query({ publishedFrom: '2023-01-01', publishedTo: '2023-12-31', sort: 'published' });
    assert.equal(ranged.status, 200);
    const dates = ranged.body.data.map((a: { publishedAt: string }) => a.publishedAt);
    assert.deepEqual(dates, [...dates].sort());

    const q = await request(app()).get('/api/articles').query({ q: 'Paragraph 3 of article' });
    assert.ok(q.body.data.length >= 1);
  });

  test('GET /api/articles refuses bad queries (400), cursors it did not issue (422) and drafts for readers (401)', async () => {
    for (const query of [{ limit: '101' }, { limit: 'x' }, { sort: 'id; DROP TABLE articles' }, { unknown: '1' }, { person: '99999999999' }]) {
      const res = await request(app()).get('/api/articles').query(query);
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assertMatchesOpenApi(res, 'get', '/api/articles');
    }
    // Any text is a well-formed cursor; one this API did not issue breaks a rule only the server knows: 422.
    const foreign = await request(app()).get('/api/articles').query({ cursor: 'garbage' });
    assert.equal(foreign.status, 422);
    assert.deepEqual(foreign.body.errors.map((e: { path: string[] }) => e.path), [['query', 'cursor']]);
    assertMatchesOpenApi(foreign, 'get', '/api/articles');
    const res = await request(app()).get('/api/articles').query({ status: 'draft' });
    assert.equal(res.status, 401);
    const range = await request(app()).get('/api/articles').query({ publishedFrom: '2024-01-01', publishedTo: '2023-01-01' });
    assert.equal(range.status, 422);
  });

  test('GET /api/articles/:idOrSlug: the whole article by id or slug, with ETag; 304 without loading nested rows', async () => {
    const a = await articleFactory(ctx.db);
    const byId = await request(app()).get(`/api/articles/${a.id}`);
    assert.equal(byId.status, 200);
    assertMatchesOpenApi(byId, 'get', '/api/articles/:id');
    assert.equal(byId.headers.etag, articleEtag(a.id, 1));
    assert.deepEqual(byId.body.paragraphs.map((p: { position: number }) => p.position), [1, 2, 3]);
    assert.equal(byId.body.quotes[0].speaker.id, a.personId);
    assert.deepEqual(byId.body.people[0], {
      id: a.personId, name: byId.body.people[0].name, kind: 'person', wikidataId: null, role: 'housing director', aliases: ['Lopez'], paragraphs: [1, 2],
    });
    const bySlug = await request(app()).get(`/api/articles/${a.slug}`);
    assert.deepEqual(bySlug.body, byId.body);

    const calls: string[] = [];
    const spied = testApp(ctx.db, {}, spyingClient(ctx.db.prisma, calls));
    const notModified = await request(spied).get(`/api/articles/${a.id}`).set('If-None-Match', byId.headers.etag);
    assert.equal(notModified.status, 304);
    assert.equal(notModified.text, '');
    assert.deepEqual(calls, ['article.findUnique'], 'only the version was read');
  });

  test('GET /api/articles/:idOrSlug: 404 for unknown, and for drafts without a token', async () => {
    const draft = await articleFactory(ctx.db, { status: 'draft' });
    assert.equal((await request(app()).get('/api/articles/no-such-article')).status, 404);
    const hidden = await request(app()).get(`/api/articles/${draft.id}`);
    assert.equal(hidden.status, 404);
    assertMatchesOpenApi(hidden, 'get', '/api/articles/:id');
    assert.equal((await request(app()).get(`/api/articles/${draft.id}`).set(bearer(editor))).status, 200);
  });

  test('POST /api/articles creates the article, its people, quotes and related stubs (201, Location, ETag)', async () => {
    const body = {
      headline: 'Wang Yi meets Putin in Moscow',
      status: 'published',
      publishedAt: '2023-02-22',
      paragraphs: ['Wang Yi met Vladimir Putin on Wednesday.', '“We are prepared to deepen ties,” Wang said.'],
      people: [{ person: { name: 'Wang Yi' }, role: 'China’s top diplomat', aliases: ['Wang'], paragraphs: [1, 2] }, { person: { name: 'Vladimir Putin' }, paragraphs: [1] }],
      quotes: [{ paragraph: 2, text: 'We are prepared to deepen ties', kind: 'direct', speaker: { name: 'wang yi' }, verb: 'said' }],
      related: [{ headline: 'Xi to visit Moscow in spring' }],
    };
    const res = await request(app()).post('/api/articles').set(bearer(editor)).send(body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assertMatchesOpenApi(res, 'post', '/api/articles');
    assert.equal(res.headers.location, `/api/articles/${res.body.id}`);
    assert.equal(res.headers.etag, articleEtag(res.body.id, 1));
    assert.equal(res.body.slug, 'wang-yi-meets-putin-in-moscow');
    assert.equal(res.body.people.length, 2);
    assert.equal(res.body.quotes[0].speaker.name, 'Wang Yi', 'the speaker by name joins the listed person');
    assert.deepEqual([res.body.quotes[0].startOffset, res.body.quotes[0].endOffset], [1, 31]);
    assert.equal(res.body.related[0].article.status, 'stub');
    assert.equal(res.body.related[0].article.slug, 'xi-to-visit-moscow-in-spring');

    // The stub is filled in place when the article itself arrives: the link holds.
    const fill = await request(app()).post('/api/articles').set(bearer(editor)).send({ headline: 'Xi to visit Moscow in spring', paragraphs: ['Xi Jinping will travel.'] });
    assert.equal(fill.status, 201);
    assert.equal(fill.body.id, res.body.related[0].article.id);
    assert.equal(fill.body.isStub, false);

    const again = await request(app()).post('/api/articles').set(bearer(editor)).send(body);
    assert.equal(again.status, 409);
    assertMatchesOpenApi(again, 'post', '/api/articles');
    assert.deepEqual(again.body.errors[0].path, ['body', 'slug']);

    const history = await request(app()).get(`/api/articles/${res.body.id}/history`).set(bearer(editor));
    assert.equal(history.status, 200);
    assertMatchesOpenApi(history, 'get', '/api/articles/:id/history');
    assert.equal(history.body.data[0].action, 'article.create');
    assert.equal(history.body.data[0].actor, 'Edith Editor');
  });

  test('POST /api/articles refuses: 401, 415, 400 (unknown field, path of each error), 422 (cross-field rules)', async () => {
    const valid = { headline: 'Refusals', paragraphs: ['One.'] };
    assert.equal((await request(app()).post('/api/articles').send(valid)).status, 401);
    const asText = await request(app()).post('/api/articles').set(bearer(editor)).type('text/plain').send('headline: x');
    assert.equal(asText.status, 415);
    assertMatchesOpenApi(asText, 'post', '/api/articles');
    const unknown = await request(app()).post('/api/articles').set(bearer(editor)).send({ ...valid, colour: 'red', paragraphs: [42] });
    assert.equal(unknown.status, 400);
    assertMatchesOpenApi(unknown, 'post', '/api/articles');
    const paths = unknown.body.errors.map((e: { path: unknown[] }) => e.path.join('.'));
    assert.ok(paths.includes('body.paragraphs.0'), paths.join());
    assert.ok(paths.includes('body.colour'), `an unknown field is named where it is: ${paths.join()}`);
    const rules = await request(app()).post('/api/articles').set(bearer(editor)).send({
      ...valid,
      quotes: [{ paragraph: 3, text: 'x', kind: 'direct' }, { paragraph: 1, text: 'One', kind: 'scare', speaker: { name: 'Someone' } }],
    });
    assert.equal(rules.status, 422);
    assertMatchesOpenApi(rules, 'post', '/api/articles');
    assert.deepEqual(rules.body.errors.map((e: { path: unknown[] }) => e.path.join('.')), ['body.quotes.0.paragraph', 'body.quotes.1.speaker']);
    const nul = await request(app()).post('/api/articles').set(bearer(editor)).send({ headline: 'a\u0000b', paragraphs: ['x'] });
    assert.equal(nul.status, 400);
    const blank = await request(app()).post('/api/articles').set(bearer(editor)).send({ headline: '   ', paragraphs: ['x', '\n\n'] });
    assert.equal(blank.status, 400);
    assert.deepEqual(
      blank.body.errors.map((e: { path: unknown[]; message: string }) => `${e.path.join('.')}: ${e.message}`),
      ['body.headline: must not be blank', 'body.paragraphs.1: must not be blank'],
    );
    const badDate = await request(app()).post('/api/articles').set(bearer(editor)).send({ ...valid, publishedAt: '2026-02-30' });
    assert.equal(badDate.status, 400);
    assert.match(badDate.body.errors[0].message, /real date, YYYY-MM-DD/);
  });

  test('PATCH /api/articles/:id needs If-Match (428), refuses a stale one (412), returns the new ETag', async () => {
    const a = await articleFactory(ctx.db);
    const path = `/api/articles/${a.id}`;
    const missing = await request(app()).patch(path).set(bearer(editor)).send({ headline: 'New' });
    assert.equal(missing.status, 428);
    assertMatchesOpenApi(missing, 'patch', '/api/articles/:id');
    const ok = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ headline: 'Corrected headline', status: 'archived' });
    assert.equal(ok.status, 200);
    assertMatchesOpenApi(ok, 'patch', '/api/articles/:id');
    assert.equal(ok.headers.etag, articleEtag(a.id, 2));
    assert.equal(ok.body.headline, 'Corrected headline');
    const stale = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ headline: 'Lost edit' });
    assert.equal(stale.status, 412);
    assertMatchesOpenApi(stale, 'patch', '/api/articles/:id');
    assert.match(stale.body.detail, /changed by someone else/);
    const otherArticle = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id + 1000, 2)).send({ headline: 'x' });
    assert.equal(otherArticle.status, 412);
    assert.match(otherArticle.body.detail, new RegExp(`is not an ETag of article ${a.id}`));
    const jsonLd = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2).replace(/"$/, '.jsonld"')).send({ headline: 'x' });
    assert.equal(jsonLd.status, 412);
    const weak = await request(app()).patch(path).set(bearer(editor)).set('If-Match', `W/${articleEtag(a.id, 2)}`).send({ headline: 'x' });
    assert.equal(weak.status, 412);
    assert.match(weak.body.detail, /weak ETag/);
    const star = await request(app()).patch(path).set(bearer(editor)).set('If-Match', '*').send({ headline: 'x' });
    assert.equal(star.status, 428);
    assertMatchesOpenApi(star, 'patch', '/api/articles/:id');
    assert.equal((await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({})).status, 400);
    assert.equal((await request(app()).patch('/api/articles/999999').set(bearer(editor)).set('If-Match', articleEtag(999999, 1)).send({ headline: 'x' })).status, 404);
    const taken = await articleFactory(ctx.db);
    const clash = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ slug: taken.slug });
    assert.equal(clash.status, 409);
    const history = await request(app()).get(`${path}/history`).set(bearer(editor));
    assert.deepEqual(history.body.data.map((r: { action: string }) => r.action), ['article.update']);
    assert.equal(history.body.data[0].before.status, 'published');
    assert.match(history.body.data[0].before.headline, /^Council approves housing plan/);
    assert.deepEqual(history.body.data[0].after, { headline: 'Corrected headline', status: 'archived' });
  });

  test('parallel PATCHes with the same ETag: exactly one wins, the others get 412, one history entry', async () => {
    const a = await articleFactory(ctx.db);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ headline: `Racer ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 412, 412, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200)!;
    const now = await request(app()).get(`/api/articles/${a.id}`);
    assert.equal(now.body.headline, winner.body.headline);
    assert.equal(now.body.version, 2);
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.equal(history.body.data.length, 1);
  });

  test('DELETE /api/articles/:id: admins only (403), If-Match, 204, to the trash; history outlives the article', async () => {
    const a = await articleFactory(ctx.db);
    const linker = await articleFactory(ctx.db);
    await ctx.db.prisma.relatedArticle.create({ data: { articleId: linker.id, relatedId: a.id, position: 1, title: 'x' } });
    const path = `/api/articles/${a.id}`;
    const forbidden = await request(app()).delete(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1));
    assert.equal(forbidden.status, 403);
    assertMatchesOpenApi(forbidden, 'delete', '/api/articles/:id');
    assert.equal((await request(app()).delete(path).set(bearer(admin))).status, 428);
    const gone = await request(app()).delete(path).set(bearer(admin)).set('If-Match', articleEtag(a.id, 1));
    assert.equal(gone.status, 204);
    assertMatchesOpenApi(gone, 'delete', '/api/articles/:id');
    assert.equal((await request(app()).get(path)).status, 404);
    assert.equal((await request(app()).delete(path).set(bearer(admin)).set('If-Match', articleEtag(a.id, 2))).status, 404, 'already in the trash');
    const history = await request(app()).get(`${path}/history`).set(bearer(editor));
    assert.equal(history.body.data[0].action, 'article.delete');
    const linked = await request(app()).get(`/api/articles/${linker.id}`).set(bearer(editor));
    assert.deepEqual(linked.body.related.map((r: { trashed: boolean }) => r.trashed), [true], 'the link stays, marked');
    assert.equal(linked.body.version, 2, 'the linking article looks different: its version moves');

    await request(app()).delete(`/api/trash/${a.id}`).set(bearer(admin)).expect(204);
    const purged = await request(app()).get(`${path}/history`).set(bearer(editor));
    assert.equal(purged.body.data[0].action, 'article.purge');
    const snapshot = purged.body.data[0].before;
    assert.deepEqual([snapshot.id, snapshot.paragraphs.length, snapshot.quotes.length, snapshot.people.length], [a.id, 3, 1, 1], 'the whole article is kept');
    assert.deepEqual((await request(app()).get(`/api/articles/${linker.id}`)).body.related, []);
    assert.equal((await request(app()).get('/api/articles/999999/history').set(bearer(editor))).status, 404);
  });

  test('POST /api/articles/import runs the text through the ingest; updates need If-Match', async () => {
    const text = sampleText();
    const created = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(text);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assertMatchesOpenApi(created, 'post', '/api/articles/import');
    assert.equal(created.body.outcome, 'created');
    assert.equal(created.headers.location, `/api/articles/${created.body.articleId}`);
    const article = await request(app()).get(created.headers.location);
    assert.equal(article.status, 200);
    assert.ok(article.body.paragraphs.length > 5);

    const unchanged = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(text);
    assert.equal(unchanged.status, 200);
    assert.equal(unchanged.body.outcome, 'unchanged');

    const edited = text.replace('Wang’s visit to Moscow', 'Wang’s trip to Moscow');
    const noIfMatch = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(edited);
    assert.equal(noIfMatch.status, 428);
    assert.match(noIfMatch.body.detail, new RegExp(`would update article ${created.body.articleId} \\("${created.body.slug}"\\)`));
    const stale = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').set('If-Match', articleEtag(created.body.articleId, 99)).send(edited);
    assert.equal(stale.status, 412);
    const updated = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').set('If-Match', String(created.headers.etag)).send(edited);
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.outcome, 'updated');
    assert.equal(updated.headers.etag, articleEtag(created.body.articleId, 2));
    const replaced = (await request(app()).get(`/api/articles/${created.body.articleId}/history`).set(bearer(editor))).body.data[0];
    assert.deepEqual([replaced.action, replaced.before.sourceText], ['ingest.update', text], 'the history keeps the text an update replaced');

    const json = await request(app()).post('/api/articles/import').set(bearer(editor)).send({ text });
    assert.equal(json.status, 415);
    const bad = await request(app()).post('/api/articles/import').query({ status: 'stub' }).set(bearer(editor)).type('text/plain').send(text);
    assert.equal(bad.status, 400);
  });
});
