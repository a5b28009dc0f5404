import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translateDbError } from '../../src/db/errors.ts';
import { transaction } from '../../src/db/transaction.ts';
import { AppError } from '../../src/errors.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { makeArticleText, sampleText } from '../support/articles.ts';

const actor = { name: 'test' };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    const translated = translateDbError(e);
    assert.ok(translated instanceof AppError, `expected a translated AppError, got ${String(e)}`);
    return translated;
  }
  assert.fail('the database accepted what it must refuse');
}

describeEachDatabase('constraints and their translation', (ctx) => {
  test('a duplicate paragraph position in an article is refused as a conflict', async () => {
    const db = ctx.db.prisma;
    const { articleId } = await importArticle(db, makeArticleText({ headline: 'Positions are unique' }), {}, actor);
    const error = await refusal(db.paragraph.create({ data: { articleId, position: 1, text: 'again' } }));
    assert.equal(error.code, 'conflict');
    assert.equal(error.status, 409);
  });

  test('a duplicate slug is refused as a conflict naming the field', async () => {
    const db = ctx.db.prisma;
    await db.article.create({ data: { slug: 'one-slug', headline: 'One' } });
    const error = await refusal(db.article.create({ data: { slug: 'one-slug', headline: 'Two' } }));
    assert.equal(error.code, 'conflict');
    assert.match(error.message, /slug/);
  });

  test('a person’s kind, pronoun and Wikidata item are refused outside their values (CHECK on SQLite, a trigger on PostgreSQL)', async () => {
    const db = ctx.db.prisma;
    const person = await db.person.create({ data: { name: 'Domain Test', nameKey: 'domain test' } });
    assert.equal(person.kind, 'person');
    for (const data of [{ kind: 'robot' }, { pronoun: 'it' }, { wikidataId: 'Q0' }, { wikidataId: 'Q12x' }, { wikidataId: '42' }]) {
      const error = await refusal(db.person.update({ where: { id: person.id }, data }));
      assert.equal(error.status, 422, JSON.stringify(data));
    }
    const ok = await db.person.update({ where: { id: person.id }, data: { kind: 'organisation', pronoun: 'they', wikidataId: 'Q42' } });
    assert.deepEqual([ok.kind, ok.pronoun, ok.wikidataId], ['organisation', 'they', 'Q42']);
    // Namesakes are allowed (their description tells them apart); one Wikidata item is one person.
    await db.person.create({ data: { name: 'Domain Test', nameKey: 'domain test', description: 'another' } });
    const error = await refusal(db.person.create({ data: { name: 'Someone', nameKey: 'someone', wikidataId: 'Q42' } }));
    assert.equal(error.code, 'conflict');
  });

  test('a missing record is not_found', async () => {
    const error = await refusal(ctx.db.prisma.article.update({ where: { id: 987654 }, data: { headline: 'x' } }));
    assert.equal(error.code, 'not_found');
  });

  test('deleting a person who is quoted is refused (the quote keeps its speaker)', async () => {
    const db = ctx.db.prisma;
    await importArticle(db, sampleText(), {}, actor);
    const wang = await db.person.findFirstOrThrow({ where: { name: 'Wang Yi' } });
    const error = await refusal(db.person.delete({ where: { id: wang.id } }));
    assert.equal(error.code, 'conflict');
    assert.equal(await db.person.count({ where: { id: wang.id } }), 1);
  });

  test('deleting an article cascades to paragraphs, quotes, mentions and links, but not to people', async () => {
    const db = ctx.db.prisma;
    const article = await db.article.findFirstOrThrow({ where: { isStub: false, slug: { startsWith: 'vladimir-putin' } } });
    // A link pointing at the article from elsewhere goes too.
    const other = await importArticle(db, makeArticleText({ headline: 'Pointing elsewhere' }), {}, actor);
    await db.relatedArticle.create({ data: { articleId: other.articleId, relatedId: article.id, position: 9, title: article.headline } });
    const people = await db.person.count();
    await db.article.delete({ where: { id: article.id } });
    const where = { articleId: article.id };
    assert.equal(await db.paragraph.count({ where }), 0);
    assert.equal(await db.quote.count({ where }), 0);
    assert.equal(await db.articlePerson.count({ where }), 0);
    assert.equal(await db.relatedArticle.count({ where }), 0);
    assert.equal(await db.relatedArticle.count({ where: { relatedId: article.id } }), 0);
    assert.equal(await db.mention.count({ where: { articlePerson: { articleId: article.id } } }), 0);
    assert.equal(await db.person.count(), people, 'people outlive the articles that mention them');
    assert.ok((await db.article.count({ where: { isStub: true } })) >= 5, 'stubs it linked to stay');
  });

  test('transaction() is all or nothing, and a helper given a transaction joins it', async () => {
    const db = ctx.db.prisma;
    const before = await db.article.count();
    await assert.rejects(
      transaction(db, async (tx) => {
        await tx.article.create({ data: { slug: 'rolled-back-outer', headline: 'outer' } });
        // Joins the outer transaction rather than committing on its own.
        await transaction(tx, (inner) => inner.article.create({ data: { slug: 'rolled-back-inner', headline: 'inner' } }));
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await db.article.count(), before);
    // The connection is healthy afterwards (a nested transaction used to leave SQLite's closed).
    await transaction(db, (tx) => tx.article.create({ data: { slug: 'after-rollback', headline: 'after' } }));
    assert.equal(await db.article.count(), before + 1);
  });
});
