import type { Provider } from '../../src/config/database-url.ts';
import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.ts';
import { collectInputs } from '../../src/ingest/collect-inputs.ts';
import { runIngest } from '../../src/ingest/run-ingest.ts';
import { generateCorpus } from '../corpus.ts';
import { freshDatabase, readRows } from './databases.ts';
import type { IngestModules } from './project.ts';
import type { ParsedSource } from './raw-write.ts';
import { openRawWriter } from './raw-write.ts';
import { harmonic, median, ratio } from './stats.ts';

export const ACTOR = { name: 'bench' };
const QUIET = { start() {}, file() {}, finish() {} };
export const TABLES = ['articles', 'paragraphs', 'people', 'article_people', 'mentions', 'quotes', 'related_articles', 'revisions'] as const;

export interface IngestFigures {
  provider: Provider;
  articles: number;
  runs: number;
  /** articles/s */
  parse: number;
  full: number;
  /** importArticle per article (one Prisma transaction each): the ingest before the bulk path */
  perArticle: number;
  /** storeParsedArticle alone on pre-parsed input: the Prisma write path */
  prismaWrite: number;
  rawWrite: number;
  /** 1 / (1/parse + 1/rawWrite): what the raw limit of a full ingest would be */
  rawLimit: number;
  /** full / rawLimit (target ≥ 0.5) */
  ratio: number;
  /** prismaWrite / rawWrite: the cost of the write path alone */
  writeRatio: number;
  /** row counts after the full ingest and after the raw write: equal when the raw path is a fair limit */
  rowsFull: Record<string, number>;
  rowsRaw: Record<string, number>;
  rowsMatch: boolean;
}

export function corpusTexts(seed: number, count: number): string[] {
  return [...generateCorpus({ seed, count })].map((a) => a.text);
}

export function parseAll(mods: IngestModules, texts: string[]): ParsedSource[] {
  return texts.map((text) => ({ parsed: mods.parseArticle(text, {}), sourceText: text, hash: mods.contentHash(text, {}) }));
}

export async function countRows(url: string): Promise<Record<string, number>> {
  // one statement: a count per table (PostgreSQL answers count(*) as a bigint, which pg reads as a string)
  const [row] = await readRows<Record<string, number | string>>(url, `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`);
  return Object.fromEntries(TABLES.map((t) => [t, Number(row![t])]));
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

export async function benchIngest(
  mods: IngestModules,
  provider: Provider,
  opts: { seed: number; articles: number; runs: number; batch: number; log: (s: string) => void },
): Promise<IngestFigures> {
  const texts = corpusTexts(opts.seed, opts.articles);
  const n = texts.length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-corpus-'));
  texts.forEach((text, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(6, '0')}.txt`), text));
  const perArticleRates: number[] = [];
  const parseRates: number[] = [];
  const fullRates: number[] = [];
  const storeRates: number[] = [];
  const rawRates: number[] = [];
  let rowsFull: Record<string, number> = {};
  let rowsRaw: Record<string, number> = {};
  let parsed: ParsedSource[] = [];

  for (let run = 0; run < opts.runs; run++) {
    // parse only (text → ParsedArticle + content hash), in memory
    let t = process.hrtime.bigint();
    parsed = parseAll(mods, texts);
    parseRates.push(n / seconds(t));

    // full ingest: the project's real path, runIngest over files as `npm run ingest` does (read, parse, bulk write)
    {
      const target = await freshDatabase(provider, 'full');
      const db = await openDatabase(resolveDatabaseUrl(target.url), { poolSize: 4 });
      const inputs = await collectInputs([dir]);
      t = process.hrtime.bigint();
      await runIngest(db, inputs, {}, ACTOR, QUIET);
      fullRates.push(n / seconds(t));
      await db.close();
      if (run === 0) rowsFull = await countRows(target.url);
      await target.drop();
    }

    // before: one importArticle (one Prisma transaction) per article, as the ingest did until the bulk path
    {
      const target = await freshDatabase(provider, 'each');
      const db = await openDatabase(resolveDatabaseUrl(target.url), { poolSize: 4 });
      t = process.hrtime.bigint();
      for (const text of texts) await mods.importArticle(db.prisma, text, {}, ACTOR);
      perArticleRates.push(n / seconds(t));
      await db.close();
      await target.drop();
    }

    // the Prisma write path alone: storeParsedArticle on input parsed beforehand
    {
      const target = await freshDatabase(provider, 'store');
      const db = await openDatabase(resolveDatabaseUrl(target.url), { poolSize: 4 });
      t = process.hrtime.bigint();
      for (const source of parsed) await mods.storeParsedArticle(db.prisma, source, ACTOR);
      storeRates.push(n / seconds(t));
      await db.close();
      await target.drop();
    }

    // raw limit: the same parsed records, raw driver, large transactions
    {
      const target = await freshDatabase(provider, 'raw');
      const writer = await openRawWriter(provider, target.url);
      t = process.hrtime.bigint();
      for (let i = 0; i < parsed.length; i += opts.batch) await writer.writeBatch(parsed.slice(i, i + opts.batch));
      rawRates.push(n / seconds(t));
      await writer.close();
      if (run === 0) rowsRaw = await countRows(target.url);
      await target.drop();
    }
    opts.log(`  ${provider} run ${run + 1}/${opts.runs}: parse ${parseRates.at(-1)!.toFixed(0)}/s, full ${fullRates.at(-1)!.toFixed(0)}/s, per-article ${perArticleRates.at(-1)!.toFixed(0)}/s, prisma write ${storeRates.at(-1)!.toFixed(0)}/s, raw write ${rawRates.at(-1)!.toFixed(0)}/s`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const parse = median(parseRates);
  const full = median(fullRates);
  const prismaWrite = median(storeRates);
  const rawWrite = median(rawRates);
  const rawLimit = harmonic(parse, rawWrite);
  return {
    provider,
    articles: n,
    runs: opts.runs,
    parse,
    full,
    perArticle: median(perArticleRates),
    prismaWrite,
    rawWrite,
    rawLimit,
    ratio: ratio(full, rawLimit),
    writeRatio: ratio(prismaWrite, rawWrite),
    rowsFull,
    rowsRaw,
    rowsMatch: TABLES.every((t) => rowsFull[t] === rowsRaw[t]),
  };
}
