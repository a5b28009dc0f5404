import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/client.ts';
import { urisFor } from '../formats/uris.ts';
import { AppError } from '../errors.ts';
import { type ExportFilter, exportWhere, missingPicks, streamArticles } from './article-stream.ts';
import { CSV_COLUMNS, CSV_TABLES, type CsvTable, csvRows, loadRoleReadings, toNdjsonRecord, toNinjsRecord } from './records.ts';

export type ExportFormat = 'ndjson' | 'csv' | 'ninjs';

export interface ExportOptions {
  format: ExportFormat;
  filter: ExportFilter;
  /** a directory for the files; null writes one stream to `stdout` */
  outDir: string | null;
  /** csv to stdout: which table */
  table: CsvTable;
  /** base of the links in ninjs (the API's origin); null for urn:news-store: identifiers */
  baseUrl: string | null;
  stdout: Writable;
  progress?: { start(total: number): void; tick(): void; stop(): void };
}

/**
 * Writes the store in one format:
 *   ndjson  one article per line (the API's detail + `ingestText`); --out: DIR/articles.ndjson
 *   csv     one table (--table, default articles) on stdout; --out: DIR/<table>.csv for every table
 *   ninjs   one IPTC ninjs document per line; --out: DIR/ninjs/<slug>.json per article
 * Streaming: each article is written as it is read, with backpressure honoured, so memory does not grow with the store.
 */
export async function runExport(db: Db, options: ExportOptions): Promise<{ articles: number; files: string[] }> {
  const missing = await missingPicks(db, options.filter);
  if (missing.length) {
    const named = missing.map((m) => `--${m.option} ${m.value}`);
    throw new AppError('not_found', `No article to export for ${named.join(', ')} (no such article, in the trash, or not of the --status asked for)`, {
      issues: missing.map((m, i) => ({ path: [m.option], message: `${named[i]}: no such article to export` })),
    });
  }
  const total = Math.min(await db.article.count({ where: exportWhere(options.filter) }), options.filter.limit ?? Infinity);
  options.progress?.start(total);
  const sinks = new Map<string, Writable>();
  const files: string[] = [];
  const sink = (name: string): Writable => {
    if (!options.outDir) return options.stdout;
    let s = sinks.get(name);
    if (!s) {
      const file = path.join(options.outDir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      s = fs.createWriteStream(file);
      sinks.set(name, s);
      files.push(file);
    }
    return s;
  };
  const uris = urisFor(options.baseUrl);
  const tables: readonly CsvTable[] = options.outDir ? CSV_TABLES : [options.table];
  if (options.format === 'csv') for (const t of tables) await write(sink(`${t}.csv`), stringify([CSV_COLUMNS[t]]));

  let count = 0;
  try {
    for await (const article of streamArticles(db, options.filter)) {
      if (options.format === 'ndjson') await write(sink('articles.ndjson'), `${JSON.stringify(toNdjsonRecord(article))}\n`);
      else if (options.format === 'ninjs') {
        const doc = toNinjsRecord(article, uris);
        if (options.outDir) await writeDocument(options.outDir, `ninjs/${article.slug}.json`, doc, files, count === 0);
        else await write(options.stdout, `${JSON.stringify(doc)}\n`);
      } else {
        const roles = await loadRoleReadings(db, article.id);
        for (const t of tables) {
          const rows = csvRows(t, article, roles);
          if (rows.length) await write(sink(`${t}.csv`), stringify(rows, { cast: { date: (d) => d.toISOString() } }));
        }
      }
      count++;
      options.progress?.tick();
    }
  } finally {
    options.progress?.stop();
    await Promise.all([...sinks.values()].map((s) => new Promise<void>((resolve, reject) => s.end((e?: Error | null) => (e ? reject(e) : resolve())))));
  }
  return { articles: count, files };
}

/** Writes and waits for 'drain' when the stream's buffer is full. */
async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** One file per document; `files` names the directory once rather than growing with the store. */
async function writeDocument(outDir: string, name: string, doc: unknown, files: string[], first: boolean): Promise<void> {
  const file = path.join(outDir, name);
  if (first) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    files.push(path.dirname(file) + path.sep);
  }
  await fs.promises.writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
}
