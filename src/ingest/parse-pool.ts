/**
 * Reading and parsing ingest inputs on worker threads, so that runIngest can write one batch while the next is parsed
 * (src/ingest/run-ingest.ts). node:worker_threads directly: no pool library is installed, and this needs little.
 *
 * A batch is cut into chunks of a few files. The workers take chunks from the front; when the caller comes for the
 * batch, it takes every chunk no worker has started, from the back, and parses those itself. Each chunk is claimed
 * once, with an atomic compare-and-swap in memory shared by all threads, so no message is needed to agree on who
 * parses what. This way the caller never waits for a worker that is still starting (about a second: the loader, the
 * parser, its lexicon) or is busy: at worst it parses the whole batch itself, as it would with no workers. A worker
 * that fails (it should not) has its chunks parsed by the caller too.
 *
 * Every input gets one outcome, in input order: the parsed source, or the error that reading or parsing it threw. An
 * error from a worker is rebuilt here as what it was (an AppError stays an AppError, with its code and issues), so
 * the caller cannot tell where an input was parsed — and the parser is deterministic, so neither can the store.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, type ErrorIssue } from '../errors.ts';
import type { IngestInput } from './collect-inputs.ts';
import { contentHash } from './content-hash.ts';
import type { ParsedSource } from './import-article.ts';
import { type ParseOptions, parseArticle } from './parse/index.ts';
import { readInput } from './read-input.ts';

export type ParseOutcome = { source: ParsedSource } | { error: unknown };

/** Reads and parses one input; `text` when it was read already (standard input, which only the main thread can read). */
export async function readAndParse(input: IngestInput, options: ParseOptions, text?: string): Promise<ParseOutcome> {
  try {
    const sourceText = text ?? (await readInput(input));
    return { source: { parsed: parseArticle(sourceText, options), sourceText, hash: contentHash(sourceText, options) } };
  } catch (error) {
    return { error };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Between threads. Messages are structured clones: plain data crosses as is, but an Error arrives as a plain Error
// (an AppError would lose its class, code and issues), so errors travel as WireErrors.

export interface ParseJob {
  input: IngestInput;
  /** standard input, already read by the main thread */
  text?: string;
}

/** A batch, to every worker: chunk k is jobs [k * chunk, (k + 1) * chunk); claims[k] says who parses it. */
export interface BatchMessage {
  batch: number;
  jobs: ParseJob[];
  chunk: number;
  claims: Int32Array;
  options: ParseOptions;
  /** this worker's claim mark */
  mark: number;
}

/** A worker's outcomes for one chunk it claimed. */
export interface ChunkMessage {
  batch: number;
  chunk: number;
  outcomes: WireOutcome[];
}

/** claims[k]: nobody yet, the caller's thread, or worker w (w + 1). */
export const FREE = 0;
const HERE = -1;

export type WireOutcome = { source: ParsedSource } | { error: WireError };

type WireError =
  | { kind: 'app'; code: ErrorCode; message: string; issues: ErrorIssue[]; stack?: string; cause?: WireError }
  | { kind: 'error'; name: string; message: string; stack?: string; props: Record<string, string | number | boolean> }
  | { kind: 'value'; value: string };

export function toWire(e: unknown): WireError {
  if (e instanceof AppError) {
    return { kind: 'app', code: e.code, message: e.message, issues: e.issues, stack: e.stack, cause: e.cause === undefined ? undefined : toWire(e.cause) };
  }
  if (e instanceof Error) {
    // Own scalar fields carry what a system error says (code: 'ENOENT', path, syscall …).
    const props: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(e)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') props[k] = v;
    return { kind: 'error', name: e.name, message: e.message, stack: e.stack, props };
  }
  return { kind: 'value', value: String(e) };
}

function fromWire(w: WireError): unknown {
  if (w.kind === 'value') return w.value;
  if (w.kind === 'app') {
    const e = new AppError(w.code, w.message, { issues: w.issues, cause: w.cause === undefined ? undefined : fromWire(w.cause) });
    if (w.stack !== undefined) e.stack = w.stack;
    return e;
  }
  const e = Object.assign(new Error(w.message), w.props);
  e.name = w.name;
  if (w.stack !== undefined) e.stack = w.stack;
  return e;
}

// ---------------------------------------------------------------------------------------------------------------
// The pool.

/** One thread stays with the caller (it writes while the workers parse); at least one worker even on one core. */
export const defaultPoolSize = (): number => Math.max(1, os.availableParallelism() - 1);

/** Files per chunk: small enough that the caller never waits long for a chunk a worker has begun (~1 ms a file). */
export const PARSE_CHUNK = 20;

/**
 * A worker's entry is a TypeScript module, which Node cannot load alone, and a loader registered with --import in this
 * thread does not reach a worker's entry. So the worker starts from this bit of JavaScript, registers tsx (as every
 * script of the project runs: `tsx …` or `node --import tsx …`) and then imports the real entry.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

interface Batch {
  id: number;
  jobs: ParseJob[];
  options: ParseOptions;
  claims: Int32Array;
  /** per chunk, from whichever thread parsed it */
  chunks: (ParseOutcome[] | undefined)[];
  /** outcomes of inputs that failed before parsing (reading standard input) */
  early: Map<number, ParseOutcome>;
  /** wakes collect() when a chunk arrives or a worker fails */
  wake: (() => void) | null;
}

/** A batch being parsed: collect() takes over what the workers have not started and returns every outcome. */
export interface PendingParse {
  /** `helpHere: false` leaves every chunk to the workers while any is alive (tests use it to make them work). */
  collect(options?: { helpHere?: boolean }): Promise<ParseOutcome[]>;
}

export interface PoolOptions {
  /** workers (default: one fewer than the cores, at least one) */
  size?: number;
  /** files per chunk */
  chunk?: number;
  /** the workers' entry module (tests give a broken one) */
  entry?: URL;
  /** let the process end while the workers idle (a server's long-lived pool, closed by nobody); a batch in hand
   * keeps it alive until it is collected */
  unref?: boolean;
}

export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly failed = new Set<number>();
  private readonly batches = new Map<number, Batch>();
  private nextBatch = 0;
  private closing = false;
  private readonly chunk: number;
  private readonly unref: boolean;

  /** The workers start now, in the background; until they are ready, collect() parses on the calling thread. */
  constructor({ size = defaultPoolSize(), chunk = PARSE_CHUNK, entry = new URL('./parse-worker.ts', import.meta.url), unref = false }: PoolOptions = {}) {
    this.chunk = chunk;
    this.unref = unref;
    const workerData = { tsx: import.meta.resolve('tsx/esm/api'), entry: entry.href };
    for (let w = 0; w < size; w++) {
      const worker = new Worker(BOOT, { eval: true, workerData });
      worker.on('message', (m: ChunkMessage) => this.received(m));
      worker.on('error', () => this.fail(w));
      worker.on('exit', () => this.fail(w));
      if (unref) worker.unref();
      this.workers.push(worker);
    }
  }

  /** Workers that have not failed (a worker that errs is not used again). */
  get live(): number {
    return this.workers.length - this.failed.size;
  }

  /**
   * Hands the inputs to the workers, which start on them at once; standard input is read here first, in order.
   * `texts[i]`, when given, is input i's text already in hand (the API's import body): it is parsed, not read.
   */
  async submit(inputs: IngestInput[], options: ParseOptions, texts: (string | undefined)[] = []): Promise<PendingParse> {
    const jobs: ParseJob[] = [];
    const early = new Map<number, ParseOutcome>();
    for (const [at, input] of inputs.entries()) {
      const text = texts[at];
      if (text !== undefined) jobs.push({ input, text });
      else if (input.path === null) {
        try {
          jobs.push({ input, text: await readInput(input) });
        } catch (error) {
          early.set(at, { error });
          jobs.push({ input, text: '' }); // keeps positions; its claim is taken here below, never parsed
        }
      } else jobs.push({ input });
    }
    const chunks = Math.ceil(jobs.length / this.chunk);
    const batch: Batch = {
      id: this.nextBatch++,
      jobs,
      options,
      claims: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * chunks)),
      chunks: new Array(chunks),
      early,
      wake: null,
    };
    // A chunk holding an input that could not be read is parsed here: a worker would only see its placeholder text.
    for (const at of early.keys()) Atomics.store(batch.claims, Math.floor(at / this.chunk), HERE);
    this.batches.set(batch.id, batch);
    if (this.unref) for (const worker of this.workers) worker.ref();
    this.workers.forEach((worker, w) => {
      if (!this.failed.has(w)) worker.postMessage({ batch: batch.id, jobs, chunk: this.chunk, claims: batch.claims, options, mark: w + 1 } satisfies BatchMessage);
    });
    return { collect: ({ helpHere = true } = {}) => this.collect(batch, helpHere) };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private async collect(batch: Batch, helpHere: boolean): Promise<ParseOutcome[]> {
    const { claims, chunks } = batch;
    // Every chunk no worker has begun is parsed here, from the back (the workers go from the front).
    if (helpHere) {
      for (let k = chunks.length - 1; k >= 0; k--) if (Atomics.compareExchange(claims, k, FREE, HERE) === FREE) await this.parseHere(batch, k);
    }
    // Then the rest: the workers' chunks as they arrive; here, those kept here, a failed worker's, and any left when
    // no worker is alive.
    for (;;) {
      const k = chunks.findIndex((c) => c === undefined);
      if (k < 0) break;
      const claim = Atomics.load(claims, k);
      const here =
        claim === HERE || this.failed.has(claim - 1) || (claim === FREE && this.live === 0 && Atomics.compareExchange(claims, k, FREE, HERE) === FREE);
      if (here) {
        await this.parseHere(batch, k);
        continue;
      }
      await new Promise<void>((resolve) => (batch.wake = resolve));
      batch.wake = null;
    }
    this.batches.delete(batch.id);
    if (this.unref && this.batches.size === 0) for (const worker of this.workers) worker.unref();
    return chunks.flat() as ParseOutcome[];
  }

  private async parseHere(batch: Batch, k: number): Promise<void> {
    const out: ParseOutcome[] = [];
    for (const [i, job] of batch.jobs.slice(k * this.chunk, (k + 1) * this.chunk).entries()) {
      const at = k * this.chunk + i;
      out.push(batch.early.get(at) ?? (await readAndParse(job.input, batch.options, job.text)));
    }
    batch.chunks[k] = out;
  }

  private received(m: ChunkMessage): void {
    const batch = this.batches.get(m.batch);
    if (!batch || batch.chunks[m.chunk]) return;
    batch.chunks[m.chunk] = m.outcomes.map((o) => ('error' in o ? { error: fromWire(o.error) } : o));
    batch.wake?.();
  }

  /** A worker that errs or exits is not used again; collect() parses the chunks it had claimed. */
  private fail(w: number): void {
    if (this.closing) return;
    this.failed.add(w);
    for (const batch of this.batches.values()) batch.wake?.();
  }
}
