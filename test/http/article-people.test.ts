import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, assertMatchesOpenApi, bearer, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('an article’s people API', (ctx) => {
  let editor: string;
  before(async () => {
    editor = await tokenFor(ctx.db, 'editor', 'Ines');
  });
  const app = () => testApp(ctx.db);
  const personIn = async (articleId: number, personId: number) =>
    (await request(app()).get(`/api/articles/${articleId}`).set(bearer(editor))).body.people.find((p: { id: number }) => p.id === personId);

  test('POST adds a person with role, aliases and mentioning paragraphs; 409 twice, 422 for a paragraph it lacks, 401 for readers', async () => {
    const a = await articleFactory(ctx.db);
    const path = `/api/articles/${a.id}/people`;
    const body = { person: { name: 'Oyelaran Adisa' }, role: 'harbour master', aliases: ['Adisa'], paragraphs: [2, 1] };
    assert.equal((await request(app()).post(path).set('If-Match', articleEtag(a.id, 1)).send(body)).status, 401);
    const added = await request(app()).post(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send(body);
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assertMatchesOpenApi(added, 'post', '/api/articles/:id/people');
    assert.equal(added.headers.etag, articleEtag(a.id, 2));
    assert.deepEqual({ ...added.body, id: 0 }, { id: 0, name: 'Oyelaran Adisa', kind: 'person', wikidataId: null, role: 'harbour master', aliases: ['Adisa'], paragraphs: [1, 2] });
    assert.deepEqual(await personIn(a.id, added.body.id), added.body);
    const twice = await request(app()).post(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ person: { id: added.body.id } });
    assert.equal(twice.status, 409);
    assertMatchesOpenApi(twice, 'post', '/api/articles/:id/people');
    const missing = await request(app()).post(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ person: { name: 'Kofi Mensah' }, paragraphs: [1, 99] });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors.map((e: { path: unknown[] }) => e.path.join('.')), ['body.paragraphs.1']);
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.deepEqual(history.body.data.map((r: { action: string; actor: string }) => [r.action, r.actor]), [['article-person.add', 'Ines']]);
  });

  test('PATCH corrects a role, aliases or paragraphs in this article only; 404 for someone not in it; a no-op keeps the ETag', async () => {
    const a = await articleFactory(ctx.db);
    const b = await articleFactory(ctx.db);
    const path = `/api/articles/${a.id}/people/${a.personId}`;
    const fixed = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ role: 'deputy housing director', paragraphs: [1] });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
    assertMatchesOpenApi(fixed, 'patch', '/api/articles/:id/people/:personId');
    assert.deepEqual([fixed.body.role, fixed.body.paragraphs, fixed.body.aliases], ['deputy housing director', [1], ['Lopez']]);
    assert.equal((await personIn(b.id, b.personId)).role, 'housing director', 'the same person in another article keeps their role there');
    const same = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ role: 'deputy housing director' });
    assert.deepEqual([same.status, same.headers.etag], [200, articleEtag(a.id, 2)]);
    const none = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ role: null });
    assert.equal(none.body.role, null);
    const stranger = await request(app()).post('/api/people').set(bearer(editor)).send({ name: 'Nobody Here' });
    const notIn = await request(app()).patch(`/api/articles/${a.id}/people/${stranger.body.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 3)).send({ role: 'x' });
    assert.equal(notIn.status, 404);
    assertMatchesOpenApi(notIn, 'patch', '/api/articles/:id/people/:personId');
    const empty = await request(app()).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 3)).send({});
    assert.equal(empty.status, 400);
  });

  test('DELETE takes a person out of the article but not the store; refused while they speak in it', async () => {
    const a = await articleFactory(ctx.db);
    const speaker = await request(app()).delete(`/api/articles/${a.id}/people/${a.personId}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1));
    assert.equal(speaker.status, 409);
    assertMatchesOpenApi(speaker, 'delete', '/api/articles/:id/people/:personId');
    assert.deepEqual(speaker.body.errors.map((e: { path: unknown[] }) => e.path.join('.')), [`quotes.${a.quoteId}`]);
    const added = await request(app()).post(`/api/articles/${a.id}/people`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1)).send({ person: { name: 'Global Sales' } });
    const removed = await request(app()).delete(`/api/articles/${a.id}/people/${added.body.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2));
    assert.deepEqual([removed.status, removed.headers.etag], [204, articleEtag(a.id, 3)]);
    assert.equal(await personIn(a.id, added.body.id), undefined);
    assert.equal((await request(app()).get(`/api/people/${added.body.id}`).set(bearer(editor))).status, 200);
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.equal(history.body.data[0].action, 'article-person.remove');
    assert.equal(history.body.data[0].before.name, 'Global Sales');
  });
});
