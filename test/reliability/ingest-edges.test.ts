import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';
import { collectInputs } from '../../src/ingest/collect-inputs.ts';
import { makeArticleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { runScript } from '../support/processes.ts';

/** The ingest's own edges (issue 21 points 4 and 12): symlink loops, a newline in a file name, SIGKILL of npm. */
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-edges-'));

const childrenOf = (pid: number): number[] =>
  fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(d)] : [];
    } catch {
      return [];
    }
  });
const alive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));

describeEachDatabase('ingest edges (issue 21)', (ctx) => {
  test('a directory with symlink loops is walked once per real directory, quickly, and ingests each article once', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'l'));
    fs.writeFileSync(path.join(dir, 'l', 'one.txt'), makeArticleText({ headline: 'Looped article one' }));
    fs.writeFileSync(path.join(dir, 'two.txt'), makeArticleText({ headline: 'Looped article two' }));
    fs.symlinkSync('../l', path.join(dir, 'l', 'self')); // the issue's `ln -s ../l l/self`
    fs.symlinkSync('..', path.join(dir, 'l', 'up')); // a link to an ancestor
    fs.symlinkSync('nowhere', path.join(dir, 'dangling.txt'));
    const started = Date.now();
    const inputs = await collectInputs([dir]);
    assert.ok(Date.now() - started < 2_000);
    assert.deepEqual(inputs.map((i) => path.relative(dir, i.path!)).sort(), ['l/one.txt', 'two.txt']);
    const run = await runScript('ingest', [dir], { env: { DATABASE_URL: ctx.db.url } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout + run.stderr, /2 created/);
    assert.equal(await ctx.db.prisma.article.count({ where: { headline: { startsWith: 'Looped article' } } }), 2);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // A regression that follows links again does not end (each directory more multiplies the paths): the timeout fails it.
  test('a glob does not follow symlink loops; a directory and a glob over a cross-linked tree read each real file once', { timeout: 60_000 }, async () => {
    const dir = tmp();
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const d of names) {
      fs.mkdirSync(path.join(dir, d));
      fs.writeFileSync(path.join(dir, d, `${d}.txt`), makeArticleText({ headline: `Cross-linked article ${d}` }));
    }
    // every directory links to every other and to the root: followed, the paths multiply without end
    for (const d of names) {
      for (const e of names) fs.symlinkSync(`../${e}`, path.join(dir, d, `to-${e}`));
      fs.symlinkSync('..', path.join(dir, d, 'up'));
    }
    fs.symlinkSync('a/a.txt', path.join(dir, 'also-a.txt')); // a link to a file: the same article, read once
    // Which path reaches a file first depends on the order a directory lists its entries: compare the real files.
    const expected = names.map((d) => fs.realpathSync(path.join(dir, d, `${d}.txt`))).sort();
    const realFiles = (inputs: { path: string | null }[]) => inputs.map((i) => fs.realpathSync(i.path!)).sort();
    const globbed = await collectInputs([`${dir}/**/*.txt`]);
    assert.deepEqual(realFiles(globbed), expected);
    assert.deepEqual(globbed.map((i) => path.relative(dir, i.path!)).sort(), names.map((d) => `${d}/${d}.txt`), 'the glob went through no link');
    assert.deepEqual(realFiles(await collectInputs([dir])), expected, 'the directory walk: each real file once');
    assert.deepEqual(realFiles(await collectInputs([dir, `${dir}/**/*.txt`, path.join(dir, 'also-a.txt')])), expected, 'overlapping arguments: each file once');
    const run = await runScript('ingest', [`${dir}/**/*.txt`], { env: { DATABASE_URL: ctx.db.url } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout + run.stderr, /5 created/);
    assert.equal(await ctx.db.prisma.article.count({ where: { headline: { startsWith: 'Cross-linked article' } } }), 5);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a file name with a newline stays on one report line', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'bad\nname.txt'), 'Related\n\nOnly a related block\n');
    const run = await runScript('ingest', [dir], { env: { DATABASE_URL: ctx.db.url } });
    assert.notEqual(run.code, 0);
    const lines = (run.stdout + run.stderr).split('\n');
    assert.ok(lines.some((l) => l.includes('bad\\nname.txt')), run.stdout + run.stderr);
    assert.ok(!lines.some((l) => l.startsWith('name.txt')), 'no line starts with the name’s second half');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('SIGKILL of `npm run ingest` leaves no process behind', async () => {
    // Reading standard input that never ends: the ingest waits for as long as npm lives.
    const npm = spawn('npm', ['run', '--silent', 'ingest', '--', '-'], { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: ctx.db.url, LOG_LEVEL: 'silent' }, stdio: ['pipe', 'ignore', 'ignore'] });
    const descendants = () => {
      const all: number[] = [];
      const queue = [npm.pid!];
      while (queue.length) for (const c of childrenOf(queue.shift()!)) (all.push(c), queue.push(c));
      return all;
    };
    let below: number[] = [];
    for (let i = 0; i < 200 && !below.some((pid) => /ingest\.ts/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'))); i++) {
      await new Promise((r) => setTimeout(r, 100));
      below = descendants();
    }
    assert.ok(below.length > 0, 'npm started the ingest');
    await new Promise((r) => setTimeout(r, 1_000));
    below = descendants();
    npm.stdin!.write('partial text with no end');
    npm.kill('SIGKILL');
    const deadline = Date.now() + 30_000; // the ingest may still be loading its modules
    while (below.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const left = below.filter(alive);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    assert.deepEqual(left.map((pid) => fs.existsSync(`/proc/${pid}`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : pid), [], 'the ingest ended with npm');
  });
});
