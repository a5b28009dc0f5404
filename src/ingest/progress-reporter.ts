import cliProgress from 'cli-progress';
import type { FileReport, IngestReporter, IngestSummary } from './run-ingest.ts';

/**
 * On a terminal with several files: a progress bar, with failures printed above it. Otherwise (a pipe, a log, CI):
 * one plain line per file. Both end with the summary — or, interrupted, with what was committed so far (files are
 * reported once their batch is committed). Everything goes to stderr, so stdout stays for data.
 */
export function createReporter(out: NodeJS.WriteStream = process.stderr): IngestReporter {
  // A MultiBar with one bar, because only MultiBar can print lines above the bar without garbling it.
  let bars: cliProgress.MultiBar | undefined;
  let bar: cliProgress.SingleBar | undefined;
  const line = (s: string) => (bars ? bars.log(`${s}\n`) : out.write(`${s}\n`));
  const done: IngestSummary = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  let inputs = 0;
  const counts = (s: IngestSummary) => `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.failed} failed`;
  return {
    start(total) {
      inputs = total;
      if (out.isTTY && total > 1) {
        bars = new cliProgress.MultiBar(
          { format: 'ingest [{bar}] {value}/{total} {percentage}% | eta {eta_formatted} | {file}', stream: out, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar = bars.create(total, 0, { file: '' });
      }
    },
    file(report: FileReport) {
      done[report.outcome]++;
      if (report.outcome === 'failed') line(`failed     ${report.input.name}: ${report.error}`);
      else if (!bar) line(`${report.outcome.padEnd(10)} ${report.input.name} → ${report.slug}`);
      for (const w of report.warnings) line(`warning    ${report.input.name}: ${w}`);
      bar?.increment(1, { file: report.input.name });
    },
    abort() {
      bars?.update();
      bars?.stop();
      out.write(`\ninterrupted: ${counts(done)} of ${inputs}; the batch being written was rolled back: run the same command again to finish\n`);
    },
    finish(summary: IngestSummary) {
      // MultiBar.log() only buffers; a redraw prints the buffer, and stop() does not: the last failures would be lost.
      bars?.update();
      bars?.stop();
      out.write(`${counts(summary)}\n`);
    },
  };
}
