import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { articleFactory } from '../support/http.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { deskAccount, launchBrowser, newPage, seriousViolations, serveDesk, signIn } from '../support/desk-browser.ts';

/** Each failure an editor can meet shows a clear message and keeps what they typed. */
describeEachDatabase('the desk when things go wrong', (ctx) => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDesk>>;
  let page: Page;
  let who: { email: string; password: string; name: string };

  before(async () => {
    who = await deskAccount(ctx.db, 'Wanda Wrong');
    server = await serveDesk(ctx.db);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const openArticle = async () => {
    const a = await articleFactory(ctx.db, { status: 'draft', paragraphs: 3 });
    page = await newPage(browser);
    await signIn(page, server.url, who);
    await page.goto(`${server.url}/desk/articles/${a.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return a;
  };

  test('a wrong password: one message that names no field, and the email stays typed', async () => {
    page = await newPage(browser);
    await page.goto(`${server.url}/desk`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill('not my password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
    assert.equal(await page.getByLabel('Email').inputValue(), who.email);
    assert.deepEqual(await seriousViolations(page), []);
    await page.context().close();
  });

  test('an expired session: sign in again over the page, the unsaved paragraph is kept and then saved', async () => {
    const a = await openArticle();
    await page.getByRole('button', { name: 'Edit paragraph 1', exact: true }).click();
    await page.getByLabel('Text of paragraph 1').fill('Typed before the session ran out.');
    await ctx.db.prisma.accountSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    await page.getByRole('button', { name: 'Save paragraph' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.getByText(/Your session has expired/).waitFor();
    assert.equal(await page.getByLabel('Text of paragraph 1').inputValue(), 'Typed before the session ran out.');
    await dialog.getByLabel('Email').fill(who.email);
    await dialog.getByLabel('Password').fill(who.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save paragraph' }).click();
    await page.getByRole('status').filter({ hasText: 'Paragraph saved' }).waitFor();
    const p = await ctx.db.prisma.paragraph.findFirstOrThrow({ where: { articleId: a.id, position: 1 }, select: { text: true } });
    assert.equal(p.text, 'Typed before the session ran out.');
    await page.context().close();
  });

  test('a lost connection: the message says so, the text stays, and saving works once back online', async () => {
    const a = await openArticle();
    await page.getByRole('button', { name: 'Edit paragraph 2', exact: true }).click();
    await page.getByLabel('Text of paragraph 2').fill('Written on a train.');
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Save paragraph' }).click();
    await page.getByRole('alert').filter({ hasText: 'Cannot reach the server' }).waitFor();
    assert.equal(await page.getByLabel('Text of paragraph 2').inputValue(), 'Written on a train.');
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Save paragraph' }).click();
    await page.getByRole('status').filter({ hasText: 'Paragraph saved' }).waitFor();
    const p = await ctx.db.prisma.paragraph.findFirstOrThrow({ where: { articleId: a.id, position: 2 }, select: { text: true } });
    assert.equal(p.text, 'Written on a train.');
    await page.context().close();
  });

  test('a 422 from the API: its message and the field it names are shown, the text stays', async () => {
    page = await newPage(browser);
    await signIn(page, server.url, who);
    await page.getByRole('link', { name: 'Import' }).click();
    const text = '---\nheadline: Only a headline, no body\n---\n';
    await page.getByLabel('Article text').fill(text);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('alert').filter({ hasText: 'The article has no body' }).waitFor();
    assert.equal(await page.getByLabel('Article text').inputValue(), text);
    assert.deepEqual(await seriousViolations(page), []);
    await page.context().close();
  });

  test('a 412 on a quote: the dialog names the other editor; the change can be dropped', async () => {
    const a = await openArticle();
    // Another editor (through the API, as a script would) changes the article after the page read it.
    await ctx.db.prisma.article.update({ where: { id: a.id }, data: { version: { increment: 1 } } });
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Someone else changed this article' });
    await dialog.getByText('Publish', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Discard my change' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await ctx.db.prisma.article.findUniqueOrThrow({ where: { id: a.id }, select: { status: true } })).status, 'draft');
    await page.context().close();
  });
});
