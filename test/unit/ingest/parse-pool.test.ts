/**
 * The parse pool (src/ingest/parse-pool.ts) must be invisible in the results: whichever thread reads and parses an
 * input, its outcome is what this thread would have produced — the same parsed article, or the same error (an
 * AppError with its code, message and issues; a system error with its code) — in input order.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { AppError } from '../../../src/errors.ts';
import type { IngestInput } from '../../../src/ingest/collect-inputs.ts';
import { type ParseOutcome, ParsePool, readAndParse } from '../../../src/ingest/parse-pool.ts';
import { makeArticleText, SAMPLE_TEXT_FILE } from '../../support/articles.ts';

const FIXTURES = new URL('../../fixtures/articles/', import.meta.url);
let dir: string;
let inputs: IngestInput[];

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-pool-'));
  const write = (name: string, content: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), content);
    return { name, path: path.join(dir, name) };
  };
  const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort().slice(0, 12);
  inputs = [
    { name: 'sample', path: SAMPLE_TEXT_FILE },
    ...fixtures.map((f) => ({ name: f, path: new URL(f, FIXTURES).pathname })),
    write('related-only.txt', 'Related articles\n\nOnly a headline\nAnd another\n'),
    write('binary.txt', Buffer.from([0x48, 0x69, 0x0a, 0x00, 0x01, 0x02])),
    write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])),
    write('empty.txt', ''),
    write('options.txt', makeArticleText({ headline: 'Harbour works begin', people: [['Odile Vasquez-Brandt', 'the port authority’s chief engineer']] })),
    { name: 'a directory', path: dir },
    { name: 'missing.txt', path: path.join(dir, 'missing.txt') },
  ];
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const OPTIONS = { status: 'draft' as const, language: 'en-GB' };

async function here(): Promise<ParseOutcome[]> {
  const out: ParseOutcome[] = [];
  for (const input of inputs) out.push(await readAndParse(input, OPTIONS));
  return out;
}

/** Outcomes compared by what callers use: the parsed source, or the error's class, code, message, issues. */
function assertSameOutcomes(actual: ParseOutcome[], expected: ParseOutcome[]): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => {
    const a = actual[i]!;
    const what = inputs[i]!.name;
    if ('source' in e) {
      assert.ok('source' in a, `${what}: parsed`);
      assert.deepEqual(a.source, e.source, what);
      return;
    }
    assert.ok('error' in a, `${what}: failed`);
    const [x, y] = [a.error as Error, e.error as Error];
    assert.equal(x instanceof AppError, y instanceof AppError, `${what}: AppError or not`);
    assert.equal(x.message, y.message, what);
    if (y instanceof AppError) {
      assert.equal((x as AppError).code, y.code, what);
      assert.deepEqual((x as AppError).issues, y.issues, what);
    } else {
      assert.equal((x as NodeJS.ErrnoException).code, (y as NodeJS.ErrnoException).code, what);
    }
  });
}

test('the workers parse every input as this thread would, outcomes in input order', async () => {
  const expected = await here();
  assert.ok(expected.some((o) => 'error' in o && o.error instanceof AppError) && expected.some((o) => 'error' in o && !(o.error instanceof AppError)));
  const pool = new ParsePool({ size: 2, chunk: 3 });
  try {
    // Left to the workers alone, then with this thread helping (it takes what they have not begun).
    const batch = await pool.submit(inputs, OPTIONS);
    assertSameOutcomes(await batch.collect({ helpHere: false }), expected);
    const helped = await pool.submit(inputs, OPTIONS);
    assertSameOutcomes(await helped.collect(), expected);
    assert.equal(pool.live, 2, 'no worker failed');
  } finally {
    await pool.close();
  }
});

test('a worker that cannot start costs nothing but time: this thread parses its share', async () => {
  const expected = await here();
  const pool = new ParsePool({ size: 1, chunk: 4, entry: new URL('./no-such-worker.ts', import.meta.url) });
  try {
    const batch = await pool.submit(inputs, OPTIONS);
    assertSameOutcomes(await batch.collect({ helpHere: false }), expected);
    assert.equal(pool.live, 0);
  } finally {
    await pool.close();
  }
});
