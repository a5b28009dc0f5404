/**
 * The bulk ingest (src/ingest/bulk/, behind runIngest) must store exactly what importArticle stores one article at a
 * time — every row of every table, ids and timestamps aside — for a varied generated corpus (bench/corpus.ts:
 * front matter or not, stubs filled within and across batches, shared speakers), with duplicates and a changed text
 * in the mix; be idempotent; and isolate a failing article inside a batch.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { generateCorpus } from '../../bench/corpus.ts';
import type { Db } from '../../src/db/client.ts';
import { collectInputs } from '../../src/ingest/collect-inputs.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { type FileReport, runIngest } from '../../src/ingest/run-ingest.ts';
import { ArticleSnapshot } from '../../src/history/article-snapshot.ts';
import { EVENT_TYPES } from '../../src/webhooks/events.ts';
import { type TestDatabase, describeEachDatabase, freshDatabase } from '../support/databases.ts';
import { makeArticleText } from '../support/articles.ts';
import { runScript } from '../support/processes.ts';

const actor = { name: 'bulk-test', tokenId: null };
const quiet = { start() {}, file() {}, finish() {} };

/** The corpus as files, in ingest order: 70 articles, one repeated unchanged, one re-ingested with changed text. */
function writeCorpus(dir: string): string[] {
  const texts = [...generateCorpus({ seed: 7, count: 70 })].map((a) => a.text);
  texts.push(texts[3]!, texts[5]!.replace(/\n\n/, '\n\nA late paragraph added by the desk.\n\n'));
  texts.forEach((t, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}.txt`), t));
  return texts;
}

/** Every table as plain rows, ids replaced by what they point to, in a stable order. */
async function dump(db: Db) {
  const articles = await db.article.findMany({ orderBy: { slug: 'asc' } });
  const slug = new Map(articles.map((a) => [a.id, a.slug]));
  const paragraphs = await db.paragraph.findMany();
  const para = new Map(paragraphs.map((p) => [p.id, `${slug.get(p.articleId)}#${p.position}`]));
  // Namesakes share a name key; their kind and description tell them apart (src/people/identity.ts).
  const people = await db.person.findMany({ orderBy: [{ nameKey: 'asc' }, { id: 'asc' }] });
  const key = new Map(people.map((p) => [p.id, `${p.nameKey}|${p.kind}|${p.description ?? ''}`]));
  const byKey = (a: { id: number }, b: { id: number }) => (key.get(a.id)! < key.get(b.id)! ? -1 : key.get(a.id)! > key.get(b.id)! ? 1 : 0);
  people.sort(byKey);
  const links = await db.articlePerson.findMany();
  const link = new Map(links.map((l) => [l.id, `${slug.get(l.articleId)}/${key.get(l.personId)}`]));
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    articles: articles.map(({ id, createdAt, updatedAt, ...a }) => a),
    paragraphs: sorted(paragraphs.map(({ id, articleId, createdAt, updatedAt, ...p }) => ({ article: slug.get(articleId), ...p }))),
    people: people.map(({ id, createdAt, updatedAt, ...p }) => p),
    links: sorted(links.map(({ id, articleId, personId, createdAt, ...l }) => ({ article: slug.get(articleId), person: key.get(personId), ...l }))),
    mentions: sorted((await db.mention.findMany()).map((m) => [link.get(m.articlePersonId), para.get(m.paragraphId)])),
    quotes: sorted(
      (await db.quote.findMany()).map(({ id, articleId, paragraphId, speakerId, addresseeId, createdAt, updatedAt, ...q }) => ({
        article: slug.get(articleId),
        paragraph: para.get(paragraphId),
        speaker: speakerId && key.get(speakerId),
        addressee: addresseeId && key.get(addresseeId),
        ...q,
      })),
    ),
    related: sorted(
      (await db.relatedArticle.findMany()).map(({ id, articleId, relatedId, ...r }) => ({ article: slug.get(articleId), related: slug.get(relatedId), ...r })),
    ),
    revisions: sorted(
      (await db.revision.findMany()).map(({ id, entityId, createdAt, snapshot, ...r }) => ({ entity: slug.get(entityId), ...r, snapshot: byName(snapshot, slug, key) })),
    ),
    // The outbox: message ids and times are fresh on every write, the rest is what the change announces.
    outbox: sorted(
      (await db.webhookDelivery.findMany({ include: { event: true } })).map(({ endpointId, orderingKey, status, attempts, event }) => {
        const { timestamp, data, ...payload } = event.payload as { timestamp: string; data: { articleId: number } };
        return { endpointId, orderingKey: orderingKey.replace(/\d+$/, (id) => slug.get(Number(id))!), status, attempts, type: event.type, payload: { ...payload, data: { ...data, articleId: slug.get(data.articleId) } } };
      }),
    ),
  };
}

