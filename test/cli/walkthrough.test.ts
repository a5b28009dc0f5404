import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';
import { startServe } from '../support/processes.ts';

/**
 * The walk-throughs in the README and docs/api.md, run as written — their ```sh block through bash, from the
 * project's folder — against `npm start` on a free port with a new SQLite database. Only the port is changed.
 * After each step the article's ETag is read: a step whose comment names one ("article-1-v2") must have left it.
 */
interface Step {
  command: string;
  notes: string;
}

function shBlockAfter(file: string, heading: string): string {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  const at = text.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `${file} has no "${heading}"`);
  const m = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(m, `${file}: no sh block after "${heading}"`);
  return m[1]!;
}

/** Commands (a backslash continues one), each with its comments: those before it, and `# →` lines after it. */
function stepsOf(block: string): Step[] {
  const steps: Step[] = [];
  let pending = '';
  let command = '';
  for (const line of block.split('\n')) {
    if (command) {
      command += `\n${line}`;
      if (!line.endsWith('\\')) {
        steps.push({ command, notes: pending + trailingComment(line) });
        command = pending = '';
      }
    } else if (/^\s*# →/.test(line) && steps.length) steps[steps.length - 1]!.notes += line;
    else if (/^\s*#/.test(line)) pending += line;
    else if (line.trim() === '') pending = '';
    else if (line.endsWith('\\')) command = line;
    else steps.push({ command: line, notes: pending + trailingComment(line) });
  }
  return steps;
}

// The walk-throughs set a comment after a command off by two or more spaces.
const trailingComment = (line: string) => /\s{2,}# .*$/.exec(line)?.[0] ?? '';

const parse = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};

for (const [file, heading] of [['README.md', '## Editing through the API'], ['docs/api.md', "## An editor's walkthrough"]] as const) {
  describe(`the walk-through in ${file} runs as written`, () => {
    let server: Awaited<ReturnType<typeof startServe>>;
    let dir: string;
    let databaseUrl: string;
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walkthrough-'));
      databaseUrl = `file:${path.join(dir, 'news.db')}`;
      server = await startServe(databaseUrl);
    });
    after(async () => {
      await server?.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('every step succeeds and leaves the ETag its comment names', () => {
      const steps = stepsOf(shBlockAfter(file, heading));
      assert.ok(steps.length >= 8, `${steps.length} steps`);
      const etagNow = `curl -s -D - -o /dev/null "$API/api/articles/1" | tr -d '\\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p'`;
      const script = steps
        .map((s, i) => `${s.command.replaceAll('http://127.0.0.1:3000', server.url)}\nprintf '\\n@@step ${i} %s\\n' "$(${etagNow})"`)
        .join('\n');
      const run = spawnSync('bash', ['-o', 'pipefail', '-c', script], { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8', timeout: 120_000 });
      assert.equal(run.status, 0, run.stderr);
      const outputs = run.stdout.split(/\n@@step \d+ /);
      const etags: string[] = [];
      for (let i = 0; i < steps.length; i++) {
        const [etag, ...rest] = outputs[i + 1]!.split('\n');
        etags.push(etag!);
        if (i + 1 < steps.length) outputs[i + 1] = rest.join('\n');
      }
      let checked = 0;
      steps.forEach((step, i) => {
        const out = outputs[i]!.trim();
        const body = parse(out) as Record<string, unknown> | undefined;
        const where = `step ${i + 1}: ${step.command}\n→ ${out.slice(0, 500)}`;
        if (step.command.includes('curl')) assert.ok(out, `no output: ${where}`);
        if (body && typeof body.status === 'number') assert.fail(`a problem: ${where}`);
        const named = /"(article-1-v\d+)"/.exec(step.notes.match(/ETag:? "[^"]+"/)?.[0] ?? '')?.[1];
        if (named) {
          assert.equal(etags[i], `"${named}"`, `the ETag after ${where}`);
          checked++;
        }
        if (step.command.includes('/api/quotes/')) assert.equal((body?.addressee as { name?: string } | null)?.name, 'Wang Yi', where);
        if (step.command.includes('/paragraphs/order')) assert.equal((body?.paragraphs as { id: number }[])[0]!.id, 13, where);
        if (step.command.includes('/import')) assert.equal(body?.outcome, 'created', where);
        if (/\/history|\/search|\?limit/.test(step.command)) assert.ok((body?.data as unknown[]).length > 0, `nothing listed: ${where}`);
        if (step.command.includes('ld+json')) assert.equal(body?.['@type'], 'NewsArticle', where);
      });
      assert.ok(checked >= 3, `only ${checked} steps name the ETag they leave`);
      const lastNamed = [...steps].reverse().map((s) => /"(article-1-v\d+)"/.exec(s.notes.match(/ETag:? "[^"]+"/)?.[0] ?? '')?.[1]).find(Boolean);
      assert.equal(etags.at(-1), `"${lastNamed}"`, 'the walk-through ends on the ETag its last comment names');
    });
  });
}
