import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { type ArticleDetail, loadArticleDetail } from '../../src/articles/get-article.ts';
import { snapshotOfDetail } from '../../src/history/article-snapshot.ts';
import { makeArticleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, assertMatchesOpenApi, bearer, editorAndAdmin, testApp } from '../support/http.ts';

/** An article's content as the revisions show it: no ids of its own rows, no version or times. */
const content = (a: ArticleDetail) => snapshotOfDetail(a);

describeEachDatabase('revisions', (ctx) => {
  let editor: string;
  let admin: string;
  before(async () => ({ editor, admin } = await editorAndAdmin(ctx.db)));
  const app = () => testApp(ctx.db);
  const importText = async (text: string) => {
    const res = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(text);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.articleId as number;
  };
  const revision = (id: number, n: number) => request(app()).get(`/api/articles/${id}/revisions/${n}`).set(bearer(editor));

  test('GET /api/articles/:id/revisions/:n is the article at version n, with the ETags’ numbers; each change from the first is kept', async () => {
    const id = await importText(makeArticleText({ headline: 'Ferry timetable changes', people: [['Rosa Diaz', 'the port manager']], related: ['Port strike ends'] }));
    const v1 = await loadArticleDetail(ctx.db.prisma, id);
    assert.equal(v1.version, 1);
    await request(app()).patch(`/api/articles/${id}`).set(bearer(editor)).set('If-Match', articleEtag(id, 1)).send({ headline: 'Ferry timetable changes again' }).expect(200);
    await request(app()).patch(`/api/articles/${id}/paragraphs/${v1.paragraphs[0]!.id}`).set(bearer(editor)).set('If-Match', articleEtag(id, 2)).send({ text: 'A rewritten first paragraph.' }).expect(200);
    const v3 = await loadArticleDetail(ctx.db.prisma, id);

    const first = await revision(id, 1);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assertMatchesOpenApi(first, 'get', '/api/articles/:id/revisions/:n');
    const expected = content(v1);
    assert.deepEqual(first.body.article, expected.article);
    assert.deepEqual(first.body.paragraphs.map((p: { text: string }) => p.text), expected.paragraphs);
    assert.deepEqual(first.body.people, expected.people);
    assert.deepEqual(first.body.quotes.map((q: { speaker: unknown; text: string; paragraphPosition: number }) => [q.text, q.paragraphPosition, q.speaker]), expected.quotes.map((q) => [q.text, q.paragraph, q.speaker]));
    assert.ok(first.body.quotes.some((q: { speaker: unknown }) => q.speaker !== null), 'quotes come with their speakers');
    assert.deepEqual(first.body.related.map((r: { title: string; article: { slug: string }; trashed: boolean }) => [r.title, r.article.slug, r.trashed]), [['Port strike ends', 'port-strike-ends', false]]);
    assert.deepEqual([first.body.recordedBy.action, first.body.recordedBy.actor, first.body.recordedBy.version], ['ingest.create', 'Edith Editor', 1]);

    assert.equal((await revision(id, 2)).body.article.headline, 'Ferry timetable changes again');
    assert.equal((await revision(id, 2)).body.paragraphs[0].text, v1.paragraphs[0]!.text);
    const third = await revision(id, 3);
    assert.deepEqual(third.body.paragraphs.map((p: { text: string }) => p.text), content(v3).paragraphs);

    const missing = await revision(id, 4);
    assert.equal(missing.status, 404);
    assertMatchesOpenApi(missing, 'get', '/api/articles/:id/revisions/:n');
    assert.match(missing.body.detail, /current version is 3/);
    assert.equal((await request(app()).get(`/api/articles/${id}/revisions/1`)).status, 401, 'editors only');
    assert.equal((await revision(id, 0)).status, 400);
    assert.equal((await revision(999_999, 1)).status, 404);
  });

  test('POST …/revisions/:n/restore makes version n current as a new version, recorded as a restore; If-Match guards it', async () => {
    const id = await importText(makeArticleText({ headline: 'Library opens late', people: [['Omar Haddad', 'the librarian'], ['Lena Berg', 'a reader']], related: ['Library budget cut'] }));
    const v1 = await loadArticleDetail(ctx.db.prisma, id);
    // Version 2: a paragraph gone (with the quote in it), a person taken out, the related list replaced.
    const quoted = v1.quotes[0]!;
    const paragraph = v1.paragraphs.find((p) => p.position === quoted.paragraphPosition)!;
    await request(app()).delete(`/api/articles/${id}/paragraphs/${paragraph.id}`).set(bearer(editor)).set('If-Match', articleEtag(id, 1)).expect(204);
    await request(app()).put(`/api/articles/${id}/related`).set(bearer(editor)).set('If-Match', articleEtag(id, 2)).send({ related: [{ headline: 'Something else entirely' }] }).expect(200);
    const v3 = await loadArticleDetail(ctx.db.prisma, id);
    assert.notDeepEqual(content(v3), content(v1));

    const path = `/api/articles/${id}/revisions/1/restore`;
    assert.equal((await request(app()).post(path).set(bearer(editor))).status, 428);
    const stale = await request(app()).post(path).set(bearer(editor)).set('If-Match', articleEtag(id, 2));
    assert.equal(stale.status, 412);
    assertMatchesOpenApi(stale, 'post', '/api/articles/:id/revisions/:n/restore');
    const restored = await request(app()).post(path).set(bearer(editor)).set('If-Match', articleEtag(id, 3));
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assertMatchesOpenApi(restored, 'post', '/api/articles/:id/revisions/:n/restore');
    assert.equal(restored.headers.etag, articleEtag(id, 4));
    const v4 = await loadArticleDetail(ctx.db.prisma, id);
    assert.equal(v4.version, 4);
    assert.deepEqual(content(v4), content(v1), 'the content of version 1, paragraphs, quotes, people and related alike');
    assert.deepEqual(restored.body, JSON.parse(JSON.stringify(v4)));

    const history = await request(app()).get(`/api/articles/${id}/history`).set(bearer(editor));
    assert.deepEqual(
      [history.body.data[0].action, history.body.data[0].actor, history.body.data[0].version, history.body.data[0].after],
      ['article.revision.restore', 'Edith Editor', 4, { restoredVersion: 1 }],
    );
    // The restore is itself a version, readable and restorable.
    assert.deepEqual((await revision(id, 4)).body.paragraphs.map((p: { text: string }) => p.text), content(v1).paragraphs);
    await request(app()).post(`/api/articles/${id}/revisions/3/restore`).set(bearer(editor)).set('If-Match', articleEtag(id, 4)).expect(200);
    assert.deepEqual(content(await loadArticleDetail(ctx.db.prisma, id)), content(v3));
  });

  test('a restore finds again, or makes again, the people and related articles deleted since; a slug taken since is a 409', async () => {
    const id = await importText(makeArticleText({ headline: 'Bridge repairs begin', people: [['Kofi Mensah', 'the engineer']], related: ['Bridge closed for a week'] }));
    const v1 = await loadArticleDetail(ctx.db.prisma, id);
    const personId = v1.people[0]!.id;
    const stubId = v1.related[0]!.article.id;
    // The person leaves the article and the store; the related stub is trashed and purged.
    await request(app()).put(`/api/articles/${id}/related`).set(bearer(editor)).set('If-Match', articleEtag(id, 1)).send({ related: [] }).expect(200);
    await request(app()).delete(`/api/people/${personId}`).query({ detach: 'true' }).set(bearer(admin)).set('If-Match', `"person-${personId}-v1"`).expect(204);
    await request(app()).delete(`/api/articles/${stubId}`).set(bearer(admin)).set('If-Match', articleEtag(stubId, (await loadArticleDetail(ctx.db.prisma, stubId)).version)).expect(204);
    await request(app()).delete(`/api/trash/${stubId}`).set(bearer(admin)).expect(204);
    const current = (await loadArticleDetail(ctx.db.prisma, id)).version;

    const restored = await request(app()).post(`/api/articles/${id}/revisions/1/restore`).set(bearer(editor)).set('If-Match', articleEtag(id, current));
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    const after = await loadArticleDetail(ctx.db.prisma, id);
    assert.deepEqual(after.people.map((p) => [p.name, p.role, p.aliases, p.paragraphs]), v1.people.map((p) => [p.name, p.role, p.aliases, p.paragraphs]));
    assert.notEqual(after.people[0]!.id, personId, 'a person made again');
    assert.ok(after.quotes.some((q) => q.speaker?.name === 'Kofi Mensah'), 'who said it, again');
    assert.deepEqual(after.related.map((r) => [r.title, r.article.slug, r.article.isStub]), [['Bridge closed for a week', 'bridge-closed-for-a-week', true]]);

    // Version 1's slug, taken by another article after a rename: the restore says so and changes nothing.
    // (The API has no slug edit: renamed in the table, as an operator would.)
    const renamed = await ctx.db.prisma.article.update({ where: { id }, data: { slug: 'bridge-repairs-renamed' }, select: { version: true } });
    const squatter = await importText(makeArticleText({ headline: 'Bridge repairs begin', people: [['Ama Owusu', 'a resident']] }));
    assert.notEqual(squatter, id);
    const conflict = await request(app()).post(`/api/articles/${id}/revisions/1/restore`).set(bearer(editor)).set('If-Match', articleEtag(id, renamed.version));
    assert.equal(conflict.status, 409);
    assertMatchesOpenApi(conflict, 'post', '/api/articles/:id/revisions/:n/restore');
    assert.match(conflict.body.detail, new RegExp(`article ${squatter}`));
    assert.equal((await loadArticleDetail(ctx.db.prisma, id)).version, renamed.version, 'nothing changed');
  });

  test('an article in the trash keeps its revisions readable; restoring one waits for it to leave the trash', async () => {
    const id = await importText(makeArticleText({ headline: 'Market moves indoors', people: [['Ines Costa', 'a stallholder']] }));
    await request(app()).delete(`/api/articles/${id}`).set(bearer(admin)).set('If-Match', articleEtag(id, 1)).expect(204);
    const read = await revision(id, 2);
    assert.equal(read.status, 200, 'version 2 (the trash) shows the content it kept');
    assert.equal(read.body.recordedBy.version, 1);
    const refused = await request(app()).post(`/api/articles/${id}/revisions/1/restore`).set(bearer(editor)).set('If-Match', articleEtag(id, 2));
    assert.equal(refused.status, 404);
    assert.match(refused.body.detail, /in the trash/);
  });
});
