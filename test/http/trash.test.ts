import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { type ArticleDetail, loadArticleDetail } from '../../src/articles/get-article.ts';
import { streamArticles } from '../../src/export/article-stream.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { pino } from 'pino';
import { purgeExpiredTrash } from '../../src/trash/purge-article.ts';
import { startPeriodicJobs } from '../../src/jobs/periodic-jobs.ts';
import { trashPurgeJob } from '../../src/trash/trash-retention.ts';
import { makeArticleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, assertMatchesOpenApi, bearer, editorAndAdmin, testApp } from '../support/http.ts';

/** The article without what a trip to the trash and back moves: its version and its updated time. */
const content = ({ version: _v, updatedAt: _u, ...a }: ArticleDetail) => a;

describeEachDatabase('trash', (ctx) => {
  let editor: string;
  let admin: string;
  before(async () => ({ editor, admin } = await editorAndAdmin(ctx.db)));
  const app = () => testApp(ctx.db);
  const count = async (sql: string, id: number) =>
    Number((await ctx.db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(sql.replace('$id', String(id))))[0]!.n);

  /** An ingested article with people, quotes and a related link, and one that links to it. */
  async function storedPair(tag: string) {
    const actor = { name: 'trash-test', tokenId: null };
    const { articleId } = await importArticle(
      ctx.db.prisma,
      makeArticleText({ headline: `Council backs the ${tag} housing plan`, people: [[`Maria Lopez ${tag}`, 'the housing director']], related: [`Older ${tag} story`] }),
      {},
      actor,
    );
    const linker = await importArticle(ctx.db.prisma, makeArticleText({ headline: `Reactions to the ${tag} plan`, people: [[`Ana Ruiz ${tag}`, 'a resident']], related: [`Council backs the ${tag} housing plan`] }), {}, actor);
    return { id: articleId, linkerId: linker.articleId };
  }

  test('DELETE /api/articles/:id moves it to the trash: gone from lists, search, reads, exports, quotes, people and the views; marked in links', async () => {
    const { id, linkerId } = await storedPair('alpha');
    const before = await loadArticleDetail(ctx.db.prisma, id);
    const personId = before.people[0]!.id;
    const personPage = async () => (await request(app()).get(`/api/people/${personId}`).set(bearer(editor))).body;
    const shown = await personPage();
    assert.ok(shown.articles.some((x: { article: { id: number } }) => x.article.id === id));
    const linkerVersion = (await loadArticleDetail(ctx.db.prisma, linkerId)).version;

    const trashed = await request(app()).delete(`/api/articles/${id}`).set(bearer(admin)).set('If-Match', articleEtag(id, before.version));
    assert.equal(trashed.status, 204);
    assertMatchesOpenApi(trashed, 'delete', '/api/articles/:id');

    for (const auth of [{}, bearer(editor)]) assert.equal((await request(app()).get(`/api/articles/${id}`).set(auth)).status, 404);
    assert.equal((await request(app()).get(`/api/articles/${before.slug}`).set(bearer(editor))).status, 404, 'by slug too');
    const listed = await request(app()).get('/api/articles').query({ limit: 100 }).set(bearer(editor));
    assert.ok(!listed.body.data.some((a: { id: number }) => a.id === id), 'not listed');
    const found = await request(app()).get('/api/search').query({ q: 'alpha' }).set(bearer(editor));
    assert.equal(found.status, 200);
    assert.ok(!found.body.data.some((h: { article: { id: number } }) => h.article.id === id), 'not found by search');
    const quotes = await request(app()).get('/api/quotes').query({ article: id }).set(bearer(editor));
    assert.deepEqual(quotes.body.data, [], 'its quotes are not listed');
    const page = await personPage();
    assert.equal(page.articleCount, shown.articleCount - 1, 'not counted on the person page');
    assert.ok(!page.articles.some((x: { article: { id: number } }) => x.article.id === id), 'not on the person page');
    const exported: number[] = [];
    for await (const a of streamArticles(ctx.db.prisma, {})) exported.push(a.id);
    assert.ok(exported.includes(linkerId) && !exported.includes(id), 'not exported');
    for (const view of ['quote_details', 'person_mentions', 'article_stats']) {
      assert.equal(await count(`SELECT count(*) AS n FROM ${view} WHERE article_id = $id`, id), 0, `not in ${view}`);
    }
    assert.equal(await count('SELECT count(*) AS n FROM article_stats WHERE article_id = $id', linkerId), 1);

    // The linking article keeps its link, marked; readers do not see it; its version moved (its rendering changed).
    const linker = await request(app()).get(`/api/articles/${linkerId}`).set(bearer(editor));
    assertMatchesOpenApi(linker, 'get', '/api/articles/:id');
    assert.deepEqual(linker.body.related.map((r: { article: { id: number }; trashed: boolean }) => [r.article.id, r.trashed]), [[id, true]]);
    assert.equal(linker.body.version, linkerVersion + 1);
    assert.deepEqual((await request(app()).get(`/api/articles/${linkerId}`)).body.related, [], 'a reader sees no link to the trash');

    // Nothing in the trash is edited.
    const patch = await request(app()).patch(`/api/articles/${id}`).set(bearer(editor)).set('If-Match', articleEtag(id, before.version + 1)).send({ headline: 'No' });
    assert.equal(patch.status, 404);
    assert.match(patch.body.detail, /in the trash/);

    const trash = await request(app()).get('/api/trash').set(bearer(editor));
    assert.equal(trash.status, 200);
    assertMatchesOpenApi(trash, 'get', '/api/trash');
    const entry = trash.body.data.find((a: { id: number }) => a.id === id);
    assert.equal(entry.deletedBy, 'Ada Admin');
    assert.equal(Date.parse(entry.purgeAfter) - Date.parse(entry.deletedAt), 30 * 86_400_000, 'the default retention');
    assert.equal((await request(app()).get('/api/trash')).status, 401, 'editors only');
    const history = await request(app()).get(`/api/articles/${id}/history`).set(bearer(editor));
    assert.deepEqual([history.body.data[0].action, history.body.data[0].actor, history.body.data[0].version], ['article.delete', 'Ada Admin', before.version + 1]);
  });

  test('POST /api/articles/:id/restore brings it back with its paragraphs, quotes, people and related links as they were', async () => {
    const { id, linkerId } = await storedPair('beta');
    const before = await loadArticleDetail(ctx.db.prisma, id);
    assert.ok(before.paragraphs.length && before.quotes.length && before.people.length && before.related.length, 'a full article');
    assert.equal((await request(app()).post(`/api/articles/${id}/restore`).set(bearer(editor))).status, 409, 'not in the trash');
    await request(app()).delete(`/api/articles/${id}`).set(bearer(admin)).set('If-Match', articleEtag(id, before.version)).expect(204);

    assert.equal((await request(app()).post(`/api/articles/${id}/restore`)).status, 401);
    const restored = await request(app()).post(`/api/articles/${id}/restore`).set(bearer(editor));
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assertMatchesOpenApi(restored, 'post', '/api/articles/:id/restore');
    assert.equal(restored.headers.etag, articleEtag(id, before.version + 2));
    const after = await loadArticleDetail(ctx.db.prisma, id);
    assert.deepEqual(content(after), content(before));
    assert.equal((await request(app()).get(`/api/articles/${id}`)).status, 200, 'readers see it again');
    const linker = await request(app()).get(`/api/articles/${linkerId}`);
    assert.deepEqual(linker.body.related.map((r: { article: { id: number }; trashed: boolean }) => [r.article.id, r.trashed]), [[id, false]]);
    assert.ok(!(await request(app()).get('/api/trash').set(bearer(editor))).body.data.some((a: { id: number }) => a.id === id));
    const history = await request(app()).get(`/api/articles/${id}/history`).set(bearer(editor));
    assert.deepEqual(history.body.data.slice(0, 2).map((r: { action: string }) => r.action), ['article.restore', 'article.delete']);
    assert.equal((await request(app()).post(`/api/articles/999999/restore`).set(bearer(editor))).status, 404);
  });

  test('DELETE /api/trash/:id empties it (admins): deleted for good, links to it removed in their history, its history kept', async () => {
    const { id, linkerId } = await storedPair('gamma');
    const live = await articleFactory(ctx.db);
    assert.equal((await request(app()).delete(`/api/trash/${live.id}`).set(bearer(admin))).status, 404, 'only what is in the trash');
    assert.equal((await ctx.db.prisma.article.count({ where: { id: live.id } })), 1);
    const version = (await loadArticleDetail(ctx.db.prisma, id)).version;
    await request(app()).delete(`/api/articles/${id}`).set(bearer(admin)).set('If-Match', articleEtag(id, version)).expect(204);

    const forbidden = await request(app()).delete(`/api/trash/${id}`).set(bearer(editor));
    assert.equal(forbidden.status, 403);
    assertMatchesOpenApi(forbidden, 'delete', '/api/trash/:id');
    const purged = await request(app()).delete(`/api/trash/${id}`).set(bearer(admin));
    assert.equal(purged.status, 204);
    assertMatchesOpenApi(purged, 'delete', '/api/trash/:id');
    assert.equal(await ctx.db.prisma.article.count({ where: { id } }), 0);
    assert.equal(await ctx.db.prisma.paragraph.count({ where: { articleId: id } }), 0);
    assert.equal((await request(app()).delete(`/api/trash/${id}`).set(bearer(admin))).status, 404);

    const history = await request(app()).get(`/api/articles/${id}/history`).set(bearer(editor));
    assert.equal(history.body.data[0].action, 'article.purge');
    assert.equal(history.body.data[0].before.paragraphs.length, 2, 'the whole article is in its last entry');
    const linker = await request(app()).get(`/api/articles/${linkerId}`).set(bearer(editor));
    assert.deepEqual(linker.body.related, []);
    const linkerHistory = await request(app()).get(`/api/articles/${linkerId}/history`).set(bearer(editor));
    assert.deepEqual([linkerHistory.body.data[0].action, linkerHistory.body.data[0].before], ['related.remove', { relatedId: id }]);
  });

  test('purgeExpiredTrash empties what has been in the trash longer than the retention, and nothing else', async () => {
    const now = new Date('2027-03-01T12:00:00Z');
    const old = await articleFactory(ctx.db);
    const recent = await articleFactory(ctx.db);
    const live = await articleFactory(ctx.db);
    await ctx.db.prisma.article.update({ where: { id: old.id }, data: { deletedAt: new Date('2027-01-15T00:00:00Z'), deletedBy: 'x' } });
    await ctx.db.prisma.article.update({ where: { id: recent.id }, data: { deletedAt: new Date('2027-02-20T00:00:00Z'), deletedBy: 'x' } });
    const purged = await purgeExpiredTrash(ctx.db.prisma, now, 30);
    assert.ok(purged.includes(old.id));
    assert.ok(!purged.includes(recent.id) && !purged.includes(live.id));
    assert.deepEqual(
      (await ctx.db.prisma.article.findMany({ where: { id: { in: [old.id, recent.id, live.id] } }, select: { id: true }, orderBy: { id: 'asc' } })).map((a) => a.id),
      [recent.id, live.id],
    );
    const last = await ctx.db.prisma.revision.findFirst({ where: { entityType: 'article', entityId: old.id }, orderBy: { id: 'desc' } });
    assert.deepEqual([last?.action, last?.actor], ['article.purge', 'trash-retention']);
    assert.deepEqual(await purgeExpiredTrash(ctx.db.prisma, now, 30), [], 'a second round finds nothing');
  });

  test('the server’s retention job empties expired articles from the start, logs them, and stops cleanly', async () => {
    const a = await articleFactory(ctx.db);
    await ctx.db.prisma.article.update({ where: { id: a.id }, data: { deletedAt: new Date(Date.now() - 40 * 86_400_000), deletedBy: 'x' } });
    const lines: { msg: string; purged?: number[] }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const jobs = startPeriodicJobs(ctx.db.prisma, [trashPurgeJob(ctx.db.prisma, 30, logger, 3_600_000)], { holder: 'test', logger });
    for (let i = 0; i < 200 && (await ctx.db.prisma.article.count({ where: { id: a.id } })) > 0; i++) await new Promise((r) => setTimeout(r, 25));
    await jobs.stop(); // waits for the round under way and gives the lease back
    assert.equal(await ctx.db.prisma.article.count({ where: { id: a.id } }), 0);
    assert.ok(lines.some((l) => l.purged?.includes(a.id)), 'the purge is logged with the ids');
  });

  test('the ingest does not write to an article in the trash: it says to restore or purge it', async () => {
    const { id } = await storedPair('delta');
    const version = (await loadArticleDetail(ctx.db.prisma, id)).version;
    await request(app()).delete(`/api/articles/${id}`).set(bearer(admin)).set('If-Match', articleEtag(id, version)).expect(204);
    const text = makeArticleText({ headline: 'Council backs the delta housing plan', people: [['Maria Lopez delta', 'the housing director']], extra: 'A new paragraph.' });
    const res = await request(app()).post('/api/articles/import').set(bearer(editor)).set('If-Match', articleEtag(id, version + 1)).type('text/plain').send(text);
    assert.equal(res.status, 422);
    assert.match(res.body.detail, new RegExp(`article ${id} .* is in the trash`));
    assert.equal((await ctx.db.prisma.article.findUniqueOrThrow({ where: { id } })).version, version + 1, 'nothing changed');
  });

  test('TRASH_RETENTION_DAYS sets the retention the trash shows', async () => {
    const a = await articleFactory(ctx.db);
    await request(app()).delete(`/api/articles/${a.id}`).set(bearer(admin)).set('If-Match', articleEtag(a.id, a.version)).expect(204);
    const trash = await request(testApp(ctx.db, { TRASH_RETENTION_DAYS: '7' })).get('/api/trash').set(bearer(editor));
    const entry = trash.body.data.find((x: { id: number }) => x.id === a.id);
    assert.equal(Date.parse(entry.purgeAfter) - Date.parse(entry.deletedAt), 7 * 86_400_000);
  });
});
