import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type ArticleDetail, loadArticleDetail } from '../../src/articles/get-article.ts';
import type { Db } from '../../src/db/client.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { makeArticleText, sampleText } from '../support/articles.ts';
import { type TestDatabase, describeEachDatabase, freshDatabase } from '../support/databases.ts';
import { parseCsv } from '../support/csv.ts';
import { runScript } from '../support/processes.ts';

const actor = { name: 'export-test', tokenId: null };

/** What must survive the round trip, without ids and timestamps (they are the new store's own). */
async function essence(db: Db, slug: string) {
  const { id } = await db.article.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const a: ArticleDetail = await loadArticleDetail(db, id);
  return {
    slug: a.slug,
    headline: a.headline,
    headlineDerived: a.headlineDerived,
    status: a.status,
    publishedAt: a.publishedAt,
    byline: a.byline,
    sourceName: a.sourceName,
    sourceUrl: a.sourceUrl,
    language: a.language,
    paragraphs: a.paragraphs.map((p) => [p.position, p.text]),
    quotes: a.quotes.map((q) => ({ paragraph: q.paragraphPosition, text: q.text, kind: q.kind, speaker: q.speaker?.name ?? null, verb: q.verb })),
    people: a.people.map((p) => ({ name: p.name, role: p.role, aliases: p.aliases, paragraphs: p.paragraphs })),
    related: a.related.map((r) => [r.position, r.title, r.article.slug]),
  };
}

