import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { parseIsoDate } from '../../src/ingest/parse/front-matter.ts';
import { transaction, WRITE_CONFLICT_ATTEMPTS } from '../../src/db/transaction.ts';
import { Prisma } from '../../src/generated/sqlite/client.ts';
import { AppError } from '../../src/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, bearer, testApp, tokenFor } from '../support/http.ts';
import { makeArticleText } from '../support/articles.ts';
import { WRITE_BUDGET } from '../../src/ingest/import-article.ts';

/**
 * Issue 21's reproductions, each on both databases: a date outside years 1–9999 UTC, NUL and lone surrogates,
 * forged cursors, a loose If-Match and a deadlock are clear 4xx/503 answers, never a 500, and store nothing.
 */
describeEachDatabase('hostile values (issue 21)', (ctx) => {
  let editor: string;
  before(async () => {
    editor = await tokenFor(ctx.db, 'editor');
  });
  const app = () => testApp(ctx.db);

  const OUT_OF_DOMAIN = ['9999-12-31T23:00:00-14:00', '9999-12-31T23:59:59-14:00', '0000-01-01', '0000-12-31T23:59:59Z', '0001-01-01T00:00:00+00:01'];
  const EDGES = ['0001-01-01', '0001-01-01T00:00:00Z', '0001-01-01T13:59:00-14:00', '9999-12-31', '9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59+14:00'];

  test('an import or a write with a published date outside years 1–9999 UTC is a 400, never stored', async () => {
    const before = await ctx.db.prisma.article.count();
    for (const date of OUT_OF_DOMAIN) {
      const imported = await request(app()).post('/api/articles/import').query({ published: date }).set(bearer(editor)).type('text/plain').send(makeArticleText({ headline: `Out of range ${date}` }));
      assert.equal(imported.status, 400, `import ?published=${date}: ${imported.text}`);
      assert.deepEqual(imported.body.errors[0].path, ['query', 'published']);
      const created = await request(app()).post('/api/articles').set(bearer(editor)).send({ headline: 'Dated', paragraphs: ['One.'], publishedAt: date });
      assert.equal(created.status, 400, `POST publishedAt ${date}`);
      assert.match(created.body.errors[0].message, /0001-01-01 and 9999-12-31/);
      const listed = await request(app()).get('/api/articles').query({ publishedFrom: date });
      assert.equal(listed.status, 400, `publishedFrom=${date}`);
    }
    const a = await articleFactory(ctx.db);
    const patched = await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, a.version)).send({ publishedAt: '0000-01-01' });
    assert.equal(patched.status, 400);
    assert.equal(await ctx.db.prisma.article.count(), before + 1);
  });

  test('the edges of the domain (year 1 and 9999 in every offset) are stored and read back, sorted and exported', async () => {
    for (const date of EDGES) {
      const created = await request(app()).post('/api/articles').set(bearer(editor)).send({ headline: `Edge ${date}`, paragraphs: ['One.'], publishedAt: date, status: 'published' });
      assert.equal(created.status, 201, `${date}: ${created.text}`);
      const expected = new Date(/T/.test(date) ? date : `${date}T00:00:00Z`).toISOString();
      assert.equal(created.body.publishedAt, expected);
      const read = await request(app()).get(`/api/articles/${created.body.id}`);
      assert.equal(read.body.publishedAt, expected);
    }
    for (const sort of ['published', '-published', 'headline']) {
      const res = await request(app()).get('/api/articles').query({ sort, limit: 100 });
      assert.equal(res.status, 200, `sort=${sort}`);
      if (sort === 'published') {
        const dates = res.body.data.map((x: { publishedAt: string | null }) => x.publishedAt).filter(Boolean);
        assert.deepEqual(dates, [...dates].sort(), 'years 1 and 9999 sort as dates on both databases');
      }
    }
    const bounded = await request(app()).get('/api/articles').query({ publishedFrom: '0001-01-01', publishedTo: '9999-12-31', limit: 100 });
    assert.equal(bounded.status, 200);
    assert.ok(bounded.body.data.length >= EDGES.length);
  });

  test('the database itself refuses a published date outside the domain (constraint / trigger)', async () => {
    const a = await articleFactory(ctx.db);
    for (const year of [0, 10000]) {
      const d = new Date(0);
      d.setUTCFullYear(year, 0, 1);
      await assert.rejects(ctx.db.prisma.article.update({ where: { id: a.id }, data: { publishedAt: d } }), `year ${year} is refused by the database`);
      await assert.rejects(ctx.db.prisma.article.create({ data: { slug: `y${year}-${a.id}`, headline: 'x', publishedAt: d } }));
      // and through the transaction helper it is a clear 422, not a 500
      await assert.rejects(transaction(ctx.db.prisma, (tx) => tx.article.update({ where: { id: a.id }, data: { publishedAt: d } })), (e) => e instanceof AppError && e.status === 422);
    }
    const row = await ctx.db.prisma.article.findUniqueOrThrow({ where: { id: a.id } });
    assert.equal(row.publishedAt!.getUTCFullYear(), 2023);
  });

  test('front matter: years 1–99 stay themselves; year 0 and 10000 in UTC are refused with the line', async () => {
    assert.equal(parseIsoDate('0050-03-04'), '0050-03-04T00:00:00.000Z');
    assert.equal(parseIsoDate('0001-01-01T00:00:00Z'), '0001-01-01T00:00:00.000Z');
    assert.equal(parseIsoDate('0000-01-01'), null);
    assert.equal(parseIsoDate('9999-12-31T23:00:00-14:00'), null);
    const text = (published: string) => `---\npublished: ${published}\n---\n${makeArticleText({ headline: `Front matter ${published}` })}`;
    const ok = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(text('0050-03-04'));
    assert.equal(ok.status, 201, ok.text);
    const stored = await request(app()).get(`/api/articles/${ok.body.articleId}`);
    assert.equal(stored.body.publishedAt, '0050-03-04T00:00:00.000Z');
    const bad = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(text('9999-12-31T23:00:00-14:00'));
    assert.equal(bad.status, 422, bad.text);
    assert.match(bad.body.detail + JSON.stringify(bad.body.errors), /published/);
  });

  test('NUL and lone surrogates are refused at the edge: path, query, body fields and keys, cursors', async () => {
    const cases: [string, () => request.Test][] = [
      ['path a%00b', () => request(app()).get('/api/articles/a%00b')],
      ['path %00', () => request(app()).get('/api/people/%00')],
      ['query q NUL', () => request(app()).get('/api/articles').query({ q: 'a\u0000b' })],
      ['person name lone surrogate', () => request(app()).post('/api/people').set(bearer(editor)).type('json').send('{"name": "Lone \\ud800 Surrogate"}')],
      ['person name trailing low surrogate', () => request(app()).post('/api/people').set(bearer(editor)).type('json').send('{"name": "Low \\udc00"}')],
      ['person name NUL', () => request(app()).post('/api/people').set(bearer(editor)).type('json').send('{"name": "Nul \\u0000"}')],
      ['body key NUL', () => request(app()).post('/api/people').set(bearer(editor)).type('json').send('{"name": "Ok", "\\u0000": 1}')],
      ['import text NUL', () => request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(`Headline\n\nA body with a \u0000 in it.`)],
    ];
    const people = await ctx.db.prisma.person.count();
    for (const [name, send] of cases) {
      const res = await send();
      assert.equal(res.status, 400, `${name}: ${res.status} ${res.text}`);
      assert.match(String(res.headers['content-type']), /problem\+json/);
      assert.match(JSON.stringify(res.body.errors), /NUL|surrogate/, name);
    }
    assert.equal(await ctx.db.prisma.person.count(), people);
    // a forged cursor holding a NUL, a lone surrogate, year 0 or year 10000: valid by the schema (any string), so the
    // server judges it: a 422 naming the cursor, or an empty page — never a 500
    const forged: [string, string[]][] = [
      ['a\u0000b', ['headline', '-published']],
      ['x\uD800', ['headline', '-published']],
      ['0000-01-01T00:00:00.000Z', ['-published', 'published']],
      ['+010000-01-01T00:00:00.000Z', ['-published', 'published']],
    ];
    for (const [key, sorts] of forged) {
      for (const sort of sorts) {
        const cursor = Buffer.from(JSON.stringify([sort, key, 1]), 'utf8').toString('base64url');
        const res = await request(app()).get('/api/articles').query({ sort, cursor });
        assert.ok(res.status === 422 || (res.status === 200 && res.body.data.length === 0), `cursor ${JSON.stringify(key)} sort ${sort}: ${res.status} ${res.text}`);
      }
    }
  });

  test('If-Match compares strongly: "article-N-v04" does not match version 4', async () => {
    const a = await articleFactory(ctx.db);
    await ctx.db.prisma.article.update({ where: { id: a.id }, data: { version: 4 } });
    for (const tag of [`"article-${a.id}-v04"`, `"article-${a.id}-v004"`, `W/"article-${a.id}-v4"`]) {
      const res = await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', tag).send({ byline: 'Nobody' });
      assert.equal(res.status, 412, tag);
    }
    const good = await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 4)).send({ byline: 'Somebody' });
    assert.equal(good.status, 200);
  });

  test('a deadlock or serialization failure is retried inside the transaction helper, then 503 with Retry-After', async () => {
    const deadlock = () => new Prisma.PrismaClientKnownRequestError('Transaction failed due to a write conflict or a deadlock. Please retry your transaction', { code: 'P2034', clientVersion: 'test' });
    let runs = 0;
    const result = await transaction(ctx.db.prisma, async (tx) => {
      runs++;
      const n = await tx.person.count();
      if (runs < 3) throw deadlock();
      return n;
    });
    assert.equal(runs, 3, 'run again until it passes');
    assert.equal(typeof result, 'number');

    runs = 0;
    await assert.rejects(
      transaction(ctx.db.prisma, async () => {
        runs++;
        throw deadlock();
      }),
      (e) => e instanceof AppError && e.status === 503 && /deadlock/.test(e.message),
    );
    assert.equal(runs, WRITE_CONFLICT_ATTEMPTS);
    // through HTTP: a route whose every attempt deadlocks answers 503 + Retry-After and writes nothing
    const people = await ctx.db.prisma.person.count();
    const prisma = new Proxy(ctx.db.prisma, {
      get(target, prop, receiver) {
        if (prop !== '$transaction') return Reflect.get(target, prop, receiver);
        return (fn: (tx: unknown) => Promise<unknown>, options?: object) =>
          target.$transaction(async (tx) => {
            await fn(tx);
            throw deadlock();
          }, options as never);
      },
    });
    const res = await request(testApp(ctx.db, {}, prisma)).post('/api/people').set(bearer(editor)).send({ name: 'Deadlocked Person' });
    assert.equal(res.status, 503, res.text);
    assert.equal(res.headers['retry-after'], '5');
    assert.match(String(res.headers['content-type']), /problem\+json/);
    assert.equal(await ctx.db.prisma.person.count(), people);
  });

  test('the write budget: an import over the paragraph or quote cap is a 413 naming the count, and stores nothing', async () => {
    const articles = await ctx.db.prisma.article.count();
    const paragraphs = Array.from({ length: WRITE_BUDGET.paragraphs + 1 }, (_, i) => `Paragraph number ${i + 1} of a very long story.`).join('\n\n');
    const tooLong = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(`---\nheadline: Far too long\n---\n${paragraphs}\n`);
    assert.equal(tooLong.status, 413, tooLong.text.slice(0, 300));
    assert.deepEqual(tooLong.body.errors[0].path, ['body', 'paragraphs']);
    const quotes = Array.from({ length: 120 }, (_, p) => Array.from({ length: 42 }, (_, q) => `“Quote ${p}-${q},” she said.`).join(' ')).join('\n\n');
    const tooQuoted = await request(app()).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(`---\nheadline: Far too quoted\n---\n${quotes}\n`);
    assert.equal(tooQuoted.status, 413, tooQuoted.text.slice(0, 300));
    assert.match(tooQuoted.body.detail, /quotes \(at most 5000\)/);
    assert.equal(await ctx.db.prisma.article.count(), articles);
  });
});
