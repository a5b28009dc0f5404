import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seed } from '../../src/ingest/seed.ts';
import { makeArticleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { deskAccount, launchBrowser, newPage, screenshot, selectWords, seriousViolations, serveDesk, signIn } from '../support/desk-browser.ts';

const SAMPLE = 'Vladimir Putin and Wang Yi, China’s top diplomat, vowed to strengthen ties';

/**
 * An editor's day at the desk, in a real browser, controls found by role and label as a person finds them: sign in,
 * search, open the sample, change a speaker, reorder paragraphs, a colleague edits the same article meanwhile (the
 * conflict is shown and the change reapplied), the history names both, a person's page, an import, sign out. axe-core
 * checks every page.
 */
describeEachDatabase('the desk, in a browser', (ctx) => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDesk>>;
  let edith: { email: string; password: string; name: string };
  let bob: { email: string; password: string; name: string };
  let page: Page;
  let sampleId: number;

  before(async () => {
    await seed(ctx.db);
    sampleId = (await ctx.db.prisma.article.findFirstOrThrow({ where: { isStub: false }, orderBy: { id: 'asc' }, select: { id: true } })).id;
    edith = await deskAccount(ctx.db, 'Edith Editor');
    bob = await deskAccount(ctx.db, 'Bob Second', 'admin');
    server = await serveDesk(ctx.db);
    browser = await launchBrowser();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const assertAccessible = async (what: string) => assert.deepEqual(await seriousViolations(page), [], `axe on ${what}`);

  test('sign in, then search the list and open the sample', async () => {
    await page.goto(`${server.url}/desk`);
    await assertAccessible('the sign-in page');
    await screenshot(page, 'sign-in', ctx.provider);
    await signIn(page, server.url, edith);
    await page.getByLabel('Search').fill('Wang strategic');
    await page.getByLabel('Search').press('Enter');
    await page.waitForURL(/q=Wang/);
    const link = page.getByRole('link', { name: new RegExp(SAMPLE) });
    await link.waitFor();
    assert.equal(await page.getByRole('list', { name: 'Articles' }).getByRole('listitem').count(), 1);
    await page.getByLabel('Status').selectOption('draft');
    await page.getByText('No article matches.').waitFor();
    await assertAccessible('the article list');
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Search').press('Enter');
    await screenshot(page, 'articles', ctx.provider);
    await page.getByLabel('Search').fill('Wang');
    await page.getByLabel('Search').press('Enter');
    await page.getByRole('link', { name: new RegExp(SAMPLE) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(SAMPLE) }).waitFor();
    assert.match(page.url(), new RegExp(`/desk/articles/${sampleId}$`));
  });

  test('the article reads with its quotes marked by kind and their speakers beside them', async () => {
    const quote = page.getByRole('button', { name: /We are prepared to maintain our strategic focus/ });
    await quote.waitFor();
    assert.match((await quote.getAttribute('class')) ?? '', /direct/);
    const speaker = await quote.evaluate((el) => el.nextElementSibling?.textContent);
    assert.equal(speaker, 'Wang Yi');
    await page.getByRole('complementary').getByRole('link', { name: 'Antony Blinken' }).waitFor();
    await assertAccessible('the article');
    await screenshot(page, 'article', ctx.provider);
  });

  test('change a speaker: click the quote, find the person, save', async () => {
    await page.getByRole('button', { name: /China-Russia relations have withstood pressure/ }).click();
    await page.getByLabel('Find or create the speaker').fill('Blinken');
    await page.getByRole('button', { name: 'Choose Antony Blinken' }).click();
    await assertAccessible('the quote editor');
    await page.getByRole('button', { name: 'Save quote' }).click();
    await page.getByRole('status').filter({ hasText: 'Quote saved' }).waitFor();
    const q = await ctx.db.prisma.quote.findFirstOrThrow({ where: { articleId: sampleId, text: { startsWith: 'China-Russia relations' } }, select: { speaker: { select: { name: true } } } });
    assert.equal(q.speaker?.name, 'Antony Blinken');
    const label = await page.getByRole('button', { name: /China-Russia relations have withstood/ }).evaluate((el) => el.nextElementSibling?.textContent);
    assert.equal(label, 'Antony Blinken');
    await page.getByRole('button', { name: 'Close' }).click();
  });

  test('reorder paragraphs with a button, with the keyboard, and by dragging', async () => {
    const firstText = async () => (await page.getByRole('list', { name: 'Paragraphs' }).getByRole('listitem').first().locator('.ptext').textContent()) ?? '';
    const before = await ctx.db.prisma.paragraph.findMany({ where: { articleId: sampleId }, orderBy: { position: 'asc' }, select: { id: true, text: true } });
    await page.getByRole('button', { name: 'Move paragraph 2 up' }).click();
    await page.getByRole('status').filter({ hasText: 'Paragraph 2 moved to place 1' }).waitFor();
    assert.ok((await firstText()).startsWith('Wang’s visit to Moscow'));
    // Keyboard: the moved paragraph's handle keeps focus; Alt+ArrowDown takes it back down.
    await page.getByRole('button', { name: /^Paragraph 1: drag/ }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.getByRole('status').filter({ hasText: 'Paragraph 1 moved to place 2' }).waitFor();
    assert.ok((await firstText()).startsWith('Vladimir Putin and Wang Yi'));
    await page.getByRole('button', { name: /^Paragraph 3: drag/ }).dragTo(page.getByRole('button', { name: /^Paragraph 1: drag/ }));
    await page.getByRole('status').filter({ hasText: 'Paragraph 3 moved to place 1' }).waitFor();
    const after = await ctx.db.prisma.paragraph.findMany({ where: { articleId: sampleId }, orderBy: { position: 'asc' }, select: { id: true } });
    assert.deepEqual(after.slice(0, 3).map((p) => p.id), [before[2]!.id, before[0]!.id, before[1]!.id]);
  });

  test('a colleague saves first: the conflict says who and what, keeps the change, and reapplies it', async () => {
    const bobPage = await newPage(browser);
    await signIn(bobPage, server.url, bob);
    await bobPage.goto(`${server.url}/desk/articles/${sampleId}`);
    // Edith starts editing paragraph 4 on the version she has.
    await page.getByRole('button', { name: 'Edit paragraph 4', exact: true }).click();
    const mine = 'Edith’s rewrite of the fourth paragraph, typed while Bob was working.';
    await page.getByLabel('Text of paragraph 4').fill(mine);
    // Bob edits paragraph 1 and saves first.
    await bobPage.getByRole('button', { name: 'Edit paragraph 1', exact: true }).click();
    await bobPage.getByLabel('Text of paragraph 1').fill('Bob’s new first paragraph.');
    await bobPage.getByRole('button', { name: 'Save paragraph' }).click();
    await bobPage.getByRole('status').filter({ hasText: 'Paragraph saved' }).waitFor();
    await bobPage.context().close();

    await page.getByRole('button', { name: 'Save paragraph' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Someone else changed this article' });
    await dialog.waitFor();
    await dialog.getByText('Bob Second', { exact: true }).waitFor();
    assert.match((await dialog.textContent()) ?? '', /paragraph update/);
    assert.match((await dialog.textContent()) ?? '', /Edit paragraph 4/);
    assert.equal(await page.getByLabel('Text of paragraph 4').inputValue(), mine, 'the unsaved text is kept');
    await assertAccessible('the conflict dialog');
    await screenshot(page, 'conflict', ctx.provider);
    await dialog.getByRole('button', { name: 'Apply my change to the new version' }).click();
    await page.getByRole('status').filter({ hasText: 'Your change was applied on the new version' }).waitFor();
    const texts = (await ctx.db.prisma.paragraph.findMany({ where: { articleId: sampleId }, orderBy: { position: 'asc' }, select: { text: true } })).map((p) => p.text);
    assert.equal(texts[0], 'Bob’s new first paragraph.');
    assert.equal(texts[3], mine);
  });

  test('mark a quote the ingest missed by selecting its words', async () => {
    const words = 'rewrite of the fourth paragraph';
    await selectWords(page.getByText(words), words);
    await page.getByLabel('Kind of quote').selectOption('partial');
    await page.getByRole('button', { name: 'Mark as quote' }).click();
    await page.getByRole('button', { name: words }).waitFor();
    const q = await ctx.db.prisma.quote.findFirstOrThrow({ where: { articleId: sampleId, text: words }, select: { kind: true } });
    assert.equal(q.kind, 'partial');
  });

  test('the history shows both editors, each change as a diff', async () => {
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { level: 1, name: /History/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Bob Second · paragraph update/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Edith Editor · paragraph update/ }).first().waitFor();
    await page.getByRole('heading', { level: 2, name: /Edith Editor · quote update/ }).waitFor();
    assert.ok((await page.locator('.diff .added').count()) > 0);
    assert.ok((await page.locator('.diff .removed').count()) > 0);
    await assertAccessible('the history');
    await screenshot(page, 'history', ctx.provider);
  });

  test('a person’s page: quotes across articles, roles per article, rename', async () => {
    await page.goto(`${server.url}/desk/articles/${sampleId}`);
    await page.getByRole('complementary').getByRole('link', { name: 'Wang Yi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wang Yi' }).waitFor();
    await page.getByText(/We are prepared to maintain our strategic focus/).waitFor();
    await page.getByText('China’s top diplomat').first().waitFor();
    await assertAccessible('the person page');
    await screenshot(page, 'person', ctx.provider);
    await page.getByLabel('Name', { exact: true }).fill('Wang Yi (diplomat)');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wang Yi (diplomat)' }).waitFor();
  });

  test('import: paste a text, preview what the ingest reads, save it as a draft', async () => {
    await page.getByRole('link', { name: 'Import' }).click();
    const text = makeArticleText({ headline: 'Harbour plan splits the council', people: [['Ama Mensah', 'the port authority’s chief']], related: ['Harbour follow-up to come'] });
    await page.getByLabel('Article text').fill(text);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: /What the ingest reads: Harbour plan splits the council/ });
    await preview.waitFor();
    await preview.getByText(/— Ama Mensah \(direct, paragraph 2\)/).waitFor();
    await preview.getByText('Ama Mensah, port authority’s chief').waitFor();
    assert.equal(await ctx.db.prisma.article.count({ where: { headline: 'Harbour plan splits the council' } }), 0, 'a preview stores nothing');
    await assertAccessible('the import preview');
    await screenshot(page, 'import-preview', ctx.provider);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Harbour plan splits the council' }).waitFor();
    const saved = await ctx.db.prisma.article.findFirstOrThrow({ where: { headline: 'Harbour plan splits the council' }, select: { status: true } });
    assert.equal(saved.status, 'draft');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('button', { name: 'Unpublish' }).waitFor();
    // Its related headline became a stub: the list marks it.
    await page.goto(`${server.url}/desk?status=stub`);
    const stub = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Harbour follow-up to come' }) });
    await stub.getByText('stub', { exact: true }).waitFor();
  });

  test('readable at phone width: nothing scrolls sideways', async () => {
    const phone = await newPage(browser, { width: 390, height: 844 });
    await signIn(phone, server.url, edith);
    await phone.goto(`${server.url}/desk/articles/${sampleId}`);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    const [scroll, width] = await phone.evaluate('[document.documentElement.scrollWidth, innerWidth]') as [number, number];
    assert.ok(scroll! <= width!, `page is ${scroll}px wide in a ${width}px window`);
    await screenshot(phone, 'article-phone', ctx.provider);
    await phone.context().close();
  });

  test('sign out ends the session', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto(`${server.url}/desk/articles/${sampleId}`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});
