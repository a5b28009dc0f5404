import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

const SCRIPT = new URL('../fixtures/cli/loud-main.ts', import.meta.url).pathname;

test('a command run through runMain exits only after its stdout reached the pipe (2 MB read slowly, all of it arrives)', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  let bytes = 0;
  // A slow reader keeps the pipe full, so the writer's output is still queued when main() returns.
  child.stdout.pause();
  const drain = setInterval(() => {
    let chunk: Buffer | null;
    while ((chunk = child.stdout.read() as Buffer | null) !== null) bytes += chunk.length;
  }, 5);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(drain);
  let rest: Buffer | null;
  while ((rest = child.stdout.read() as Buffer | null) !== null) bytes += rest.length;
  assert.equal(code, 0);
  assert.equal(bytes, 20_000 * 100);
});
