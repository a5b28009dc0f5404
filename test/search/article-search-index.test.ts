/**
 * `article_search` (one full-text document per article, src/db/search-index.ts) must follow every writer: the bulk
 * ingest, API edits and deletes, a rolled-back transaction (no trace), and SQL written by hand (the next search
 * catches up). Ranking is bounded to the newest RANK_WINDOW matches (search-sql.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import request from 'supertest';
import { dialectOf } from '../../src/db/dialect.ts';
import { transaction } from '../../src/db/transaction.ts';
import { collectInputs } from '../../src/ingest/collect-inputs.ts';
import { runIngest } from '../../src/ingest/run-ingest.ts';
import { parseSearchQuery } from '../../src/search/search-query.ts';
import { type RankedArticleRow, rankedArticlesSql } from '../../src/search/search-sql.ts';
import { makeArticleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { assertIntegrity } from '../support/db-invariants.ts';
import { articleEtag, bearer, testApp, tokenFor } from '../support/http.ts';

const actor = { name: 'search-index-test', tokenId: null };
const quiet = { start() {}, file() {}, finish() {} };

describeEachDatabase('the article search index follows every writer', (ctx) => {
  let editor: string;
  let admin: string;
  const app = () => testApp(ctx.db);
  const found = async (q: string) =>
    ((await request(app()).get('/api/search').query({ q }).set(bearer(editor))).body.data as { article: { slug: string } }[]).map((r) => r.article.slug);
  const idOf = async (slug: string) => (await ctx.db.prisma.article.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;

  before(async () => {
    editor = await tokenFor(ctx.db, 'editor', 'Index');
    admin = await tokenFor(ctx.db, 'admin', 'Index admin');
    // The bulk path: one batch of several articles, each with a word of its own in its last paragraph.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-index-'));
    for (const [i, word] of ['quillwort', 'marramgrass', 'samphire'].entries()) {
      fs.writeFileSync(path.join(dir, `${i}.txt`), makeArticleText({ headline: `Dune report ${i}`, extra: `Volunteers counted ${word} along the dunes.` }));
    }
    const summary = await runIngest(ctx.db, await collectInputs([dir]), {}, actor, quiet);
    assert.equal(summary.created, 3);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the bulk ingest leaves every article searchable, by body and by headline', async () => {
    assert.deepEqual(await found('marramgrass'), ['dune-report-1']);
    assert.deepEqual(await found('"dune report" samphire'), ['dune-report-2'], 'headline and body words together');
    assert.deepEqual((await found('volunteers -quillwort')).sort(), ['dune-report-1', 'dune-report-2']);
    await assertIntegrity(ctx.db.prisma, ctx.db.provider, ctx.db.url);
  });

  test('API edits and deletes: the old words are gone, the new ones found, a deleted article leaves no document', async () => {
    const id = await idOf('dune-report-0');
    const article = (await request(app()).get(`/api/articles/${id}`).set(bearer(editor))).body;
    const last = article.paragraphs.at(-1);
    const edited = await request(app())
      .patch(`/api/articles/${id}/paragraphs/${last.id}`)
      .set(bearer(editor))
      .set('If-Match', articleEtag(id, article.version))
      .send({ text: 'Volunteers counted sea holly along the dunes.' });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(await found('quillwort'), []);
    assert.deepEqual(await found('"sea holly"'), ['dune-report-0']);

    const gone = await idOf('dune-report-2');
    const deleted = await request(app()).delete(`/api/articles/${gone}`).set(bearer(admin)).set('If-Match', articleEtag(gone, 1));
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
    assert.deepEqual(await found('samphire'), []);
    await assertIntegrity(ctx.db.prisma, ctx.db.provider, ctx.db.url);
  });

  test('a rolled-back transaction leaves the index as it was', async () => {
    const id = await idOf('dune-report-1');
    await assert.rejects(
      transaction(ctx.db.prisma, async (tx) => {
        await tx.paragraph.updateMany({ where: { articleId: id }, data: { text: 'Nothing but lyme grass here.' } });
        throw new Error('the editor changed their mind');
      }),
      /changed their mind/,
    );
    assert.deepEqual(await found('marramgrass'), ['dune-report-1']);
    assert.deepEqual(await found('"lyme grass"'), []);
    await assertIntegrity(ctx.db.prisma, ctx.db.provider, ctx.db.url);
  });

  test('SQL written by hand is noted by the triggers and searchable at once', async () => {
    const id = await idOf('dune-report-1');
    await ctx.db.prisma.$executeRawUnsafe(`UPDATE paragraphs SET text = 'Volunteers counted sea kale along the dunes.' WHERE article_id = ${id} AND text LIKE '%marramgrass%'`);
    const pending = await ctx.db.prisma.$queryRawUnsafe<{ article_id: number | bigint }[]>('SELECT article_id FROM article_search_pending');
    assert.deepEqual(pending.map((r) => Number(r.article_id)), [id]);
    assert.deepEqual(await found('"sea kale"'), ['dune-report-1'], 'the search caught up first');
    assert.deepEqual(await found('marramgrass'), []);
    await assertIntegrity(ctx.db.prisma, ctx.db.provider, ctx.db.url);
  });

  test('ranking scores the newest matching articles only, up to the window', async () => {
    const all = await ctx.db.prisma.$queryRaw<RankedArticleRow[]>(
      rankedArticlesSql(dialectOf(ctx.db.prisma), parseSearchQuery('volunteers'), ['published'], null, 10),
    );
    const newestFirst = all.map((r) => Number(r.id)).sort((a, b) => b - a);
    assert.equal(newestFirst.length, 2);
    const windowed = await ctx.db.prisma.$queryRaw<RankedArticleRow[]>(
      rankedArticlesSql(dialectOf(ctx.db.prisma), parseSearchQuery('volunteers'), ['published'], null, 10, 1),
    );
    assert.deepEqual(windowed.map((r) => Number(r.id)), newestFirst.slice(0, 1));
  });
});
