import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createReporter } from '../../../src/ingest/progress-reporter.ts';

/** A stream that says it is a terminal, as an operator's is, and keeps what was written. */
function fakeTerminal() {
  let written = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      written += String(chunk);
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number };
  stream.isTTY = true;
  stream.columns = 120;
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => written };
}

test('on a terminal, the progress bar run still prints every failure and warning, with its file, before the summary', () => {
  const term = fakeTerminal();
  const reporter = createReporter(term.stream);
  reporter.start(3);
  const input = (name: string) => ({ name, path: name });
  reporter.file({ input: input('good.txt'), outcome: 'created', slug: 'good', warnings: [] });
  reporter.file({ input: input('bad.txt'), outcome: 'failed', error: 'line 3: not valid UTF-8', warnings: [] });
  reporter.file({ input: input('odd.txt'), outcome: 'created', slug: 'odd', warnings: ['paragraph 2: a quotation is never closed'] });
  reporter.finish({ created: 2, updated: 0, unchanged: 0, failed: 1 });
  const out = term.text();
  assert.match(out, /failed\s+bad\.txt: line 3: not valid UTF-8/);
  assert.match(out, /warning\s+odd\.txt: paragraph 2: a quotation is never closed/);
  assert.ok(out.trimEnd().endsWith('2 created, 0 updated, 0 unchanged, 1 failed'));
});
