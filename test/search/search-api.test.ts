import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { TEXT_FILTER_LIMIT } from '../../src/articles/list-articles.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { makeArticleText, sampleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, assertMatchesOpenApi, bearer, testApp, tokenFor } from '../support/http.ts';

const actor = { name: 'search-test', tokenId: null };

interface Match {
  kind: string;
  paragraph: number | null;
  paragraphId: number | null;
  quoteId: number | null;
  snippet: string;
  highlights: { start: number; end: number }[];
}
interface Result {
  article: { id: number; headline: string };
  score: number;
  matches: Match[];
}
const marked = (m: Match) => m.highlights.map((h) => m.snippet.slice(h.start, h.end).toLowerCase());

describeEachDatabase('full-text search', (ctx) => {
  let editor: string;
  const ids: Record<string, number> = {};
  const app = () => testApp(ctx.db);
  const search = (q: string, token?: string) => {
    const r = request(app()).get('/api/search').query({ q });
    return token ? r.set(bearer(token)) : r;
  };

  before(async () => {
    editor = await tokenFor(ctx.db, 'editor', 'Sam');
    const add = async (key: string, text: string, options = {}) => {
      ids[key] = (await importArticle(ctx.db.prisma, text, options, actor)).articleId;
    };
    await add('sample', sampleText());
    // "lighthouse" three times in `strong` (once in its headline), once in `weak`, never in `none`.
    await add('strong', makeArticleText({ headline: 'Lighthouse keepers return to the rocky coast', extra: 'The old lighthouse was rebuilt, and a second lighthouse is planned.' }));
    await add('weak', makeArticleText({ headline: 'Harbour fees rise for fishing boats', extra: 'Boats pass the lighthouse at dawn on their way out.' }));
    await add('none', makeArticleText({ headline: 'Bakery wins regional bread prize', extra: 'The rye loaf impressed the judges.' }));
    await add('draft', makeArticleText({ headline: 'Embargoed lighthouse sale announced', extra: 'Nothing more yet.' }), { status: 'draft' });
  });

  test('ranks articles by relevance (a headline match counts most), with snippets and paragraph positions', async () => {
    const res = await search('lighthouse');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertMatchesOpenApi(res, 'get', '/api/search');
    const results: Result[] = res.body.data;
    assert.deepEqual(results.map((r) => r.article.id), [ids.strong, ids.weak], 'best first; the draft is hidden from readers');
    assert.ok(results[0]!.score > results[1]!.score);
    const [best] = results;
    assert.equal(best!.matches[0]!.kind, 'headline');
    assert.equal(best!.matches[0]!.paragraph, null);
    const weak = results[1]!.matches;
    assert.equal(weak.length, 1);
    assert.equal(weak[0]!.kind, 'paragraph');
    assert.equal(weak[0]!.paragraph, 3, 'makeArticleText puts the extra paragraph third');
    assert.match(weak[0]!.snippet, /Boats pass the lighthouse at dawn/);
    assert.deepEqual(marked(weak[0]!), ['lighthouse']);
  });

  test('phrases, prefixes, exclusions and OR; stemming finds other forms of a word', async () => {
    const found = async (q: string) => ((await search(q)).body.data as Result[]).map((r) => r.article.id).sort((a, b) => a - b);
    assert.deepEqual(await found('lighth*'), [ids.strong!, ids.weak!].sort((a, b) => a - b));
    assert.deepEqual(await found('lighthouse -rebuilt'), [ids.weak]);
    assert.deepEqual(await found('lighthouse NOT rebuilt'), [ids.weak]);
    assert.deepEqual(await found('"second lighthouse"'), [ids.strong]);
    assert.deepEqual(await found('"lighthouse second"'), []);
    assert.deepEqual(await found('rye OR keepers'), [ids.strong!, ids.none!].sort((a, b) => a - b));
    assert.deepEqual(await found('LIGHTHOUSES'), [ids.strong!, ids.weak!].sort((a, b) => a - b), 'case and plural');
    assert.deepEqual(await found('co-operation'), [ids.sample], 'punctuation inside a word makes a phrase');
    assert.deepEqual(await found('the lighthouse'), [ids.strong!, ids.weak!].sort((a, b) => a - b), 'stop words (PostgreSQL) do not empty the result');
  });

  test('quotes are searched too: the sample’s quote and its paragraph, by position', async () => {
    const res = await search('"strategic focus"');
    const [result] = res.body.data as Result[];
    assert.equal(result!.article.id, ids.sample);
    const kinds = result!.matches.map((m) => `${m.kind}@${m.paragraph}`).sort();
    assert.deepEqual(kinds, ['paragraph@3', 'quote@3']);
    const quote = result!.matches.find((m) => m.kind === 'quote')!;
    assert.ok(quote.quoteId! > 0);
    assert.deepEqual(marked(quote), ['strategic focus']);
  });

  test('editors find drafts; readers cannot ask for them', async () => {
    const res = await search('embargoed', editor);
    assert.deepEqual((res.body.data as Result[]).map((r) => r.article.id), [ids.draft]);
    assert.deepEqual((await search('embargoed')).body.data, []);
    const refused = await request(app()).get('/api/search').query({ q: 'embargoed', status: 'draft' });
    assert.equal(refused.status, 401);
  });

  test('pages are bounded and keyset-paginated', async () => {
    const first = await request(app()).get('/api/search').query({ q: 'lighthouse', limit: 1 });
    assert.equal(first.body.data.length, 1);
    assert.equal(first.body.data[0].article.id, ids.strong);
    const second = await request(app()).get('/api/search').query({ q: 'lighthouse', limit: 1, cursor: first.body.meta.nextCursor });
    assert.deepEqual(second.body.data.map((r: Result) => r.article.id), [ids.weak]);
    assert.equal(second.body.meta.nextCursor, null);
    assert.equal((await request(app()).get('/api/search').query({ q: 'lighthouse', limit: 51 })).status, 400);
    assert.equal((await request(app()).get('/api/search').query({ q: 'lighthouse', cursor: 'garbage' })).status, 422);
  });

  test('an edit is searchable at once: PATCH a paragraph, then search for its new words', async () => {
    const article = (await request(app()).get(`/api/articles/${ids.weak}`).set(bearer(editor))).body;
    const paragraph = article.paragraphs.find((p: { position: number }) => p.position === 3);
    const res = await request(app())
      .patch(`/api/articles/${ids.weak}/paragraphs/${paragraph.id}`)
      .set(bearer(editor))
      .set('If-Match', articleEtag(ids.weak!, article.version))
      .send({ text: 'Boats pass the old windmill at dawn on their way out.' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const windmill = (await search('windmill')).body.data as Result[];
    assert.deepEqual(windmill.map((r) => r.article.id), [ids.weak]);
    assert.equal(windmill[0]!.matches[0]!.paragraph, 3);
    assert.deepEqual(((await search('lighthouse')).body.data as Result[]).map((r) => r.article.id), [ids.strong]);
    // A headline change is searchable too.
    const renamed = await request(app())
      .patch(`/api/articles/${ids.none}`)
      .set(bearer(editor))
      .set('If-Match', articleEtag(ids.none!, 1))
      .send({ headline: 'Bakery by the windmill wins bread prize' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    const both = (await search('windmill')).body.data as Result[];
    assert.deepEqual(both.map((r) => r.article.id), [ids.none, ids.weak], 'the headline match ranks first');
  });

  test('the q filters keep TEXT_FILTER_LIMIT matches when more match (within the database’s parameter limit): the list’s the newest', async () => {
    const n = TEXT_FILTER_LIMIT + 20;
    // Rows written with SQL, as an operator might: the search catches up on them first.
    await ctx.db.prisma.$executeRaw`
      WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})
      INSERT INTO articles (slug, headline, status, updated_at)
      SELECT 'kelp-survey-' || i, 'Kelp survey number ' || i, 'published', ${new Date()} FROM seq`;
    const slugs: string[] = [];
    let cursor: string | null = null;
    do {
      const listed = await request(app()).get('/api/articles').query({ q: 'kelp', limit: 100, sort: 'headline', ...(cursor ? { cursor } : {}) });
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      slugs.push(...listed.body.data.map((a: { slug: string }) => a.slug));
      cursor = listed.body.meta.nextCursor;
    } while (cursor);
    assert.equal(slugs.length, TEXT_FILTER_LIMIT);
    const added = Array.from({ length: n }, (_, i) => `kelp-survey-${i + 1}`);
    assert.deepEqual([...slugs].sort(), added.slice(n - TEXT_FILTER_LIMIT).sort(), 'the most recently added matches');
    const searched = await request(app()).get('/api/search').query({ q: 'kelp survey', limit: 50 });
    assert.equal(searched.status, 200, JSON.stringify(searched.body));
    assert.equal(searched.body.data.length, 50);
    await ctx.db.prisma.$executeRaw`DELETE FROM articles WHERE slug LIKE 'kelp-survey-%'`;
  });

  test('a q list pages in the same order as the list itself, for every sort, undated articles and ties included', async () => {
    // Dates with ties and gaps, some undated; every article says "quarry" so q keeps them all.
    const dates = ['2024-03-01T09:00:00Z', null, '2024-03-01T09:00:00Z', '2023-11-15T12:30:00Z', null, '2024-07-04T00:00:00Z', '2024-03-01T09:00:00Z'];
    const made: number[] = [];
    for (const [i, date] of dates.entries()) {
      const text = makeArticleText({ headline: `Quarry ${['expansion', 'hearing', 'appeal', 'dust', 'trucks', 'closure', 'jobs'][i]} debated`, extra: 'The quarry owners spoke.' });
      const id = (await importArticle(ctx.db.prisma, text, {}, actor)).articleId;
      await ctx.db.prisma.article.update({ where: { id }, data: { publishedAt: date === null ? null : new Date(date) } });
      made.push(id);
    }
    const pages = async (query: Record<string, string>) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await request(app()).get('/api/articles').query({ ...query, limit: 2, ...(cursor ? { cursor } : {}) });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        seen.push(...res.body.data.map((a: { id: number }) => a.id));
        cursor = res.body.meta.nextCursor;
      } while (cursor);
      return seen;
    };
    for (const sort of ['-published', 'published', '-updated', 'updated', 'headline', '-headline']) {
      const listed = (await pages({ sort })).filter((id) => made.includes(id));
      assert.equal(listed.length, made.length, sort);
      assert.deepEqual(await pages({ sort, q: 'quarry' }), listed, `sort=${sort}`);
    }
    const newestFirst = await pages({ sort: '-published', q: 'quarry' });
    const undated = made.filter((_, i) => dates[i] === null);
    assert.deepEqual(newestFirst.slice(-2), [...undated].sort((a, b) => b - a), 'undated last, by id');
    assert.equal(newestFirst[0], made[5], 'the newest first');
    const forged = Buffer.from(JSON.stringify(['-updated', null, 5])).toString('base64url');
    const empty = await request(app()).get('/api/articles').query({ sort: '-updated', q: 'quarry', cursor: forged });
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body.data, []);
    await ctx.db.prisma.article.deleteMany({ where: { id: { in: made } } });
  });

  test('query syntax errors are 422 problems that say what to fix, on every endpoint that takes q', async () => {
    const bad = ['"unclosed phrase', 'putin OR', 'OR putin', 'putin OR OR wang', '-', 'putin -', '*', 'put*in', 'NEAR(putin wang)', '(putin)', '-putin', 'NOT', 'AND putin', '""', '!!! ???'];
    for (const q of bad) {
      for (const path of ['/api/search', '/api/articles', '/api/quotes']) {
        const res = await request(app()).get(path).query({ q });
        assert.equal(res.status, 422, `${path} q=${q}: ${res.status} ${JSON.stringify(res.body)}`);
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.deepEqual(res.body.errors[0].path, ['query', 'q'], q);
        assert.match(res.body.detail, /^The search query is not valid: /);
      }
    }
    const res = await search('"unclosed');
    assertMatchesOpenApi(res, 'get', '/api/search');
    assert.match(res.body.errors[0].message, /never closed/);
    // Words that are operators elsewhere are plain words here.
    for (const q of ['NEAR', 'putin AND wang', 'wang NOT taiwan', 'a & b | c', 'xi’s', '"NOT" "OR"', 'ünïcödé', '1984*']) {
      assert.equal((await search(q)).status, 200, q);
    }
  });

  test('the q filter of the article and quote lists uses the same search', async () => {
    const articles = await request(app()).get('/api/articles').query({ q: 'lighthouse' });
    assert.equal(articles.status, 200);
    assert.deepEqual(articles.body.data.map((a: { id: number }) => a.id).sort(), [ids.strong].sort(), 'after the edit, only strong mentions it');
    const quotes = await request(app()).get('/api/quotes').query({ q: 'strategic focus' });
    assert.equal(quotes.status, 200);
    assertMatchesOpenApi(quotes, 'get', '/api/quotes');
    assert.deepEqual(quotes.body.data.map((q: { text: string }) => q.text), ['We are prepared to maintain our strategic focus and determination alongside Russia']);
  });
});
