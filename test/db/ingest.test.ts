import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Db } from '../../src/db/client.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { collectInputs } from '../../src/ingest/collect-inputs.ts';
import { runIngest } from '../../src/ingest/run-ingest.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { makeArticleText, sampleText } from '../support/articles.ts';

const actor = { name: 'test' };
const quiet = { start() {}, file() {}, finish() {} };

async function counts(db: Db) {
  const [articles, stubs, paragraphs, people, articlePeople, mentions, quotes, related, revisions] = await Promise.all([
    db.article.count({ where: { isStub: false } }),
    db.article.count({ where: { isStub: true } }),
    db.paragraph.count(),
    db.person.count(),
    db.articlePerson.count(),
    db.mention.count(),
    db.quote.count(),
    db.relatedArticle.count(),
    db.revision.count(),
  ]);
  return { articles, stubs, paragraphs, people, articlePeople, mentions, quotes, related, revisions };
}

describeEachDatabase('ingest into the store', (ctx) => {
  test('the sample becomes an article with its paragraphs, people, quotes and related stubs', async () => {
    const db = ctx.db.prisma;
    const result = await importArticle(db, sampleText(), {}, actor);
    assert.equal(result.outcome, 'created');
    const c = await counts(db);
    assert.deepEqual(
      { ...c, mentions: undefined, revisions: undefined },
      { articles: 1, stubs: 5, paragraphs: 13, people: 7, articlePeople: 7, mentions: undefined, quotes: 7, related: 5, revisions: undefined },
    );
    // Mentions are the people's paragraph lists from the expected file (7+8+3+1+1+2+1).
    assert.equal(c.mentions, 23);
    const article = await db.article.findUniqueOrThrow({
      where: { id: result.articleId },
      include: { related: { orderBy: { position: 'asc' }, include: { related: true } } },
    });
    assert.equal(article.status, 'published');
    assert.equal(article.headlineDerived, true);
    assert.equal(article.related[0]?.related.status, 'stub');
    assert.equal(article.related[0]?.related.isStub, true);
    assert.equal(article.related[2]?.title, 'Was Gareth Southgate great, or just lucky?');
    const blinken = await db.person.findFirstOrThrow({ where: { name: 'Antony Blinken' }, include: { articles: true } });
    assert.equal(blinken.articles[0]?.role, 'US secretary of state');
    const told = await db.quote.findFirstOrThrow({ where: { verb: 'told' }, include: { speaker: true, addressee: true, paragraph: true } });
    assert.equal(told.speaker?.name, 'Wang Yi');
    assert.equal(told.addressee?.name, 'Vladimir Putin');
    assert.equal(told.paragraph.position, 5);
    assert.equal(told.paragraph.text.slice(told.startOffset!, told.endOffset!), told.text);
  });

  test('re-ingesting identical text changes nothing', async () => {
    const db = ctx.db.prisma;
    const before = await counts(db);
    const again = await importArticle(db, sampleText(), {}, actor);
    assert.equal(again.outcome, 'unchanged');
    assert.deepEqual(await counts(db), before);
  });

  test('changed text updates in place: same id, derived rows replaced, no duplicate people, links kept', async () => {
    const db = ctx.db.prisma;
    const first = await db.article.findFirstOrThrow({ where: { isStub: false } });
    const before = await counts(db);
    const changed = sampleText().replace('Xi met Putin last year', 'Xi Jinping met Putin in March last year');
    const result = await importArticle(db, changed, {}, actor);
    assert.equal(result.outcome, 'updated');
    assert.equal(result.articleId, first.id);
    const after = await counts(db);
    assert.deepEqual({ ...after, revisions: 0 }, { ...before, revisions: 0 });
    assert.equal(after.revisions, before.revisions + 1);
    const updated = await db.article.findUniqueOrThrow({ where: { id: first.id } });
    assert.equal(updated.version, first.version + 1);
    const last = await db.paragraph.findFirstOrThrow({ where: { articleId: first.id, position: 13 } });
    assert.match(last.text, /in March last year/);
  });

  test('changed text keeps the article\'s status unless the text or the caller gives one', async () => {
    const db = ctx.db.prisma;
    const text = makeArticleText({ headline: 'Embargoed budget leaks early', people: [['Odile Fournier', 'a budget analyst']] });
    const { articleId } = await importArticle(db, text, { status: 'draft' }, actor);
    const corrected = await importArticle(db, text.replace('plan number 1', 'plan number one'), {}, actor);
    assert.deepEqual([corrected.articleId, corrected.outcome], [articleId, 'updated']);
    assert.equal((await db.article.findUniqueOrThrow({ where: { id: articleId } })).status, 'draft', 'a correction published a draft');
    await importArticle(db, text, { status: 'published' }, actor);
    assert.equal((await db.article.findUniqueOrThrow({ where: { id: articleId } })).status, 'published');
  });

  test('two different texts with one slug in one run: the later fails, naming the earlier; a re-run changes nothing', async () => {
    const db = ctx.db.prisma;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'same-slug-'));
    try {
      const first = makeArticleText({ headline: 'Council backs tram plan', people: [['Ilse Marquardt', 'a transport planner']] });
      const second = makeArticleText({ headline: 'Council backs tram plan', people: [['Tobias Renner', 'a cycling campaigner']] });
      fs.writeFileSync(path.join(dir, 'a.txt'), first);
      fs.writeFileSync(path.join(dir, 'b.txt'), second);
      fs.writeFileSync(path.join(dir, 'c.txt'), first); // the same text again: a duplicate file, not a clash
      const run = async () => {
        const reports: { name: string; outcome: string; error?: string }[] = [];
        await runIngest(ctx.db, await collectInputs([dir]), {}, actor, { ...quiet, file: (r) => reports.push({ name: path.basename(r.input.name), outcome: r.outcome, error: r.error }) });
        return reports;
      };
      const once = await run();
      assert.deepEqual(once.map((r) => [r.name, r.outcome]), [['a.txt', 'created'], ['b.txt', 'failed'], ['c.txt', 'unchanged']]);
      assert.match(once[1]!.error!, /slug "council-backs-tram-plan" is also .*a\.txt's/);
      const stored = await db.article.findUniqueOrThrow({ where: { slug: 'council-backs-tram-plan' }, include: { people: { include: { person: true } } } });
      assert.deepEqual(stored.people.map((l) => l.person.name), ['Ilse Marquardt'], 'the first text stands');
      const again = await run();
      assert.deepEqual(again.map((r) => r.outcome), ['unchanged', 'failed', 'unchanged']);
      assert.equal((await db.article.findUniqueOrThrow({ where: { slug: 'council-backs-tram-plan' } })).version, stored.version);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a later run replaces an article with a new version of its story, never with a different story on its slug', async () => {
    const db = ctx.db.prisma;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'later-run-'));
    const ingestOne = async (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      const reports: { outcome: string; error?: string }[] = [];
      await runIngest(ctx.db, await collectInputs([path.join(dir, name)]), {}, actor, { ...quiet, file: (r) => reports.push({ outcome: r.outcome, error: r.error }) });
      return reports[0]!;
    };
    try {
      const story = makeArticleText({ headline: 'Ferry timetable cut', people: [['Ruairi Byrne', 'the operator’s manager'], ['Ailsa Moffat', 'a commuter']] });
      assert.equal((await ingestOne('v1.txt', story)).outcome, 'created');
      const revised = story.replace('plan number 2', 'plan number two');
      assert.equal((await ingestOne('v2.txt', revised)).outcome, 'updated', 'a new version of the story');
      const other = makeArticleText({ headline: 'Ferry timetable cut', people: [['Henrik Solberg', 'a port official']] });
      const refused = await ingestOne('other.txt', other);
      assert.equal(refused.outcome, 'failed');
      assert.match(refused.error!, /is a different story with the same slug/);
      const kept = await db.article.findUniqueOrThrow({ where: { slug: 'ferry-timetable-cut' }, include: { paragraphs: true } });
      assert.ok(kept.paragraphs.some((p) => p.text.includes('plan number two')), 'the stored story is untouched');
      // The API's import, where an editor names the article with If-Match, still replaces whatever it holds.
      const viaApi = await importArticle(db, other, {}, actor);
      assert.deepEqual([viaApi.outcome, viaApi.articleId], ['updated', kept.id]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a stub fills in when its article is ingested, and the link holds', async () => {
    const db = ctx.db.prisma;
    const title = 'Was Gareth Southgate great, or just lucky?';
    const stub = await db.article.findFirstOrThrow({ where: { headline: title } });
    assert.equal(stub.isStub, true);
    const text = makeArticleText({ headline: title, people: [['Gareth Southgate', 'the former England manager']] });
    const result = await importArticle(db, text, {}, actor);
    assert.equal(result.outcome, 'created');
    assert.equal(result.articleId, stub.id);
    const filled = await db.article.findUniqueOrThrow({ where: { id: stub.id }, include: { relatedBy: true } });
    assert.equal(filled.isStub, false);
    assert.equal(filled.status, 'published');
    assert.equal(filled.relatedBy.length, 1);
  });

  test('the same person across articles is one people row', async () => {
    const db = ctx.db.prisma;
    const a = makeArticleText({ headline: 'Council backs housing plan', people: [['Maria Lopez', 'the city’s housing director']] });
    const b = makeArticleText({ headline: 'Housing plan faces new vote', people: [['Maria Lopez', 'the housing director']] });
    await importArticle(db, a, {}, actor);
    await importArticle(db, b, {}, actor);
    const people = await db.person.findMany({ where: { name: 'Maria Lopez' }, include: { articles: true } });
    assert.equal(people.length, 1);
    assert.equal(people[0]?.articles.length, 2);
  });

  test('two ingests of the same new article at once store one article', async () => {
    const db = ctx.db.prisma;
    const text = makeArticleText({ headline: 'Two editors, one story', people: [['Ama Mensah', 'the port authority’s chief']] });
    const results = await Promise.all([importArticle(db, text, {}, actor), importArticle(db, text, {}, actor)]);
    assert.deepEqual(results.map((r) => r.outcome).sort(), ['created', 'unchanged']);
    assert.equal(await db.article.count({ where: { slug: 'two-editors-one-story' } }), 1);
    assert.equal(await db.person.count({ where: { name: 'Ama Mensah' } }), 1);
  });

  test('a failing file among good ones is reported and leaves nothing behind; the others are stored', async () => {
    const db = ctx.db.prisma;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-batch-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.txt'), makeArticleText({ headline: 'Batch story A' }));
      fs.writeFileSync(path.join(dir, 'b.txt'), 'Related articles\n\nOnly a headline\nAnd another\n');
      fs.writeFileSync(path.join(dir, 'c.txt'), makeArticleText({ headline: 'Batch story C' }));
      const before = await counts(db);
      const reports: { outcome: string; error?: string }[] = [];
      const summary = await runIngest(ctx.db, await collectInputs([dir]), {}, actor, { ...quiet, file: (r) => reports.push(r) });
      assert.deepEqual(summary, { created: 2, updated: 0, unchanged: 0, failed: 1 });
      assert.match(reports[1]?.error ?? '', /related/i);
      const after = await counts(db);
      assert.equal(after.articles, before.articles + 2);
      assert.equal(after.stubs, before.stubs, 'the failed file made no stubs');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('parsed on worker threads (several batches), files report as when parsed in one: in order, each failure its own', async () => {
    const db = ctx.db.prisma;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-pool-'));
    try {
      const files: [string, string | Buffer][] = [
        ['01.txt', makeArticleText({ headline: 'Pooled story one' })],
        ['02.txt', 'Related articles\n\nOnly a headline\nAnd another\n'],
        ['03.txt', makeArticleText({ headline: 'Pooled story three', people: [['Ama Mensah', 'the port authority’s chief']] })],
        ['04.txt', Buffer.from('Hello\n\nworld\u0000\n')],
        ['05.txt', makeArticleText({ headline: 'Pooled story five', people: [['Ama Mensah', 'the port authority’s chief']] })],
        ['06.txt', ''],
        ['07.txt', makeArticleText({ headline: 'Pooled story seven' })],
      ];
      for (const [name, content] of files) fs.writeFileSync(path.join(dir, name), content);
      const inputs = await collectInputs([dir]);
      const run = async (batchSize: number) => {
        const reports: { name: string; outcome: string; error?: string }[] = [];
        const summary = await runIngest(ctx.db, inputs, {}, actor, { ...quiet, file: (r) => reports.push({ name: r.input.name, outcome: r.outcome, error: r.error }) }, batchSize);
        return { summary, reports };
      };
      // Batches of two: four of them, so the pool parses every batch after the first while the one before is written.
      const pooled = await run(2);
      assert.deepEqual(pooled.summary, { created: 4, updated: 0, unchanged: 0, failed: 3 });
      assert.deepEqual(pooled.reports.map((r) => r.name), inputs.map((i) => i.name), 'reports in input order');
      assert.deepEqual(pooled.reports.map((r) => r.outcome), ['created', 'failed', 'created', 'failed', 'created', 'failed', 'created']);
      assert.match(pooled.reports[1]!.error!, /related/i);
      assert.match(pooled.reports[3]!.error!, /04\.txt looks like binary data, not text \(line 3: /);
      assert.match(pooled.reports[5]!.error!, /empty/);
      assert.equal(await db.person.count({ where: { name: 'Ama Mensah' } }), 1);
      // One batch (no workers): the same failures, word for word, and the rest unchanged.
      const single = await run(100);
      assert.deepEqual(single.summary, { created: 0, updated: 0, unchanged: 4, failed: 3 });
      assert.deepEqual(single.reports.filter((r) => r.outcome === 'failed'), pooled.reports.filter((r) => r.outcome === 'failed'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
