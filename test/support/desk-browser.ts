import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { createAccount } from '../../src/accounts/accounts.ts';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';
import { buildDesk } from '../../src/desk/build.ts';
import type { TestDatabase } from './databases.ts';
import { testApp } from './http.ts';

/** Debian's Chromium (.ci/run installs it when missing); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = path.join(PROJECT_ROOT, 'docs/desk');

let built: Promise<unknown> | undefined;
/** Builds the desk once per test process (esbuild: well under a second). */
export const ensureDeskBuilt = () => (built ??= buildDesk());

/** The real app on an ephemeral port of 127.0.0.1, as `npm start` serves it, on the test database. */
export async function serveDesk(db: TestDatabase, env: Record<string, string> = {}) {
  await ensureDeskBuilt();
  const app = testApp(db, env);
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/**
 * Headless Chromium with the flags this machine needs (no background networking: the network is closed). Playwright
 * gives each launch a fresh, empty profile of its own (it refuses --user-data-dir with launch()).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page in a fresh browser context (its own cookies: a second editor). bypassCSP lets the test inject axe-core's
 * script into a page whose Content-Security-Policy (helmet's) rightly refuses inline scripts.
 */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

export const PASSWORD = 'correct horse battery staple';
let accounts = 0;
export async function deskAccount(db: TestDatabase, name: string, role: 'editor' | 'admin' = 'editor') {
  const email = `desk${++accounts}-${name.toLowerCase().replace(/\W+/g, '')}@example.org`;
  await createAccount(db.prisma, { email, name, role, password: PASSWORD });
  return { email, name, password: PASSWORD };
}

export async function signIn(page: Page, base: string, who: { email: string; password: string }) {
  await page.goto(`${base}/desk`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A/AA rules and best practices). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}

/** Writes docs/desk/<name>.png (the README links them); only from the SQLite run, so the two runs do not race. */
export async function screenshot(page: Page, name: string, provider: string) {
  if (provider !== 'sqlite') return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/**
 * Selects `words` inside the element as a person does with the mouse, and releases the button: the desk then offers
 * to mark them as a quote. (The script is a string: it runs in the page, and this project's types have no DOM.)
 */
export async function selectWords(element: Locator, words: string) {
  await element.evaluate((el, a) => (0, eval)(a.src)(el, a.words), {
    words,
    src: `(el, w) => {
      const text = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes(w));
      const start = text.textContent.indexOf(w);
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + w.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      el.closest('.para').dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    }`,
  });
}
