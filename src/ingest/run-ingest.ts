import type { Database } from '../db/client.ts';
import { refreshPlannerStatistics } from '../db/planner-statistics.ts';
import { isAppError } from '../errors.ts';
import type { Actor } from '../history/record-revision.ts';
import { openBulkConnection } from './bulk/open-bulk-connection.ts';
import { storeBatch } from './bulk/store-batch.ts';
import { slugOf } from './article-fields.ts';
import { SAME_STORY, paragraphSketch, sharedParagraphs } from './same-story.ts';
import type { IngestInput } from './collect-inputs.ts';
import type { ImportOutcome, ParsedSource } from './import-article.ts';
import type { ParseOptions } from './parse/index.ts';
import { type ParseOutcome, ParsePool, type PendingParse, readAndParse } from './parse-pool.ts';

export interface FileReport {
  input: IngestInput;
  outcome: ImportOutcome | 'failed';
  slug?: string;
  /** for failures: "reason" with the line when the text says where */
  error?: string;
  warnings: string[];
}

export type IngestSummary = Record<ImportOutcome | 'failed', number>;

export interface IngestReporter {
  start(total: number): void;
  file(report: FileReport): void;
  finish(summary: IngestSummary): void;
  /** The run is being interrupted (Ctrl-C): put the terminal back (the progress bar, the cursor) and say how far it got. */
  abort?(): void;
}

/** Files read and parsed, then written, per batch: enough to amortise a transaction, small enough to stay flat. */
export const INGEST_BATCH_SIZE = 250;

/**
 * Ingests the inputs in batches: each batch is read and parsed, then written in ONE transaction by the bulk path
 * (src/ingest/bulk/), which stores exactly what importArticle would, article by article. A failing file is reported
 * (file, line, reason) and leaves nothing behind; the others go on. Reports come in input order, after their batch
 * is committed.
 *
 * With more than one batch, worker threads (src/ingest/parse-pool.ts) read and parse batch N + 1 while this thread
 * writes batch N; what they have not begun when this thread comes for the batch, it parses itself (the first batch,
 * while they start). A handful of files (the seed, one story) never pays for starting them. At most two batches are
 * in memory, whatever the number of inputs.
 */
export async function runIngest(
  database: Database,
  inputs: IngestInput[],
  options: ParseOptions,
  actor: Actor,
  reporter: IngestReporter,
  batchSize = INGEST_BATCH_SIZE,
): Promise<IngestSummary> {
  const summary: IngestSummary = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  const report = (r: FileReport) => {
    summary[r.outcome]++;
    reporter.file(r);
  };
  // Not a problem with one file: the database or the code failed. Stop rather than fail every file alike.
  const stop = (input: IngestInput, e: unknown): never => {
    report({ input, outcome: 'failed', error: describeFailure(e), warnings: [] });
    reporter.finish(summary);
    throw e;
  };
  const isFileProblem = (e: unknown) => isAppError(e) && e.code !== 'unavailable';

  // Which input of this run each slug came from. A later text on the same slug is a new version of that story (it
  // updates the article) when the two share paragraphs; two different stories that share a headline, or the first
  // 80 characters of a lead, would be one article, the later overwriting the earlier — and every re-run would swap
  // them back. The later one fails instead, naming the earlier: the operator gives one of them its own slug.
  const claimed = new Map<string, { name: string; sketch: Uint32Array }>();
  const sameSlug = (input: IngestInput, source: ParsedSource): FileReport | null => {
    const slug = slugOf(source.parsed);
    const sketch = paragraphSketch(source.parsed.paragraphs.map((p) => p.text));
    const earlier = claimed.get(slug);
    claimed.set(slug, { name: input.name, sketch });
    if (!earlier || sharedParagraphs(earlier.sketch, sketch) >= SAME_STORY) return null;
    claimed.set(slug, earlier);
    const error = `the slug "${slug}" is also ${earlier.name}'s, a different story earlier in this run; give one of them its own slug (front matter "slug:", or --slug)`;
    return { input, outcome: 'failed', error, warnings: [] };
  };

  reporter.start(inputs.length);
  const conn = await openBulkConnection(database);
  const pool = inputs.length > batchSize ? new ParsePool() : null;
  try {
    let upcoming = await submitBatch(inputs.slice(0, batchSize), options, pool);
    for (let from = 0; from < inputs.length; from += batchSize) {
      const slice = inputs.slice(from, from + batchSize);
      const outcomes = await upcoming.collect();
      // The workers parse the next batch while this one is written.
      if (from + batchSize < inputs.length) upcoming = await submitBatch(inputs.slice(from + batchSize, from + 2 * batchSize), options, pool);
      const parsed: (ParsedSource | FileReport)[] = [];
      for (const [i, outcome] of outcomes.entries()) {
        const input = slice[i]!;
        if ('source' in outcome) {
          parsed.push(sameSlug(input, outcome.source) ?? outcome.source);
          continue;
        }
        const e = outcome.error;
        if (!isFileProblem(e)) stop(input, e);
        parsed.push({ input, outcome: 'failed', error: describeFailure(e), warnings: [] });
      }
      const sources = parsed.filter((p): p is ParsedSource => 'parsed' in p);
      let stored;
      try {
        stored = await whileBusy(() => storeBatch(conn, database.prisma, sources, actor));
      } catch (e) {
        // The database or the code failed mid-batch: stop, naming the batch's first file. Ingest is idempotent, so
        // running it again finishes the job.
        return stop(slice[0]!, e);
      }
      let next = 0;
      for (const [i, item] of parsed.entries()) {
        if (!('parsed' in item)) {
          report(item);
          continue;
        }
        const result = stored[next++]!;
        const input = slice[i]!;
        report(
          result.outcome === 'failed'
            ? { input, outcome: 'failed', error: describeFailure(result.error), warnings: [] }
            : { input, outcome: result.outcome, slug: result.slug, warnings: item.parsed.warnings },
        );
      }
    }
  } finally {
    await pool?.close();
    await conn.close();
  }
  if (summary.created + summary.updated > 0) await refreshPlannerStatistics(database.prisma, 'bulk-load');
  reporter.finish(summary);
  return summary;
}

/** A batch for the pool's workers, or, without a pool, one this thread reads and parses when it is collected. */
async function submitBatch(slice: IngestInput[], options: ParseOptions, pool: ParsePool | null): Promise<PendingParse> {
  if (pool) return pool.submit(slice, options);
  return {
    async collect() {
      const outcomes: ParseOutcome[] = [];
      for (const input of slice) outcomes.push(await readAndParse(input, options));
      return outcomes;
    },
  };
}

/**
 * Another writer (a second ingest, the API) can hold SQLite's write lock longer than the busy timeout on a loaded
 * machine. A batch that could not start changed nothing, so it is tried again a few times, backing off, before
 * the run gives up.
 */
async function whileBusy<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const busy = isAppError(e) && e.code === 'unavailable' && /busy/i.test(e.message);
      if (!busy || attempt >= attempts) throw e;
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }
}

/** "line 14: reason" for each located issue, else the error's detail. */
export function describeFailure(e: unknown): string {
  if (!isAppError(e)) return e instanceof Error ? e.message : String(e);
  const located = e.issues.map((i) =>
    i.path[0] === 'line' && typeof i.path[1] === 'number' ? `line ${i.path[1]}: ${i.message}` : i.message,
  );
  return located.length ? `${e.message} (${located.join('; ')})` : e.message;
}
