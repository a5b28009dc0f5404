/**
 * `npm run bench:desk`: how soon an article of 60 paragraphs is usable at the desk — every quote marked and the
 * controls live — after navigation, in headless Chromium on this machine. A benchmark, not a test: it prints figures.
 *
 *   npm run bench:desk                 5 navigations (the first warms the browser's cache, as an editor's would be)
 *   npm run bench:desk -- --runs 10
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { createAccount } from '../src/accounts/accounts.ts';
import { loadConfig } from '../src/config/index.ts';
import { resolveDatabaseUrl } from '../src/config/database-url.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateDeploy } from '../src/db/migrate.ts';
import { buildDesk } from '../src/desk/build.ts';
import { createApp } from '../src/http/app.ts';
import { importArticle } from '../src/ingest/import-article.ts';

const PARAGRAPHS = 60;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

/** 60 paragraphs, every one with a quote (two people, alternating direct and partial quotes). */
function longArticle(): string {
  const paras = Array.from({ length: PARAGRAPHS }, (_, i) =>
    i === 0
      ? 'Maria Lopez, the city’s housing director, and Kofi Boateng, a union leader, met on Monday to discuss the budget.'
      : i % 2
        ? `“We will deliver item ${i} of the plan this year, and we will publish the figures,” Lopez said of part ${i}.`
        : `Boateng called part ${i} of the plan “a promise without money” and asked for the council’s figures again.`,
  );
  return `---\nheadline: A sixty-paragraph council budget story\n---\n${paras.join('\n\n')}\n`;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-desk-'));
  const target = resolveDatabaseUrl(`file:${path.join(dir, 'bench.db')}`);
  await migrateDeploy(target, { quiet: true });
  const database = await openDatabase(target);
  const { articleId } = await importArticle(database.prisma, longArticle(), {}, { name: 'bench' });
  const quotes = await database.prisma.quote.count({ where: { articleId, startOffset: { not: null } } });
  await createAccount(database.prisma, { email: 'bench@example.org', name: 'Bench', role: 'editor', password: 'bench password long' });
  const { jsGzipBytes } = await buildDesk();
  const config = loadConfig({ DATABASE_URL: target.url, LOG_LEVEL: 'silent' });
  const app = createApp({ db: database.prisma, config, logger: pino({ level: 'silent' }) });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/desk`);
    await page.getByLabel('Email').fill('bench@example.org');
    await page.getByLabel('Password').fill('bench password long');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
    const times: number[] = [];
    const inPage: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${base}/desk`);
      await page.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
      const started = performance.now();
      await page.goto(`${base}/desk/articles/${articleId}`);
      // Usable: the last paragraph's controls are there and enabled, and every placed quote is a live button.
      await page.getByRole('button', { name: `Move paragraph ${PARAGRAPHS} up` }).waitFor();
      await page.waitForFunction(`document.querySelectorAll('.paragraphs button.quote').length >= ${quotes}`);
      times.push(performance.now() - started);
      // The page's own clock: navigation start to the render with every quote and control (a performance mark).
      inPage.push((await page.evaluate(`performance.getEntriesByName('desk:article-ready')[0].startTime`)) as number);
    }
    // Controls live: a click on the last quote opens its editor.
    const clickStart = performance.now();
    await page.locator('.paragraphs button.quote').last().click();
    await page.getByRole('button', { name: 'Save quote' }).waitFor();
    const clickMs = performance.now() - clickStart;
    const summary = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms`;
    };
    process.stdout.write(
      `desk: article of ${PARAGRAPHS} paragraphs, ${quotes} quotes marked\n` +
        `  navigation → usable, seen by the driver: ${summary(times)} (${runs} runs)\n` +
        `  navigation → usable, the page's own clock: ${summary(inPage)}\n` +
        `  machine load average: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores\n` +
        `  click on a quote → its editor open: ${clickMs.toFixed(0)} ms\n` +
        `  first page JavaScript: ${(jsGzipBytes / 1024).toFixed(1)} KB gzipped\n`,
    );
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