/** A snapshot's ids (people, related articles) as the name keys and slugs they stand for: ids differ between stores. */
function byName(snapshot: unknown, slug: Map<number, string>, key: Map<number, string>) {
  if (snapshot === null) return null;
  const s = ArticleSnapshot.parse(snapshot);
  const person = (p: { id: number; name: string } | null) => p && { ...p, id: key.get(p.id) };
  return {
    ...s,
    people: s.people.map((p) => ({ ...p, id: key.get(p.id) })),
    quotes: s.quotes.map((q) => ({ ...q, speaker: person(q.speaker), addressee: person(q.addressee) })),
    related: s.related.map((r) => ({ ...r, id: slug.get(r.id) })),
  };
}

describeEachDatabase('bulk ingest', (ctx) => {
  let dir: string;
  let texts: string[];
  let reference: TestDatabase;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-ingest-'));
    texts = writeCorpus(dir);
    reference = await freshDatabase(ctx.provider);
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await reference?.drop();
  });

  test('stores exactly the rows importArticle stores, article by article', async () => {
    // A subscriber to every event, so that each path writes its outbox too.
    for (const db of [ctx.db.prisma, reference.prisma]) {
      await db.webhookEndpoint.create({ data: { url: 'https://example.org/hook', events: [...EVENT_TYPES], secret: 'whsec_' + Buffer.alloc(32, 1).toString('base64') } });
    }
    for (const text of texts) await importArticle(reference.prisma, text, {}, actor);
    // Small batches, so stubs are made and filled within a batch and across batches.
    const reports: FileReport[] = [];
    const summary = await runIngest(ctx.db, await collectInputs([dir]), {}, actor, { ...quiet, file: (r) => reports.push(r) }, 16);
    assert.deepEqual(summary, { created: 70, updated: 1, unchanged: 1, failed: 0 });
    assert.deepEqual(reports.map((r) => r.input.name), (await collectInputs([dir])).map((i) => i.name), 'reports in input order');
    const [bulk, expected] = [await dump(ctx.db.prisma), await dump(reference.prisma)];
    assert.ok(expected.articles.some((a) => a.isStub) && expected.articles.some((a) => a.version > 1), 'the corpus exercises stubs and fills');
    assert.ok(expected.revisions.every((r) => JSON.parse(r).snapshot !== null), 'every ingest entry keeps the article as it stored it (revisions/:n)');
    const announced = expected.outbox.map((o) => JSON.parse(o).type as string);
    assert.deepEqual([announced.length, new Set(announced)], [71, new Set(['article.created', 'article.updated'])], 'an event per stored text, none for the unchanged one');
    for (const table of Object.keys(expected) as (keyof typeof expected)[]) assert.deepEqual(bulk[table], expected[table], table);
  });

  test('leaves the planner statistics behind, and on PostgreSQL the visibility map that index-only scans need', async () => {
    const db = ctx.db.prisma;
    if (ctx.provider === 'sqlite') {
      const rows = await db.$queryRawUnsafe<{ tbl: string }[]>(`SELECT DISTINCT tbl FROM sqlite_stat1 WHERE tbl IN ('articles', 'quotes')`);
      assert.deepEqual(rows.map((r) => r.tbl).sort(), ['articles', 'quotes']);
      return;
    }
    // relallvisible counts the pages the visibility map marks all-visible: only VACUUM sets them (ANALYZE reads it).
    const rows = await db.$queryRawUnsafe<{ relname: string; relpages: number; relallvisible: number; analyzed: boolean }[]>(
      `SELECT c.relname, c.relpages, c.relallvisible, s.last_analyze IS NOT NULL AS analyzed
       FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname IN ('articles', 'quotes') ORDER BY c.relname`,
    );
    assert.equal(rows.length, 2);
    for (const r of rows) {
      assert.ok(r.analyzed, `${r.relname} analyzed`);
      assert.ok(r.relpages > 0 && r.relallvisible === r.relpages, `${r.relname}: ${r.relallvisible} of ${r.relpages} pages all-visible`);
    }
  });

  test('a second run changes nothing', async () => {
    // The corpus as it now stands in the store: without the original text of the article that was changed.
    const inputs = (await collectInputs([dir])).filter((i) => !i.name.endsWith('0005.txt'));
    const beforeRun = await dump(ctx.db.prisma);
    const summary = await runIngest(ctx.db, inputs, {}, actor, quiet, 16);
    assert.deepEqual(summary, { created: 0, updated: 0, unchanged: 71, failed: 0 });
    assert.deepEqual(await dump(ctx.db.prisma), beforeRun);
  });

  test('an article the database refuses, in the middle of a batch, is reported and leaves nothing; the rest is stored', async () => {
    const db = ctx.db.prisma;
    // A stand-in for any constraint a row can break: the database refuses paragraphs that say POISON.
    if (ctx.provider === 'sqlite') {
      await db.$executeRawUnsafe(
        `CREATE TRIGGER poison BEFORE INSERT ON paragraphs WHEN NEW.text LIKE '%POISON%' BEGIN SELECT RAISE(ABORT, 'poisoned paragraph'); END`,
      );
    } else {
      await db.$executeRawUnsafe(
        `CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
           IF NEW.text LIKE '%POISON%' THEN RAISE EXCEPTION 'poisoned paragraph' USING ERRCODE = 'check_violation'; END IF;
           RETURN NEW; END $$`,
      );
      await db.$executeRawUnsafe('CREATE TRIGGER poison BEFORE INSERT ON paragraphs FOR EACH ROW EXECUTE FUNCTION poison()');
    }
    const batchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-poison-'));
    try {
      const shared: [string, string][] = [['Odile Vasquez-Brandt', 'the port authority’s chief engineer']];
      fs.writeFileSync(path.join(batchDir, 'a.txt'), makeArticleText({ headline: 'Harbour works begin' }));
      fs.writeFileSync(
        path.join(batchDir, 'b.txt'),
        makeArticleText({ headline: 'Poisoned harbour story', people: shared, related: ['A headline only the poisoned story names'], extra: 'The council debated the POISON clause at length on Tuesday evening.' }),
      );
      fs.writeFileSync(path.join(batchDir, 'c.txt'), 'Related articles\n\nOnly a headline\nAnd another\n');
      fs.writeFileSync(path.join(batchDir, 'd.txt'), makeArticleText({ headline: 'Harbour works finish', people: shared }));
      const revisionsBefore = await db.revision.count();
      const reports: FileReport[] = [];
      const summary = await runIngest(ctx.db, await collectInputs([batchDir]), {}, actor, { ...quiet, file: (r) => reports.push(r) });
      assert.deepEqual(summary, { created: 2, updated: 0, unchanged: 0, failed: 2 });
      assert.deepEqual(reports.map((r) => r.outcome), ['created', 'failed', 'failed', 'created']);
      assert.match(reports[1]!.error!, /poisoned paragraph/);
      assert.equal(await db.article.count({ where: { headline: { startsWith: 'Poisoned' } } }), 0);
      assert.equal(await db.article.count({ where: { headline: 'A headline only the poisoned story names' } }), 0, 'no stub left');
      // The person the poisoned article would have created is created by the next article, once.
      const person = await db.person.findMany({ where: { name: 'Odile Vasquez-Brandt' }, include: { articles: { include: { article: true } } } });
      assert.equal(person.length, 1);
      assert.deepEqual(person[0]!.articles.map((l) => l.article.headline), ['Harbour works finish']);
      assert.equal(await db.revision.count(), revisionsBefore + 2, 'one revision per stored article, none for the refused one');
    } finally {
      fs.rmSync(batchDir, { recursive: true, force: true });
    }
  });

  test('an article too big for the search index fails alone, named; the rest of its batch is stored', async () => {
    const db = ctx.db.prisma;
    const batchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-toobig-'));
    try {
      // 150,000 different words (1.1 MB, under the 2 MiB limit): a search document over PostgreSQL's 1 MB tsvector.
      const words = Array.from({ length: 150_000 }, (_, i) => `zq${i.toString(36)}x`);
      const paragraphs = Array.from({ length: 1000 }, (_, i) => `${words.slice(i * 150, i * 150 + 150).join(' ')}.`);
      fs.writeFileSync(path.join(batchDir, 'a.txt'), makeArticleText({ headline: 'Before the word list' }));
      fs.writeFileSync(path.join(batchDir, 'b.txt'), `---\nheadline: A list of every word\n---\n${paragraphs.join('\n\n')}\n`);
      fs.writeFileSync(path.join(batchDir, 'c.txt'), makeArticleText({ headline: 'After the word list' }));
      const reports: FileReport[] = [];
      await runIngest(ctx.db, await collectInputs([batchDir]), {}, actor, { ...quiet, file: (r) => reports.push(r) });
      assert.deepEqual([reports[0]!.outcome, reports[2]!.outcome], ['created', 'created']);
      assert.equal(await db.article.count({ where: { headline: { in: ['Before the word list', 'After the word list'] } } }), 2);
      if (ctx.provider === 'postgresql') {
        assert.equal(reports[1]!.outcome, 'failed');
        assert.match(reports[1]!.error!, /too long for tsvector/);
        assert.equal(await db.article.count({ where: { headline: 'A list of every word' } }), 0, 'nothing of it stays');
      } else {
        assert.equal(reports[1]!.outcome, 'created', 'SQLite has no such limit');
      }
    } finally {
      fs.rmSync(batchDir, { recursive: true, force: true });
    }
  });

  test('two ingests of the same corpus at once, in two processes, store each article once', async () => {
    const target = await freshDatabase(ctx.provider);
    try {
      const run = () => runScript('ingest', [dir], { env: { DATABASE_URL: target.url } });
      const results = await Promise.all([run(), run()]);
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      const db = target.prisma;
      const expected = await dump(reference.prisma);
      const got = await dump(db);
      // Either process may have made a given article or stub first; what may never happen is a duplicate or a loss.
      assert.deepEqual(got.articles.map((a) => a.slug), expected.articles.map((a) => a.slug));
      assert.deepEqual(got.people, expected.people);
      assert.equal(got.paragraphs.length, expected.paragraphs.length);
      assert.equal(got.quotes.length, expected.quotes.length);
      assert.equal(got.related.length, expected.related.length);
      const creates = await db.revision.groupBy({ by: ['entityId'], where: { action: 'ingest.create' }, _count: true });
      assert.ok(creates.every((c) => c._count === 1), 'each article created once');
    } finally {
      await target.drop();
    }
  });
});
