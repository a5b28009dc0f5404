/**
 * npm run export -- --format ndjson|csv|ninjs [--out DIR] [--id N…] [--slug S…] [--status S] [--since DATE] [--until DATE]
 *                    [--published-from DATE] [--published-to DATE] [--limit N]
 * Streams the store (DATABASE_URL) out in keyset batches — constant memory whatever its size — to stdout, or to
 * files in DIR. Progress goes to stderr when it is a terminal. Formats and the round trip: docs/analysts.md "Export".
 */
import 'dotenv/config';
import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runMain } from '../src/cli/run-main.ts';
import { loadConfig } from '../src/config/index.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateIfNeeded } from '../src/db/migrate.ts';
import { CSV_TABLES, type CsvTable } from '../src/export/records.ts';
import { type ExportFormat, runExport } from '../src/export/run-export.ts';
import { parseIsoDate } from '../src/ingest/parse/front-matter.ts';

const date = (v: string) => {
  const iso = parseIsoDate(v);
  if (!iso) throw new InvalidArgumentError('an ISO 8601 date or date-time, e.g. 2023-02-22 or 2023-02-22T09:30:00Z');
  return new Date(iso);
};

const articleId = (v: string, previous: number[] = []) => {
  const ids = v.split(',').map((s) => s.trim());
  const bad = ids.find((s) => !/^\d{1,10}$/.test(s) || Number(s) < 1 || Number(s) > 2_147_483_647);
  if (bad !== undefined) throw new InvalidArgumentError(`"${bad}" is not an article id (a whole number from 1)`);
  return [...previous, ...ids.map(Number)];
};
const slugs = (v: string, previous: string[] = []) => {
  const list = v.split(',').map((s) => s.trim());
  if (list.some((s) => !s)) throw new InvalidArgumentError('an empty slug');
  return [...previous, ...list];
};
const limit = (v: string) => {
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`"${v}" is not a number of articles (a whole number from 1)`);
  return Number(v);
};

const program = new Command()
  .name('export')
  .description('Export the store as ndjson (one article per line, re-ingestable), csv tables, or IPTC ninjs.')
  .addOption(new Option('--format <format>', 'output format').choices(['ndjson', 'csv', 'ninjs']).makeOptionMandatory())
  .option('--out <dir>', 'write files into this directory instead of stdout', (dir: string) => {
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new InvalidArgumentError(`${dir} is a file; give a directory (it is created if missing)`);
    return dir;
  })
  .addOption(new Option('--table <table>', 'csv on stdout: the table to write (--out writes them all)').choices([...CSV_TABLES]).default('articles'))
  .option('--id <ids>', 'only these articles, by id (repeat it, or separate ids with commas)', articleId)
  .option('--slug <slugs>', 'only these articles, by slug (repeat it, or separate slugs with commas)', slugs)
  .addOption(new Option('--status <status>', 'only this status (default: all but stubs, or any status for --id/--slug)').choices(['draft', 'published', 'archived', 'stub', 'scheduled']))
  .option('--since <date>', 'only articles changed at or after', date)
  .option('--until <date>', 'only articles changed at or before', date)
  .option('--published-from <date>', 'only articles published at or after', date)
  .option('--published-to <date>', 'only articles published at or before', date)
  .option('--limit <n>', 'at most this many articles, the first by id', limit)
  .option('--base-url <url>', 'ninjs/JSON-LD links point at this API origin (default: urn:news-store: identifiers)')
  .showHelpAfterError();

async function main(): Promise<number> {
  program.parse();
  const o = program.opts<{
    format: ExportFormat;
    out?: string;
    table: CsvTable;
    id?: number[];
    slug?: string[];
    status?: 'draft' | 'published' | 'archived' | 'stub' | 'scheduled';
    since?: Date;
    until?: Date;
    limit?: number;
    publishedFrom?: Date;
    publishedTo?: Date;
    baseUrl?: string;
  }>();
  // `export … | head`: the reader has what it wanted. Stop there, as Unix tools do, rather than report an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  const config = loadConfig();
  await migrateIfNeeded(config.database);
  const db = await openDatabase(config.database, { poolSize: 2 });
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: 'export [{bar}] {value}/{total} articles | eta {eta_formatted}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  try {
    const result = await runExport(db.prisma, {
      format: o.format,
      filter: {
        ids: o.id,
        slugs: o.slug,
        status: o.status,
        since: o.since,
        until: o.until,
        publishedFrom: o.publishedFrom,
        publishedTo: o.publishedTo,
        limit: o.limit,
      },
      outDir: o.out ?? null,
      table: o.table,
      baseUrl: o.baseUrl ?? null,
      stdout: process.stdout,
      progress: bar ? { start: (total) => bar.start(total, 0), tick: () => bar.increment(), stop: () => bar.stop() } : undefined,
    });
    process.stderr.write(`exported ${result.articles} article${result.articles === 1 ? '' : 's'}${result.files.length ? ` to ${result.files.join(', ')}` : ''}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

runMain('export', main);
