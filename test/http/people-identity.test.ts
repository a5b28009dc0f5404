import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { describeEachDatabase } from '../support/databases.ts';
import { assertMatchesOpenApi, bearer, editorAndAdmin, personEtag, testApp } from '../support/http.ts';
import { NAMESAKE_ARTICLES } from '../support/namesakes.ts';

interface PersonBody {
  id: number;
  name: string;
  kind: string;
  description: string | null;
  pronoun: string | null;
  wikidataId: string | null;
  version: number;
  articles: { article: { id: number }; role: string | null; paragraphs: number[] }[];
  quotes: { id: number; text: string }[];
}

describeEachDatabase('people: identity, split and merge, kind, pronoun, Wikidata', (ctx) => {
  let editor: string;
  let admin: string;
  const articleIds: number[] = [];
  before(async () => {
    ({ editor, admin } = await editorAndAdmin(ctx.db));
    for (const a of NAMESAKE_ARTICLES) {
      const res = await request(testApp(ctx.db)).post('/api/articles/import').query({ status: 'published' }).set(bearer(editor)).set('Content-Type', 'text/plain').send(a.text);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      articleIds.push(res.body.articleId);
    }
  });
  const app = () => testApp(ctx.db);
  const person = async (id: number) => (await request(app()).get(`/api/people/${id}`).set(bearer(editor))).body as PersonBody;
  const namesakes = async () => {
    const res = await request(app()).get('/api/people').query({ q: 'dana whitfield' });
    assertMatchesOpenApi(res, 'get', '/api/people');
    return res.body.data as PersonBody[];
  };
  const history = async (id: number) =>
    ((await request(app()).get(`/api/people/${id}/history`).set(bearer(editor))).body.data as { action: string }[]).map((r) => r.action);

  test('the API import tells namesakes apart; merge and split round-trip with history', async () => {
    const [first, second] = await namesakes();
    assert.deepEqual([first!.description, second!.description], [null, 'currency strategist at Harbor Bank']);
    const [a1, a2, a3] = articleIds;
    const before1 = await person(first!.id);
    assert.deepEqual(before1.articles.map((a) => a.article.id).sort(), [a1, a3].sort());
    assert.equal(before1.pronoun, 'she');

    // merge the strategist into the physician: one person with all three articles
    const merged = await request(app()).post(`/api/people/${second!.id}/merge`).set(bearer(admin)).set('If-Match', personEtag(second!.id, 1)).send({ into: first!.id });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.equal((merged.body as PersonBody).articles.length, 3);
    assert.equal((merged.body as PersonBody).quotes.length, 3);
    assert.equal((await namesakes()).length, 1);

    // split the strategist's article off again
    const path = `/api/people/${first!.id}/split`;
    const etag = String(merged.headers.etag);
    assert.equal((await request(app()).post(path).set(bearer(editor)).set('If-Match', etag).send({ articleIds: [a2] })).status, 403);
    assert.equal((await request(app()).post(path).set(bearer(admin)).send({ articleIds: [a2] })).status, 428);
    const notTheirs = await request(app()).post(path).set(bearer(admin)).set('If-Match', etag).send({ articleIds: [a2, 999999] });
    assert.equal(notTheirs.status, 422);
    assertMatchesOpenApi(notTheirs, 'post', '/api/people/:id/split');
    assert.deepEqual(notTheirs.body.errors.map((i: { path: unknown[] }) => i.path), [['body', 'articleIds', 1]]);
    const everything = await request(app()).post(path).set(bearer(admin)).set('If-Match', etag).send({ articleIds: [a1, a2, a3] });
    assert.equal(everything.status, 422);
    assert.match(everything.body.detail, /PATCH/);
    assert.equal((await request(app()).post(path).set(bearer(admin)).set('If-Match', etag).send({ articleIds: [] })).status, 400);
    const split = await request(app()).post(path).set(bearer(admin)).set('If-Match', etag).send({ articleIds: [a2] });
    assert.equal(split.status, 201, JSON.stringify(split.body));
    assertMatchesOpenApi(split, 'post', '/api/people/:id/split');
    const created = split.body as PersonBody;
    assert.equal(split.headers.location, `/api/people/${created.id}`);
    assert.equal(split.headers.etag, personEtag(created.id, 1));
    assert.deepEqual([created.name, created.description], ['Dana Whitfield', 'currency strategist at Harbor Bank']);
    assert.deepEqual(created.articles.map((a) => [a.article.id, a.role, a.paragraphs]), [[a2, 'currency strategist at Harbor Bank', [2]]]);
    assert.deepEqual(created.quotes.map((q) => q.text), ['Markets are pricing in a cut']);
    const stale = await request(app()).post(path).set(bearer(admin)).set('If-Match', etag).send({ articleIds: [a1] });
    assert.equal(stale.status, 412);

    const after1 = await person(first!.id);
    assert.deepEqual(after1.articles.map((a) => [a.article.id, a.role, a.paragraphs]), before1.articles.map((a) => [a.article.id, a.role, a.paragraphs]));
    assert.deepEqual(after1.quotes.map((q) => q.id), before1.quotes.map((q) => q.id));
    assert.deepEqual((await history(first!.id)).slice(0, 2), ['person.split', 'person.merge']);
    assert.deepEqual(await history(created.id), ['person.split-off']);
    const articleHistory = await request(app()).get(`/api/articles/${a2}/history`).set(bearer(editor));
    assert.deepEqual(articleHistory.body.data.slice(0, 2).map((r: { action: string }) => r.action), ['person.split', 'person.merge']);
    const article = await request(app()).get(`/api/articles/${a2}`);
    assert.equal(article.body.quotes[0].speaker.id, created.id);
  });

  test('PATCH sets kind, pronoun and the Wikidata item (validated, one person per item); JSON-LD sameAs, Organization; ninjs', async () => {
    const [first] = await namesakes();
    const path = `/api/people/${first!.id}`;
    const etag = () => request(app()).get(path).then((r) => String(r.headers.etag));
    for (const bad of [{ wikidataId: 'Q0' }, { wikidataId: '42' }, { wikidataId: 'q42' }, { pronoun: 'it' }, { kind: 'robot' }]) {
      const res = await request(app()).patch(path).set(bearer(editor)).set('If-Match', await etag()).send(bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
      assertMatchesOpenApi(res, 'patch', '/api/people/:id');
      assert.deepEqual(res.body.errors[0].path, ['body', Object.keys(bad)[0]]);
    }
    const ok = await request(app()).patch(path).set(bearer(editor)).set('If-Match', await etag()).send({ wikidataId: 'Q42', pronoun: 'they' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assertMatchesOpenApi(ok, 'patch', '/api/people/:id');
    assert.deepEqual([ok.body.wikidataId, ok.body.pronoun, ok.body.kind], ['Q42', 'they', 'person']);
    const [, other] = await namesakes();
    const taken = await request(app()).patch(`/api/people/${other!.id}`).set(bearer(editor)).set('If-Match', personEtag(other!.id, other!.version)).send({ wikidataId: 'Q42' });
    assert.equal(taken.status, 409);
    assert.match(taken.body.detail, new RegExp(`Person ${first!.id} already has`));

    const ld = await request(app()).get(`/api/articles/${articleIds[2]}`).set('Accept', 'application/ld+json');
    assert.equal(ld.status, 200);
    const mentions = ld.body.mentions as { '@type': string; name: string; sameAs?: string; jobTitle?: string }[];
    assert.deepEqual(
      mentions.map((m) => [m['@type'], m.name, m.sameAs ?? null]),
      [['Person', 'Dana Whitfield', 'https://www.wikidata.org/wiki/Q42'], ['Organization', 'central bank', null]],
    );
    const quoted = (ld.body.hasPart as { text: string; creator?: { '@id': string } }[]).find((q) => q.text.startsWith('Rates'))!;
    assert.equal(quoted.creator?.['@id'], (ld.body.mentions as { '@id': string }[])[1]!['@id'], 'the organisation is the quote’s creator');
    const ninjs = await request(app()).get(`/api/articles/${articleIds[2]}`).query({ format: 'ninjs' });
    assert.equal(ninjs.status, 200);
    assert.deepEqual(ninjs.body.people.map((p: { name: string; uri: string }) => [p.name, p.uri]), [['Dana Whitfield', 'https://www.wikidata.org/wiki/Q42']]);
    assert.deepEqual(ninjs.body.organisations.map((p: { name: string; rel: string }) => [p.name, p.rel]), [['central bank', 'quoted']]);

    const removed = await request(app()).patch(path).set(bearer(editor)).set('If-Match', await etag()).send({ wikidataId: null, kind: 'organisation' });
    assert.equal(removed.status, 200);
    assert.deepEqual([removed.body.wikidataId, removed.body.kind], [null, 'organisation']);
  });

  test('POST /api/people allows a namesake told apart by a description, not one without', async () => {
    const clash = await request(app()).post('/api/people').set(bearer(editor)).send({ name: 'Dana Whitfield' });
    assert.equal(clash.status, 409);
    const told = await request(app()).post('/api/people').set(bearer(editor)).send({ name: 'Dana Whitfield', description: 'novelist', pronoun: 'she', wikidataId: 'Q7' });
    assert.equal(told.status, 201, JSON.stringify(told.body));
    assertMatchesOpenApi(told, 'post', '/api/people');
    assert.deepEqual([told.body.description, told.body.pronoun, told.body.wikidataId, told.body.kind], ['novelist', 'she', 'Q7', 'person']);
  });
});
