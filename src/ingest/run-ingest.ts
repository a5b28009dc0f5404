import type { Db } from '../db/client.ts';
import { isAppError } from '../errors.ts';
import type { Actor } from '../history/record-revision.ts';
import type { IngestInput } from './collect-inputs.ts';
import { type ImportOutcome, importArticle } from './import-article.ts';
import type { ParseOptions } from './parse/index.ts';
import { readInput } from './read-input.ts';

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
}

/**
 * Ingests each input in its own transaction: a failing file is reported and leaves nothing behind, the others go on.
 */
export async function runIngest(
  db: Db,
  inputs: IngestInput[],
  options: ParseOptions,
  actor: Actor,
  reporter: IngestReporter,
): Promise<IngestSummary> {
  const summary: IngestSummary = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  reporter.start(inputs.length);
  for (const input of inputs) {
    let report: FileReport;
    try {
      const text = await readInput(input);
      const result = await importArticle(db, text, options, actor);
      report = { input, outcome: result.outcome, slug: result.slug, warnings: result.warnings };
    } catch (e) {
      report = { input, outcome: 'failed', error: describeFailure(e), warnings: [] };
      if (!isAppError(e) || e.code === 'unavailable') {
        // Not a problem with this file: the database or the code failed. Stop rather than fail every file alike.
        summary.failed++;
        reporter.file(report);
        reporter.finish(summary);
        throw e;
      }
    }
    summary[report.outcome]++;
    reporter.file(report);
  }
  reporter.finish(summary);
  return summary;
}

/** "line 14: reason" for each located issue, else the error's detail. */
export function describeFailure(e: unknown): string {
  if (!isAppError(e)) return e instanceof Error ? e.message : String(e);
  const located = e.issues.map((i) =>
    i.path[0] === 'line' && typeof i.path[1] === 'number' ? `line ${i.path[1]}: ${i.message}` : i.message,
  );
  return located.length ? `${e.message} (${located.join('; ')})` : e.message;
}

