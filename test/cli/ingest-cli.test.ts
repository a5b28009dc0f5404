import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { describeEachDatabase } from '../support/databases.ts';
import { SAMPLE_TEXT_FILE, makeArticleText } from '../support/articles.ts';
import { runScript } from '../support/processes.ts';

let dir: string;
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
};
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cli-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ingest --dry-run --json', () => {
  test('prints exactly one JSON object with the documented shape and writes nothing', async () => {
    const missingDb = path.join(dir, 'never-created.db');
    const r = await runScript('ingest', ['--dry-run', '--json', SAMPLE_TEXT_FILE], { env: { DATABASE_URL: `file:${missingDb}` } });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const out = JSON.parse(lines[0]!);
    assert.deepEqual(Object.keys(out), ['input', 'headline', 'headlineDerived', 'slug', 'meta', 'paragraphs', 'people', 'quotes', 'related', 'warnings']);
    assert.equal(out.input, SAMPLE_TEXT_FILE);
    assert.deepEqual(Object.keys(out.meta), ['byline', 'source', 'url', 'publishedAt', 'status', 'language']);
    assert.equal(out.paragraphs.length, 13);
    assert.deepEqual(Object.keys(out.quotes[0]), ['paragraph', 'text', 'kind', 'speaker', 'verb', 'addressee']);
    assert.deepEqual(Object.keys(out.people[0]), ['name', 'role', 'aliases', 'paragraphs', 'kind', 'pronoun']);
    assert.equal(out.related.length, 5);
    assert.equal(fs.existsSync(missingDb), false);
  });

  test('--explain gives each quote its speaker candidates, evidence and winner; without --dry-run --json it is refused', async () => {
    const text = 'Talks at the port stalled again.\n\n"Prices will not fall," said Maria Lopez, an economist at Harbor Bank.\n';
    const r = await runScript('ingest', ['--dry-run', '--json', '--explain', '-'], { input: text });
    assert.equal(r.code, 0, r.stderr);
    const q = JSON.parse(r.stdout).quotes[0];
    assert.equal(q.speaker, 'Maria Lopez');
    assert.equal(q.explain.winner, 'after');
    assert.deepEqual(q.explain.candidates[0], {
      rule: 'after', weight: 1, evidence: [{ id: 'set-off-then-attributed', weight: 1.5 }], score: 2.5, speaker: 'Maria Lopez', verb: 'said',
    });
    const refused = await runScript('ingest', ['--dry-run', '--explain', '-'], { input: text });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--explain goes with --dry-run --json/);
  });

  test('reads standard input, and shows what the options set', async () => {
    const r = await runScript('ingest', ['--dry-run', '--json', '--status', 'draft', '--published', '2023-02-01', '-'], { input: makeArticleText({ headline: 'From stdin' }) });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.input, out.headline, out.slug, out.meta.status, out.meta.publishedAt], ['stdin', 'From stdin', 'from-stdin', 'draft', '2023-02-01T00:00:00.000Z']);
  });

  test('a bad option value, or --json without --dry-run, is refused once, up front (exit 2), before any file is read', async () => {
    const db = path.join(dir, 'bad-option.db');
    const files = [file('opt/a.txt', makeArticleText({ headline: 'A' })), file('opt/b.txt', makeArticleText({ headline: 'B' }))];
    const badDate = await runScript('ingest', ['--published', '2023-13-01', ...files], { env: { DATABASE_URL: `file:${db}` } });
    assert.equal(badDate.code, 2, badDate.stderr);
    assert.equal(badDate.stderr.match(/Invalid ingest option/g)?.length, 1, badDate.stderr);
    const jsonAlone = await runScript('ingest', ['--json', ...files], { env: { DATABASE_URL: `file:${db}` } });
    assert.equal(jsonAlone.code, 2);
    assert.match(jsonAlone.stderr, /--json goes with --dry-run/);
    assert.equal(fs.existsSync(db), false, 'nothing was written');
  });
});

describe('ingest refuses bad input clearly, writing nothing', () => {
  // Arguments that name nothing stop the run before any article is read.
  const unusable: [string, () => string[], RegExp][] = [
    ['a missing file', () => [path.join(dir, 'nope.txt')], /nope\.txt: no such file/],
    ['a directory with no text files', () => (file('empty-dir/readme.json', '{}'), [path.join(dir, 'empty-dir')]), /no text files/],
    ['a glob matching nothing', () => [path.join(dir, '*.nothing')], /matches no file/],
  ];
  for (const [name, args, message] of unusable) {
    test(name, async () => {
      const db = path.join(dir, `${name.replace(/\W+/g, '-')}.db`);
      const r = await runScript('ingest', args(), { env: { DATABASE_URL: `file:${db}` } });
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(fs.existsSync(db), false, 'nothing was written');
    });
  }

  // Bad article files fail one by one, each named with its reason, in one run (one process start, not nine).
  test('bad files: empty, blank, binary, invalid UTF-8, oversized, only a related block', async () => {
    const bad: [string, string | Buffer, RegExp][] = [
      ['empty.txt', '', /empty/i],
      ['blank.txt', ' \n\n\t \r\n', /empty/i],
      ['bin.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]), /binary|UTF-8/i],
      ['latin1.txt', Buffer.from('Caf\xe9 au lait, said the chef.', 'latin1'), /UTF-8/],
      ['huge.txt', 'word '.repeat(1_000_000), /limit/i],
      ['related-only.txt', 'Read more\n\nOne headline\nAnother headline\n', /related/i],
    ];
    const files = bad.map(([name, content]) => file(`bad/${name}`, content));
    const db = path.join(dir, 'bad-files.db');
    const r = await runScript('ingest', files, { env: { DATABASE_URL: `file:${db}` } });
    assert.equal(r.code, 1);
    for (const [name, , reason] of bad) {
      const line = r.stderr.split('\n').find((l) => l.startsWith('failed') && l.includes(`${name}:`));
      assert.ok(line, `${name} is reported as failed:\n${r.stderr}`);
      assert.match(line, reason);
    }
    assert.match(r.stderr, /0 created, 0 updated, 0 unchanged, 6 failed/);
  });
});

describeEachDatabase('npm run ingest', (ctx) => {
  test('ingests a directory, reports each file and a summary, fails the run for the bad one', async () => {
    const batch = path.join(dir, 'batch');
    file('batch/one.txt', makeArticleText({ headline: 'CLI story one' }));
    file('batch/two.txt', '---\nheadline: Broken\nstatus: maybe\n---\nText.\n');
    file('batch/three.txt', makeArticleText({ headline: 'CLI story three' }));
    const r = await runScript('ingest', [batch], { env: { DATABASE_URL: ctx.db.url } });
    assert.equal(r.code, 1, 'a failed file makes the run fail');
    assert.match(r.stderr, /created\s+\S*one\.txt/);
    assert.match(r.stderr, /failed\s+\S*two\.txt: .*line 3/);
    assert.match(r.stderr, /2 created, 0 updated, 0 unchanged, 1 failed/);
    assert.equal(await ctx.db.prisma.article.count(), 2);

    const again = await runScript('ingest', [path.join(batch, 'one.txt'), path.join(batch, 'three.txt')], { env: { DATABASE_URL: ctx.db.url } });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /0 created, 0 updated, 2 unchanged, 0 failed/);
  });
});
