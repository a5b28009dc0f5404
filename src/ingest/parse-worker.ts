/**
 * Entry of a parse worker (src/ingest/parse-pool.ts). For each batch it is sent, it claims the chunks nobody has taken
 * yet, front to back, and replies with the outcomes of each chunk it parsed.
 */
import { parentPort } from 'node:worker_threads';
import { type BatchMessage, type ChunkMessage, FREE, readAndParse, toWire, type WireOutcome } from './parse-pool.ts';

parentPort!.on('message', async ({ batch, jobs, chunk, claims, options, mark }: BatchMessage) => {
  for (let k = 0; k < claims.length; k++) {
    if (Atomics.compareExchange(claims, k, FREE, mark) !== FREE) continue; // the caller or another worker has it
    const outcomes: WireOutcome[] = [];
    for (const { input, text } of jobs.slice(k * chunk, (k + 1) * chunk)) {
      const o = await readAndParse(input, options, text);
      outcomes.push('error' in o ? { error: toWire(o.error) } : o);
    }
    parentPort!.postMessage({ batch, chunk: k, outcomes } satisfies ChunkMessage);
  }
});
