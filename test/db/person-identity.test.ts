import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Db } from '../../src/db/client.ts';
import { collectInputs } from '../../src/ingest/collect-inputs.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { runIngest } from '../../src/ingest/run-ingest.ts';
import { describeEachDatabase, freshDatabase } from '../support/databases.ts';
import { NAMESAKE_ARTICLES } from '../support/namesakes.ts';
import { sampleText } from '../support/articles.ts';

const actor = { name: 'test' };
const quiet = { start() {}, file() {}, finish() {} };

/** Who is who: each person named Dana Whitfield or quoted as an organisation, with their articles and quotes. */
async function identities(db: Db) {
  const people = await db.person.findMany({
    where: { OR: [{ nameKey: 'dana whitfield' }, { kind: 'organisation' }] },
    orderBy: { id: 'asc' },
    select: {
      name: true, kind: true, description: true, pronoun: true,
      articles: { orderBy: { articleId: 'asc' }, select: { role: true, article: { select: { slug: true } } } },
      quotes: { orderBy: { id: 'asc' }, select: { text: true } },
    },
  });
  return people.map(({ articles, quotes, ...p }) => ({ ...p, articles: articles.map((a) => a.article.slug), quotes: quotes.map((q) => q.text) }));
}

const EXPECTED = [
  {
    name: 'Dana Whitfield', kind: 'person', description: null, pronoun: 'she',
    articles: ['night-shift-at-st-lukes', 'ward-closures-loom'],
    quotes: ['We have never seen a winter like this', 'Patients will wait longer'],
  },
  {
    name: 'Dana Whitfield', kind: 'person', description: 'currency strategist at Harbor Bank', pronoun: null,
    articles: ['currency-slides-again'],
    quotes: ['Markets are pricing in a cut'],
  },
  { name: 'central bank', kind: 'organisation', description: null, pronoun: null, articles: ['ward-closures-loom'], quotes: ['Rates will stay where they are'] },
];

describeEachDatabase('person identity', (ctx) => {
  test('one name in two clearly different roles is two people; a third article in the first role joins the first (per-article import)', async () => {
    const db = ctx.db.prisma;
    for (const a of NAMESAKE_ARTICLES) await importArticle(db, a.text, {}, actor);
    assert.deepEqual(await identities(db), EXPECTED);
    // Re-ingesting unchanged text keeps every identity; changed text of an article keeps its people too.
    const ids = await db.person.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
    for (const a of NAMESAKE_ARTICLES) assert.equal((await importArticle(db, a.text, {}, actor)).outcome, 'unchanged');
    const edited = NAMESAKE_ARTICLES[2]!.text.replace('Two wards may close next year.', 'Two wards may close by March.');
    assert.equal((await importArticle(db, edited, {}, actor)).outcome, 'updated');
    assert.deepEqual(await db.person.findMany({ orderBy: { id: 'asc' }, select: { id: true } }), ids);
    assert.deepEqual(await identities(db), EXPECTED);
  });

  test('the bulk ingest makes the same people, in one batch and over two runs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'namesakes-'));
    const first = await freshDatabase(ctx.provider);
    const second = await freshDatabase(ctx.provider);
    try {
      NAMESAKE_ARTICLES.forEach((a, i) => fs.writeFileSync(path.join(dir, `${i}.txt`), a.text));
      const summary = await runIngest(first, await collectInputs([dir]), {}, actor, quiet);
      assert.equal(summary.created, 3);
      assert.deepEqual(await identities(first.prisma), EXPECTED);
      // The first role's article on its own first, the other two in a later run: the same identities.
      fs.rmSync(path.join(dir, '1.txt'));
      fs.rmSync(path.join(dir, '2.txt'));
      await runIngest(second, await collectInputs([dir]), {}, actor, quiet);
      NAMESAKE_ARTICLES.slice(1).forEach((a, i) => fs.writeFileSync(path.join(dir, `${i + 1}.txt`), a.text));
      const again = await runIngest(second, await collectInputs([dir]), {}, actor, quiet);
      assert.deepEqual([again.created, again.unchanged], [2, 1]);
      assert.deepEqual(await identities(second.prisma), EXPECTED);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await first.drop();
      await second.drop();
    }
  });

  test('the sample keeps Wang Yi’s four quotes, and another article naming him in a compatible role joins him', async () => {
    const target = await freshDatabase(ctx.provider);
    try {
      await importArticle(target.prisma, sampleText(), {}, actor);
      await importArticle(target.prisma, fs.readFileSync(new URL('../fixtures/articles/yonhap-trilateral-family-name-first.txt', import.meta.url), 'utf8'), {}, actor);
      const wang = await target.prisma.person.findMany({
        where: { nameKey: 'wang yi' },
        select: { articles: { select: { role: true } }, quotes: { select: { article: { select: { sourceText: true } } } } },
      });
      assert.equal(wang.length, 1, 'one Wang Yi: "China’s top diplomat" and "Chinese Foreign Minister" agree');
      assert.deepEqual(wang[0]!.articles.map((a) => a.role).sort(), ['Chinese Foreign Minister', 'China’s top diplomat'].sort());
      assert.equal(wang[0]!.quotes.filter((q) => q.article.sourceText === sampleText()).length, 4);
    } finally {
      await target.drop();
    }
  });
});