describeEachDatabase('export', (ctx) => {
  let target: TestDatabase;
  const slugs: string[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'export-test-'));
  const exportCli = (args: string[]) => runScript('export', args, { env: { DATABASE_URL: ctx.db.url } });

  before(async () => {
    const sample = await importArticle(ctx.db.prisma, sampleText(), { byline: 'Max Seddon', source: 'Financial Times', published: '2023-02-22T09:30:00Z' }, actor);
    const draft = await importArticle(
      ctx.db.prisma,
      makeArticleText({ headline: '"Zero Covid": the policy that ended', related: ['Was Gareth Southgate great, or just lucky?'] }),
      { status: 'draft' },
      actor,
    );
    slugs.push(sample.slug, draft.slug);
    // The draft last changed long ago, so that --since and --until can tell the two apart.
    await ctx.db.prisma.article.update({ where: { slug: draft.slug }, data: { updatedAt: new Date('2020-01-01T00:00:00.000Z') } });
    target = await freshDatabase(ctx.provider);
  });
  after(async () => {
    await target?.drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('ndjson round-trips through the real ingest: same article, paragraphs, quotes, people, related', async () => {
    const res = await exportCli(['--format', 'ndjson']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /exported 2 articles/);
    const records = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(records.map((r) => r.slug).sort(), [...slugs].sort(), 'stubs are not exported: the related blocks recreate them');
    for (const r of records) await importArticle(target.prisma, r.ingestText, {}, actor);
    for (const slug of slugs) {
      const before = await essence(ctx.db.prisma, slug);
      assert.ok(before.paragraphs.length > 0);
      assert.deepEqual(await essence(target.prisma, slug), before, slug);
    }
    const stubs = await target.prisma.article.count({ where: { status: 'stub' } });
    assert.equal(stubs, await ctx.db.prisma.article.count({ where: { status: 'stub' } }));
    // Idempotent: the same export ingested again changes nothing.
    for (const r of records) assert.equal((await importArticle(target.prisma, r.ingestText, {}, actor)).outcome, 'unchanged');
  });

  test('filters: --status and --since', async () => {
    const drafts = await exportCli(['--format', 'ndjson', '--status', 'draft']);
    assert.equal(drafts.code, 0, drafts.stderr);
    assert.deepEqual(drafts.stdout.trim().split('\n').map((l) => JSON.parse(l).slug), [slugs[1]]);
    const future = await exportCli(['--format', 'ndjson', '--since', '2999-01-01']);
    assert.equal(future.stdout, '');
    assert.match(future.stderr, /exported 0 articles/);
    const bad = await exportCli(['--format', 'ndjson', '--since', 'yesterday']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /ISO 8601/);
    assert.notEqual((await exportCli(['--format', 'xml'])).code, 0);
  });

  test('csv: one file per table with --out, one table on stdout', async () => {
    const dir = path.join(work, `csv-${ctx.provider}`);
    const res = await exportCli(['--format', 'csv', '--out', dir]);
    assert.equal(res.code, 0, res.stderr);
    const read = (t: string) => parseCsv(fs.readFileSync(path.join(dir, `${t}.csv`), 'utf8'));
    const articles = read('articles');
    assert.equal(articles.length, 2);
    const sample = articles.find((a) => a.slug === slugs[0])!;
    assert.equal(sample.paragraphs, '13');
    assert.equal(sample.related, '5');
    assert.equal(read('paragraphs').filter((p) => p.article_id === sample.id).length, 13);
    // Dates in one format whichever the database, as in the views: ISO 8601 in UTC with milliseconds.
    assert.equal(sample.published_at, '2023-02-22T09:30:00.000Z');
    assert.match(sample.updated_at!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(articles.map((a) => a.is_stub), ['0', '0']);
    assert.equal(read('paragraphs').filter((p) => p.article_id === sample.id).length, 13);
    const quote = read('quotes').find((q) => q.text!.startsWith('We are prepared'))!;
    assert.deepEqual(
      [quote.speaker_name, quote.speaker_role, quote.speaker_role_title, quote.speaker_role_category, quote.kind, quote.paragraph_position, quote.start_offset],
      ['Wang Yi', 'China’s top diplomat', 'Diplomat', 'government_official', 'direct', '3', '1'],
    );
    const told = read('quotes').find((q) => q.verb === 'told')!;
    assert.deepEqual([told.addressee_name, Number(told.end_offset) - Number(told.start_offset)], ['Vladimir Putin', told.text!.length]);
    const blinken = read('article_people').find((p) => p.name === 'Antony Blinken')!;
    assert.deepEqual([blinken.role, blinken.role_title, blinken.role_category], ['US secretary of state', 'Secretary of state', 'politician']);
    const related = read('related_articles');
    assert.equal(related.length, 6);
    const stubIds = new Set((await ctx.db.prisma.article.findMany({ where: { isStub: true }, select: { id: true } })).map((a) => String(a.id)));
    assert.deepEqual(related.map((r) => r.is_stub), related.map((r) => (stubIds.has(r.related_id!) ? '1' : '0')));
    assert.ok(stubIds.size >= 5);
    const stdout = await exportCli(['--format', 'csv', '--table', 'quotes']);
    assert.equal(
      stdout.stdout.split('\n')[0],
      'article_id,quote_id,paragraph_position,start_offset,end_offset,paragraph_span,kind,speaker_id,speaker_name,speaker_kind,speaker_role,speaker_role_title,speaker_role_category,addressee_id,addressee_name,verb,text',
    );
  });

  describe('picking articles', () => {
    const exported = async (args: string[]) => {
      const res = await exportCli(['--format', 'ndjson', ...args]);
      assert.equal(res.code, 0, res.stderr);
      return res.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).slug as string);
    };
    const idOf = async (slug: string) => String((await ctx.db.prisma.article.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id);

    test('--id: one or several, repeated or comma-separated; a stub when asked for by id', async () => {
      assert.deepEqual(await exported(['--id', await idOf(slugs[1]!)]), [slugs[1]]);
      assert.deepEqual(await exported(['--id', `${await idOf(slugs[0]!)},${await idOf(slugs[1]!)}`]), slugs);
      assert.deepEqual(await exported(['--id', await idOf(slugs[0]!), '--id', await idOf(slugs[1]!)]), slugs);
      const stub = await ctx.db.prisma.article.findFirstOrThrow({ where: { isStub: true }, select: { id: true, slug: true } });
      assert.deepEqual(await exported(['--id', String(stub.id)]), [stub.slug]);
    });

    test('--slug', async () => {
      assert.deepEqual(await exported(['--slug', slugs[0]!]), [slugs[0]]);
      assert.deepEqual(await exported(['--slug', slugs[1]!, '--slug', slugs[0]!]), slugs);
    });

    test('--since and --until: changed at or after, at or before', async () => {
      assert.deepEqual(await exported(['--until', '2021-01-01']), [slugs[1]]);
      assert.deepEqual(await exported(['--since', '2021-01-01']), [slugs[0]]);
      assert.deepEqual(await exported(['--since', '2019-12-31', '--until', '2020-01-02']), [slugs[1]]);
      // A picked article the dates leave out is not an error: the dates are there to leave articles out.
      assert.deepEqual(await exported(['--id', await idOf(slugs[0]!), '--until', '2021-01-01']), []);
    });

    test('--status with --id: both must hold', async () => {
      assert.deepEqual(await exported(['--status', 'published']), [slugs[0]]);
      const res = await exportCli(['--format', 'ndjson', '--status', 'published', '--id', await idOf(slugs[1]!)]);
      assert.equal(res.code, 2);
      assert.match(res.stderr, new RegExp(`--id ${await idOf(slugs[1]!)}`));
    });

    test('--limit: the first n by id', async () => {
      assert.deepEqual(await exported(['--limit', '1']), [slugs[0]]);
      assert.deepEqual(await exported(['--limit', '5']), slugs);
      const csv = await exportCli(['--format', 'csv', '--limit', '1']);
      assert.equal(parseCsv(csv.stdout).length, 1);
    });

    test('bad picks are refused, naming the option', async () => {
      const run = async (args: string[], message: RegExp) => {
        const res = await exportCli(['--format', 'ndjson', ...args]);
        assert.notEqual(res.code, 0, args.join(' '));
        assert.equal(res.stdout, '');
        assert.match(res.stderr, message);
      };
      await run(['--id', 'abc'], /--id.*"abc" is not an article id/);
      await run(['--id', '0'], /"0" is not an article id/);
      await run(['--limit', '0'], /--limit.*"0" is not a number of articles/);
      await run(['--until', 'soon'], /--until.*ISO 8601/);
      await run(['--id', '999999'], /No article to export for --id 999999/);
      await run(['--slug', 'no-such-article'], /--slug no-such-article/);
    });
  });

  test('ninjs: one document per line on stdout, one file per article with --out', async () => {
    const res = await exportCli(['--format', 'ninjs', '--base-url', 'https://news.example.org']);
    assert.equal(res.code, 0, res.stderr);
    const docs = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(docs.length, 2);
    assert.ok(docs.every((d) => d.type === 'text' && d.uri.startsWith('https://news.example.org/api/articles/')));
    const dir = path.join(work, `ninjs-${ctx.provider}`);
    assert.equal((await exportCli(['--format', 'ninjs', '--out', dir])).code, 0);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'ninjs')).sort(), slugs.map((s) => `${s}.json`).sort());
    const one = JSON.parse(fs.readFileSync(path.join(dir, 'ninjs', `${slugs[0]}.json`), 'utf8'));
    assert.match(one.uri, /^urn:news-store:article:\d+$/);
  });
});
