/**
 * npm run ingest -- <file|dir|glob|->… [options]
 * Ingests raw article text into the configured database (DATABASE_URL), one transaction per article.
 * --dry-run --json prints what would be stored, as one JSON object per article, and writes nothing.
 */
import { exitWithParent } from '../src/cli/exit-with-parent.ts';
import 'dotenv/config';
import { runMain } from '../src/cli/run-main.ts';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../src/config/index.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateIfNeeded } from '../src/db/migrate.ts';
import { AppError, isAppError } from '../src/errors.ts';
import { collectInputs } from '../src/ingest/collect-inputs.ts';
import { toDryRunJson } from '../src/ingest/dry-run-json.ts';
import type { ParseOptions } from '../src/ingest/parse/index.ts';
import { checkParseOptions, parseArticle } from '../src/ingest/parse/index.ts';
import { createReporter } from '../src/ingest/progress-reporter.ts';
import { readInput } from '../src/ingest/read-input.ts';
import { describeFailure, runIngest } from '../src/ingest/run-ingest.ts';

const program = new Command()
  .name('ingest')
  .description('Turn raw article text into articles, paragraphs, quotes, people and related links.')
  .argument('<inputs...>', 'files, directories (their .txt/.md files), globs, or - for standard input')
  .option('--headline <text>', 'headline (else front matter, else derived from the lead)')
  .option('--slug <slug>', 'slug (else front matter, else from the headline)')
  .option('--byline <text>', 'byline')
  .option('--source <name>', 'source publication')
  .option('--url <url>', 'source URL')
  .option('--published <date>', 'publication date, ISO 8601')
  .addOption(new Option('--status <status>', 'article status').choices(['draft', 'published', 'archived']))
  .option('--language <code>', 'language code, e.g. en', (v) => {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v)) throw new InvalidArgumentError('a language code such as en or en-GB');
    return v;
  })
  .option('--actor <name>', 'name recorded in the history', 'ingest')
  .option('--dry-run', 'parse and print, write nothing')
  .option('--json', 'with --dry-run: print JSON (one object per article)')
  .showHelpAfterError();

async function main(): Promise<number> {
  exitWithParent();
  program.parse();
  const opts = program.opts<ParseOptions & { actor: string; dryRun?: boolean; json?: boolean }>();
  const { actor, dryRun, json, ...rest } = opts;
  const parseOptions: ParseOptions = rest;
  if (json && !dryRun) throw new AppError('bad_request', '--json goes with --dry-run (an ingest prints its summary, not JSON)');
  checkParseOptions(parseOptions);
  const inputs = await collectInputs(program.args);
  if (inputs.length > 1 && (parseOptions.headline || parseOptions.slug)) {
    throw new AppError('bad_request', '--headline and --slug name one article: give them with a single input');
  }

  if (dryRun) {
    let failed = 0;
    for (const input of inputs) {
      try {
        const parsed = parseArticle(await readInput(input), parseOptions);
        process.stdout.write(json ? `${JSON.stringify(toDryRunJson(input.name, parsed))}\n` : describeParsed(input.name, parsed));
      } catch (e) {
        failed++;
        process.stderr.write(`failed     ${input.name}: ${describeFailure(e)}\n`);
        if (!isAppError(e)) throw e;
      }
    }
    process.stderr.write(`${inputs.length - failed} parsed, ${failed} failed (dry run: nothing written)\n`);
    return failed ? 1 : 0;
  }

  const config = loadConfig();
  await migrateIfNeeded(config.database);
  const db = await openDatabase(config.database, { poolSize: 2 });
  // Ctrl-C: the batch being written is rolled back with the connection; the reporter says what was committed.
  const reporter = createReporter();
  process.once('SIGINT', () => {
    reporter.abort?.();
    process.exit(130);
  });
  try {
    const summary = await runIngest(db, inputs, parseOptions, { name: actor }, reporter);
    return summary.failed ? 1 : 0;
  } finally {
    await db.close();
  }
}

function describeParsed(name: string, parsed: ReturnType<typeof parseArticle>): string {
  return [
    `${name}: ${parsed.headline}${parsed.headlineDerived ? ' (derived headline)' : ''}`,
    `  ${parsed.paragraphs.length} paragraphs, ${parsed.people.length} people, ${parsed.quotes.length} quotes, ${parsed.related.length} related`,
    ...parsed.warnings.map((w) => `  warning: ${w}`),
    '',
  ].join('\n');
}

runMain('ingest', main);
