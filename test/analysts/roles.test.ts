/**
 * article_people.role_title and role_category (docs/analysts.md "Roles: title and category") follow the role as
 * written through every writer: the ingest, an editor's POST and PATCH, and the backfill for older rows.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import request from 'supertest';
import { backfillRoleReadings } from '../../src/article-people/backfill-roles.ts';
import { readRole } from '../../src/article-people/role-category.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { sampleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, bearer, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('role titles and categories', (ctx) => {
  let editor: string;
  const readings = async (articleId?: number) =>
    (await ctx.db.prisma.articlePerson.findMany({
      where: articleId ? { articleId } : {},
      orderBy: { id: 'asc' },
      select: { id: true, personId: true, role: true, roleTitle: true, roleCategory: true },
    })).map(({ id, personId, ...r }) => ({ id, personId, ...r }));

  before(async () => {
    editor = await tokenFor(ctx.db, 'editor', 'Ines');
    await importArticle(ctx.db.prisma, sampleText(), {}, { name: 'roles-test', tokenId: null });
  });

  test('the ingest stores each role’s title and category', async () => {
    const rows = await readings();
    assert.ok(rows.length >= 7);
    for (const r of rows) assert.deepEqual({ roleTitle: r.roleTitle, roleCategory: r.roleCategory }, readRole(r.role), r.role ?? 'no role');
    const byRole = new Map(rows.map((r) => [r.role, [r.roleTitle, r.roleCategory]]));
    assert.deepEqual(byRole.get('US secretary of state'), ['Secretary of state', 'politician']);
    assert.deepEqual(byRole.get('China’s top diplomat'), ['Diplomat', 'government_official']);
  });

  test('an editor setting a role sets its title and category; clearing it clears them', async () => {
    const a = await articleFactory(ctx.db);
    const added = await request(testApp(ctx.db)).post(`/api/articles/${a.id}/people`).set(bearer(editor)).set('If-Match', articleEtag(a.id, 1))
      .send({ person: { name: 'Oyelaran Adisa' }, role: 'CEO' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const row = async () => (await readings(a.id)).find((r) => r.personId === added.body.id)!;
    assert.deepEqual([(await row()).roleTitle, (await row()).roleCategory], ['Chief executive', 'executive']);
    const path = `/api/articles/${a.id}/people/${added.body.id}`;
    assert.equal((await request(testApp(ctx.db)).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 2)).send({ role: 'Sen.' })).status, 200);
    assert.deepEqual([(await row()).roleTitle, (await row()).roleCategory], ['Senator', 'politician']);
    // Aliases only: the role and its reading stay.
    assert.equal((await request(testApp(ctx.db)).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 3)).send({ aliases: ['Adisa'] })).status, 200);
    assert.deepEqual([(await row()).roleTitle, (await row()).roleCategory], ['Senator', 'politician']);
    assert.equal((await request(testApp(ctx.db)).patch(path).set(bearer(editor)).set('If-Match', articleEtag(a.id, 4)).send({ role: null })).status, 200);
    assert.deepEqual([(await row()).roleTitle, (await row()).roleCategory], [null, null]);
  });

  test('the backfill fills rows stored without a reading, and changes nothing the second time', async () => {
    // (Rows made by a test factory straight through Prisma have a role and no reading: the backfill reads them too.)
    const expected = (await readings()).map((r) => ({ ...r, ...readRole(r.role) }));
    await ctx.db.prisma.articlePerson.updateMany({ data: { roleTitle: null, roleCategory: null } });
    const withRole = expected.filter((r) => r.role !== null).length;
    assert.ok(withRole > 0);
    assert.deepEqual(await backfillRoleReadings(ctx.db.prisma), { read: expected.length, changed: withRole });
    assert.deepEqual(await readings(), expected);
    assert.deepEqual(await backfillRoleReadings(ctx.db.prisma), { read: expected.length, changed: 0 });
  });
});
