/**
 * `npm run bench`: ingest, API read/write and growth benchmarks against the raw limit, measured in the same run.
 * Prints a table and writes bench/results.json. Benchmarks, never timed tests: nothing here passes or fails.
 *
 *   npm run bench                         full run: growth on SQLite and PostgreSQL (~40 min building both
 *                                         100,000-article corpora, ~27 once they are kept)
 *   npm run bench -- --quick              under 2 minutes: 60-article ingest, 1 s per load run, reads at 300 and 1,000
 *   npm run bench -- --articles 500 --seed 7 --growth-large 20000 --only ingest,api
 *   npm run bench -- --only growth --growth-providers postgresql
 *   npm run bench -- --only stall             one maximal import while /healthz and an article are read (p99)
 *
 * Everything stays on this machine: SQLite files in the temp directory, PostgreSQL databases named bench_* created
 * from a migrated template and dropped at the end, servers on 127.0.0.1 port 0, autocannon for fixed durations. The
 * large growth corpora are kept between runs (CACHE_DIR: a file, and a database named bench_cache_…).
 */
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import type { Provider } from '../src/config/database-url.ts';
import { PROJECT_ROOT, resolveDatabaseUrl } from '../src/config/database-url.ts';
import { type ReadFigures, type Targets, type WriteFigures, apiRatio, benchRawArticle, benchReads, benchWrites, makeToken, pickTargets } from './lib/api-bench.ts';
import {
  cleanupDatabases,
  dropPostgresDatabases,
  freshDatabase,
  keptPostgresDatabase,
  migratedSqliteAt,
  postgresAvailable,
  postgresDatabaseExists,
  postgresUrl,
  readRows,
} from './lib/databases.ts';
import { type ImportStallFigures, benchImportStall } from './lib/import-stall.ts';
import { type IngestFigures, benchIngest } from './lib/ingest-bench.ts';
import { type LoadFigures, startServer } from './lib/load.ts';
import { type RoutePlan, capturePlans } from './lib/plans.ts';
import { loadApp, loadIngest } from './lib/project.ts';
import { fmt, ratio } from './lib/stats.ts';

const program = new Command()
  .name('bench')
  .option('--quick', 'small and short: about 2 minutes')
  .option('--articles <n>', 'ingest corpus size (default 1000; quick 100)', Number)
  .option('--seed <n>', 'corpus seed', Number, 1)
  .option('--runs <n>', 'repetitions per figure, medians reported (default 3; quick 1)', Number)
  .option('--seconds <n>', 'seconds per autocannon run (default 5; quick 1)', Number)
  .option('--growth-small <n>', 'small corpus for reads and growth (default 1000; quick 300)', Number)
  .option('--growth-large <n>', 'large corpus for growth (default 100000; quick 1000)', Number)
  .option('--batch <n>', 'articles per transaction in the raw/bulk path', Number, 1000)
  .option('--providers <list>', 'ingest databases', 'sqlite,postgresql')
  .option('--growth-providers <list>', 'growth databases (default sqlite,postgresql; quick sqlite)')
  .option('--only <list>', 'sections to run: ingest,api,stall,growth', 'ingest,api,stall,growth')
  .option('--fresh-growth', 'rebuild the cached large growth corpus')
  .option('--out <file>', 'results file', path.join(PROJECT_ROOT, 'bench/results.json'))
  .parse();

const o = program.opts<{
  quick?: boolean;
  articles?: number;
  seed: number;
  runs?: number;
  seconds?: number;
  growthSmall?: number;
  growthLarge?: number;
  batch: number;
  providers: string;
  growthProviders?: string;
  only: string;
  freshGrowth?: boolean;
  out: string;
}>();
const quick = !!o.quick;
const cfg = {
  seed: o.seed,
  articles: o.articles ?? (quick ? 60 : 1000),
  ingestRuns: o.runs ?? (quick ? 1 : 3),
  loadRuns: o.runs ?? (quick ? 1 : 3),
  seconds: o.seconds ?? (quick ? 1 : 5),
  warmupSeconds: quick ? 0.2 : 1,
  // quick: a smaller small corpus, so the one uncached bulk load and every server start stay short
  growthSmall: o.growthSmall ?? (quick ? 300 : 1000),
  growthLarge: o.growthLarge ?? (quick ? 1000 : 100_000),
  batch: o.batch,
  providers: o.providers.split(',').filter(Boolean) as Provider[],
  // PostgreSQL is the scale path, so the full run measures its growth too; quick stays on SQLite to stay short
  growthProviders: (o.growthProviders ?? (quick ? 'sqlite' : 'sqlite,postgresql')).split(',').filter(Boolean) as Provider[],
  only: new Set(o.only.split(',')),
  connections: [1, 32],
};
const log = (s: string) => process.stderr.write(`${s}\n`);
const startedAt = Date.now();

function machine() {
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim().length > 0;
  } catch {
    /* not a git checkout */
  }
  return {
    date: new Date().toISOString(),
    commit: dirty ? `${commit} (+ uncommitted changes)` : commit,
    node: process.version,
    availableParallelism: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    quick,
  };
}

/** Runs the bulk loader in its own process (its peak RSS is the ingest's alone). */
function bulkLoad(url: string, count: number, mode: 'raw' | 'prisma' = 'raw'): Promise<{ articles: number; seconds: number; rate: number; maxRssMb: number; created: number; unchanged: number; deferred: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'bench/lib/bulk-load-child.ts'), url, String(cfg.seed), String(count), String(cfg.batch), mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bulk load exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

interface ExportFigures {
  articles: number;
  seconds: number;
  rate: number;
  maxRssMb: number;
  bytes: number;
}

/**
 * `npm run export -- --format ndjson` of a whole corpus, run as an operator runs it (the script itself, its output
 * counted and dropped); its peak RSS comes from report-peak-rss.ts. Flat between the two corpus sizes means the
 * export streams.
 */
function exportRun(url: string, label: string): Promise<ExportFigures> {
  log(`${label}: export --format ndjson`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', path.join(PROJECT_ROOT, 'bench/lib/report-peak-rss.ts'), path.join(PROJECT_ROOT, 'scripts/export.ts'), '--format', 'ndjson'],
      { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
    );
    let bytes = 0;
    let stderr = '';
    let report = '';
    child.stdout!.on('data', (d: Buffer) => (bytes += d.length));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (report += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const articles = Number(/exported (\d+) articles/.exec(stderr)?.[1]);
      if (code !== 0 || !report) return reject(new Error(`export exited with ${code}: ${stderr.slice(-500)}`));
      const seconds = (performance.now() - started) / 1000;
      resolve({ articles, seconds, rate: articles / seconds, maxRssMb: (JSON.parse(report) as { maxRssMb: number }).maxRssMb, bytes });
    });
  });
}

/** The figure measured at `connections`, if any. */
const at = (list: LoadFigures[] | null | undefined, connections: number) => list?.find((f) => f.connections === connections);

/** The routes read at both corpus sizes, by their key in the results. */
const routes = {
  article: (r: ReadFigures) => r.article,
  list: (r: ReadFigures) => r.list,
  person: (r: ReadFigures) => r.person,
  personTypical: (r: ReadFigures) => r.personTypical,
  listSearch: (r: ReadFigures) => r.listSearch,
  search: (r: ReadFigures) => r.search,
};

type P99 = 'p99' | 'p99Settled';
const GROWTH_CONNECTIONS = 32;
/** A run with no answer within autocannon's 10 s timeout reads p99 0, which must not look fast. */
const p99Of = (f: LoadFigures | undefined, key: P99) => (f && f.rps === 0 ? Number.POSITIVE_INFINITY : (f?.[key] ?? Number.NaN));
/** large / small p99 of one route at `connections`: the growth figure, for the results and the printed table alike. */
const growthRatio = (small: ReadFigures, large: ReadFigures, pick: (r: ReadFigures) => LoadFigures[] | null | undefined, connections: number, key: P99) =>
  ratio(p99Of(at(pick(large), connections), key), p99Of(at(pick(small), connections), key));

/** One database's growth section of results.json. */
function growthResult(small: GrowthPoint, large: GrowthPoint) {
  const ratios = (key: P99) => Object.fromEntries(Object.entries(routes).map(([k, pick]) => [k, growthRatio(small.reads, large.reads, pick, GROWTH_CONNECTIONS, key)]));
  return {
    small: { articles: small.articles, paragraphs: small.paragraphs, load: small.load, reads: small.reads, export: small.export },
    large: { articles: large.articles, paragraphs: large.paragraphs, load: large.load, reads: large.reads, export: large.export },
    p99RatioLargeOverSmallAt32: ratios('p99'),
    p99SettledRatioLargeOverSmallAt32: ratios('p99Settled'),
  };
}

function migrationsHash(provider: Provider): string {
  const dir = path.join(PROJECT_ROOT, 'prisma', provider, 'migrations');
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
  }
  return h.digest('hex').slice(0, 8);
}

interface GrowthPoint {
  articles: number;
  paragraphs: number;
  load: { path: string; rate: number; seconds: number; maxRssMb: number; cached: boolean };
  reads: ReadFigures;
  export: ExportFigures;
}

/** The large growth corpus takes minutes to build: it is kept between runs, keyed by seed, size and migrations
 * (`--fresh-growth` rebuilds it), with its load figures beside it: a file in the temp directory on SQLite, a database
 * named bench_cache_… on PostgreSQL. */
const CACHE_DIR = path.join(os.tmpdir(), 'news-bench-cache');

interface Corpus {
  url: string;
  load: GrowthPoint['load'];
  /** removes it, unless it is the cache */
  drop(): Promise<void>;
}

async function corpusDb(provider: Provider, count: number, label: string, cache: boolean): Promise<Corpus> {
  let url: string;
  let drop = async () => {};
  let metaFile: string | null = null;
  const key = `growth-s${cfg.seed}-n${count}-${migrationsHash(provider)}`;
  if (!cache) {
    ({ url, drop } = await freshDatabase(provider, 'growth'));
  } else if (provider === 'sqlite') {
    const file = path.join(CACHE_DIR, `${key}.db`);
    url = `file:${file}`;
    metaFile = `${file}.load.json`;
    if (!o.freshGrowth && fs.existsSync(file) && fs.existsSync(metaFile)) return reuse(url, metaFile, label);
    dropStaleCaches(`${key}.db`);
    await migratedSqliteAt(file);
  } else {
    const name = `bench_cache_${key.replaceAll('-', '_')}`;
    metaFile = path.join(CACHE_DIR, `${name}.load.json`);
    if (!o.freshGrowth && fs.existsSync(metaFile) && (await postgresDatabaseExists(name))) return reuse(postgresUrl(name), metaFile, label);
    dropStaleCaches(`${name}.load.json`);
    await dropPostgresDatabases(name.slice(0, name.lastIndexOf('_') + 1));
    url = await keptPostgresDatabase(name);
  }
  log(`${label}: bulk loading ${fmt(count)} articles (parse + raw batched writer, one transaction per ${cfg.batch})…`);
  const r = await bulkLoad(url, count);
  const load = { path: `parse + raw batched writer (${provider === 'sqlite' ? 'better-sqlite3' : 'pg'})`, rate: r.rate, seconds: r.seconds, maxRssMb: r.maxRssMb, cached: false };
  if (metaFile) {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(metaFile, JSON.stringify(load));
  }
  log(`${label}: ${fmt(r.rate)} articles/s, ${fmt(r.seconds, 1)} s, peak RSS ${fmt(r.maxRssMb)} MB`);
  return { url, load, drop };
}

function reuse(url: string, metaFile: string, label: string): Corpus {
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as GrowthPoint['load'];
  log(`${label}: reusing ${url} (bulk loaded earlier at ${fmt(meta.rate)} articles/s)`);
  return { url, load: { ...meta, cached: true }, drop: async () => {} };
}

/** A corpus built for older migrations is never read again; at 100,000 articles it is 2 GB of the temp directory. */
function dropStaleCaches(current: string): void {
  const prefix = current.slice(0, current.search(/[-_][0-9a-f]{8}\./) + 1); // growth-s<seed>-n<count>- or bench_cache_growth_s<seed>_n<count>_
  for (const name of fs.existsSync(CACHE_DIR) ? fs.readdirSync(CACHE_DIR) : []) {
    if (name.startsWith(prefix) && !name.startsWith(current)) fs.rmSync(path.join(CACHE_DIR, name), { force: true });
  }
}

async function countParagraphs(url: string): Promise<number> {
  const [row] = await readRows<{ n: number | string }>(url, 'SELECT count(*) AS n FROM paragraphs');
  return Number(row!.n);
}

async function main() {
  const env = machine();
  log(`bench: ${quick ? 'quick' : 'full'} run on ${env.availableParallelism} cores (${env.cpu}), node ${env.node}, commit ${env.commit}, load ${env.loadAverageAtStart.join(' ')}`);
  const results: Record<string, unknown> = { machine: env, config: { ...cfg, only: [...cfg.only] } };
  const notes: string[] = [];

  // ---------------------------------------------------------------- ingest
  const ingest: IngestFigures[] = [];
  if (cfg.only.has('ingest')) {
    const mods = await loadIngest();
    for (const provider of cfg.providers) {
      if (provider === 'postgresql') {
        const problem = await postgresAvailable();
        if (problem) {
          notes.push(`PostgreSQL ingest skipped: ${problem}`);
          log(notes.at(-1)!);
          continue;
        }
      }
      log(`ingest on ${provider}: ${cfg.articles} articles × ${cfg.ingestRuns} runs`);
      ingest.push(await benchIngest(mods, provider, { seed: cfg.seed, articles: cfg.articles, runs: cfg.ingestRuns, batch: cfg.batch, log }));
    }
    results.ingest = ingest;
  }

  // ---------------------------------------------------------------- API on the small corpus, then growth
  const load = { seconds: cfg.seconds, runs: cfg.loadRuns, connections: cfg.connections, warmupSeconds: cfg.warmupSeconds };
  let small: GrowthPoint | undefined;
  let large: GrowthPoint | undefined;
  let raw: Awaited<ReturnType<typeof benchRawArticle>> | undefined;
  let writes: WriteFigures[] | undefined;
  let postgres: { small: GrowthPoint; large: GrowthPoint } | undefined;
  const plans: { small?: RoutePlan[]; large?: RoutePlan[]; postgresql?: { small: RoutePlan[]; large: RoutePlan[] } } = {};
  let memory: Record<string, unknown> | undefined;
  const app = cfg.only.has('api') || cfg.only.has('growth') ? await loadApp() : null;
  if (typeof app === 'string') {
    notes.push(`API benchmarks skipped: ${app}`);
    log(notes.at(-1)!);
  } else if (app) {
    const planRoutes = (t: Targets) => [
      { name: 'article', path: `/api/articles/${encodeURIComponent(t.slugs[0]!)}` },
      { name: 'list', path: '/api/articles?limit=20' },
      { name: 'list ?q=', path: `/api/articles?limit=20&q=${encodeURIComponent(t.queries[0]!)}` },
      { name: 'person', path: `/api/people/${t.personId}` },
      { name: 'search', path: `/api/search?q=${encodeURIComponent(t.queries[0]!)}` },
    ];
    const readsOn = async (url: string, label: string, connections = cfg.connections) => {
      const t = await pickTargets(url);
      log(`${label}: API reads (${cfg.seconds} s × ${cfg.loadRuns} per figure, connections ${connections.join(', ')})`);
      const start = () => startServer('app', url);
      return { t, reads: await benchReads(start, t, { ...load, connections }, log) };
    };
    /**
     * Reads, then `alsoOn` (the small SQLite corpus: writes and the raw server), then paragraph count, export and
     * plans of one corpus; then the corpus dropped (unless it is the cache).
     */
    const growthPoint = async (c: Corpus, articles: number, label: string, connections = cfg.connections, alsoOn?: (t: Targets) => Promise<void>) => {
      try {
        const r = await readsOn(c.url, label, connections);
        await alsoOn?.(r.t);
        const point: GrowthPoint = { articles, paragraphs: await countParagraphs(c.url), load: c.load, reads: r.reads, export: await exportRun(c.url, label) };
        return { point, plans: await capturePlans(c.url, planRoutes(r.t)) };
      } finally {
        await c.drop();
      }
    };

    const sqliteSmallLabel = `small corpus (${fmt(cfg.growthSmall)})`;
    const s = await corpusDb('sqlite', cfg.growthSmall, sqliteSmallLabel, false);
    const smallPoint = await growthPoint(s, cfg.growthSmall, sqliteSmallLabel, cfg.connections, async (t) => {
      if (cfg.only.has('api')) {
        log('small corpus: API writes');
        const server = await startServer('app', s.url);
        try {
          writes = await benchWrites(server.url, await makeToken(s.url), t, { seconds: cfg.seconds, runs: cfg.loadRuns, workers: [1, 8] }, log);
        } finally {
          await server.stop();
        }
      }
      log('small corpus: raw node:http + better-sqlite3 article server');
      raw = await benchRawArticle(resolveDatabaseUrl(s.url).file!, t, load, log);
    });
    small = smallPoint.point;
    plans.small = smallPoint.plans;

    if (cfg.only.has('growth')) {
      // quick: the growth comparison at 32 connections only, to stay under two minutes
      if (cfg.growthProviders.includes('sqlite')) {
        const label = `large corpus (${fmt(cfg.growthLarge)})`;
        const l = await growthPoint(await corpusDb('sqlite', cfg.growthLarge, label, true), cfg.growthLarge, label, quick ? [32] : cfg.connections);
        large = l.point;
        plans.large = l.plans;
      }

      if (cfg.growthProviders.includes('postgresql')) {
        const problem = await postgresAvailable();
        if (problem) {
          notes.push(`PostgreSQL growth skipped: ${problem}`);
          log(notes.at(-1)!);
        } else {
          const smallLabel = `PostgreSQL small corpus (${fmt(cfg.growthSmall)})`;
          const largeLabel = `PostgreSQL large corpus (${fmt(cfg.growthLarge)})`;
          const a = await growthPoint(await corpusDb('postgresql', cfg.growthSmall, smallLabel, false), cfg.growthSmall, smallLabel);
          const b = await growthPoint(await corpusDb('postgresql', cfg.growthLarge, largeLabel, true), cfg.growthLarge, largeLabel);
          postgres = { small: a.point, large: b.point };
          plans.postgresql = { small: a.plans, large: b.plans };
        }
      }

      // Memory of the project's real ingest path at two sizes: flat means it streams.
      if (!quick) {
        const sizes = [Math.round(cfg.growthSmall / 2), cfg.growthSmall * 2];
        const prismaRss: { articles: number; maxRssMb: number; rate: number }[] = [];
        for (const n of sizes) {
          const target = await freshDatabase('sqlite', 'mem');
          log(`memory: project ingest path (importArticle) for ${n} articles`);
          const m = await bulkLoad(target.url, n, 'prisma');
          prismaRss.push({ articles: n, maxRssMb: m.maxRssMb, rate: m.rate });
          await target.drop();
        }
        memory = { prismaPath: prismaRss };
      }
    }
  }

  // ---------------------------------------------------------------- one maximal import against everyone else's reads
  if (cfg.only.has('stall')) {
    const stall: ImportStallFigures[] = [];
    for (const provider of cfg.providers) {
      const problem = provider === 'postgresql' ? await postgresAvailable() : null;
      if (problem) notes.push(`PostgreSQL import stall skipped: ${problem}`);
      else stall.push(await benchImportStall(provider, log));
    }
    results.importStall = stall;
  }

  results.api = small
    ? {
        corpus: small.articles,
        reads: small.reads,
        raw: raw,
        ratio: { article1: apiRatio(at(small.reads.article, 1), at(raw?.article, 1)), article32: apiRatio(at(small.reads.article, 32), at(raw?.article, 32)) },
        writes,
      }
    : undefined;
  results.growth = large && small ? { ...growthResult(small, large), memory } : undefined;
  results.growthPostgresql = postgres ? growthResult(postgres.small, postgres.large) : undefined;
  results.plans = plans;
  results.notes = notes;
  results.elapsedSeconds = (Date.now() - startedAt) / 1000;
  fs.writeFileSync(o.out, `${JSON.stringify(results, null, 1)}\n`);
  printTable(results, ingest, small, large, postgres, raw, writes);
  log(`\nwrote ${path.relative(process.cwd(), o.out)} in ${fmt((Date.now() - startedAt) / 1000)} s`);
}

function growthTable(lines: string[], database: string, small: GrowthPoint, large: GrowthPoint): void {
  const c = GROWTH_CONNECTIONS;
  lines.push(`\nGrowth, ${database}: p99 at ${c} connections (ms)  ${fmt(small.articles)} art   ${fmt(large.articles)} art (${fmt(large.paragraphs)} paragraphs)   large/small   [settled: p99 once every connection was answered]`);
  const g = (name: string, pick: (r: ReadFigures) => LoadFigures[] | null | undefined) => {
    const a = at(pick(small.reads), c);
    const b = at(pick(large.reads), c);
    const show = (f: LoadFigures | undefined) => (f && f.rps === 0 ? '>10 s' : fmt(f?.p99));
    const settled = `[settled ${fmt(a?.p99Settled)} → ${fmt(b?.p99Settled)}: ${fmt(growthRatio(small.reads, large.reads, pick, c, 'p99Settled'), 1)}]`;
    lines.push(`  ${name.padEnd(26)} ${show(a).padStart(10)}   ${show(b).padStart(10)}   ${(b?.rps === 0 ? '∞' : fmt(growthRatio(small.reads, large.reads, pick, c, 'p99'), 1)).padStart(8)}   (req/s ${fmt(a?.rps)} → ${fmt(b?.rps)})  ${settled}`);
  };
  g('article by slug', routes.article);
  g('list ?limit=20', routes.list);
  g('person (most quoted)', routes.person);
  g('person (typical)', routes.personTypical);
  g('list ?q= (substring)', routes.listSearch);
  if (small.reads.search) g('search', routes.search);
  lines.push(`  bulk load ${fmt(large.articles)}: ${large.load.path}, ${fmt(large.load.rate)} articles/s, peak RSS ${fmt(large.load.maxRssMb)} MB (at ${fmt(small.articles)}: ${fmt(small.load.maxRssMb)} MB)${large.load.cached ? ' [cached corpus]' : ''}`);
  const exp = (e: ExportFigures) => `${fmt(e.articles)} articles, ${fmt(e.rate)}/s, ${fmt(e.bytes / 2 ** 20)} MB out, peak RSS ${fmt(e.maxRssMb)} MB`;
  lines.push(`  export ndjson: ${exp(large.export)} (at ${fmt(small.articles)}: ${exp(small.export)})`);
}

function printTable(
  results: Record<string, unknown>,
  ingest: IngestFigures[],
  small: GrowthPoint | undefined,
  large: GrowthPoint | undefined,
  postgres: { small: GrowthPoint; large: GrowthPoint } | undefined,
  raw: Awaited<ReturnType<typeof benchRawArticle>> | undefined,
  writes: WriteFigures[] | undefined,
) {
  const m = results.machine as ReturnType<typeof machine>;
  const lines: string[] = [];
  lines.push(`\n${m.date.slice(0, 16)}  ${m.availableParallelism} cores ${m.cpu}  node ${m.node}  commit ${m.commit}${m.quick ? '  (quick)' : ''}`);
  if (ingest.length) {
    lines.push('\nIngest (articles/s, medians)        parse   full ingest  prisma write  raw write  raw limit  full/limit  rows equal');
    for (const f of ingest) {
      lines.push(
        `  ${f.provider.padEnd(12)} ${String(f.articles).padStart(5)} art ×${f.runs}  ${fmt(f.parse).padStart(6)}  ${fmt(f.full).padStart(11)}  ${fmt(f.prismaWrite).padStart(12)}  ${fmt(f.rawWrite).padStart(9)}  ${fmt(f.rawLimit).padStart(9)}  ${fmt(f.ratio, 2).padStart(10)}  ${f.rowsMatch ? 'yes' : 'NO'}`,
      );
    }
  }
  const row = (name: string, f: LoadFigures[] | null | undefined, extra = '') =>
    f?.length ? `  ${name.padEnd(26)} ${f.map((x) => `${fmt(x.rps).padStart(7)} req/s p50 ${fmt(x.p50).padStart(3)} p99 ${fmt(x.p99).padStart(4)} ms`).join('   ')}${f.some((x) => x.errors) ? '  (errors!)' : ''}${extra}` : `  ${name.padEnd(26)} –`;
  if (small) {
    lines.push(`\nAPI reads, SQLite, ${fmt(small.articles)} articles       @1 connection                         @32 connections`);
    lines.push(row('article by slug', small.reads.article));
    lines.push(row('raw node:http article', raw?.article));
    lines.push(`  ${'ratio API/raw'.padEnd(26)} ${fmt(apiRatio(at(small.reads.article, 1), at(raw?.article, 1)), 2).padStart(7)}                                 ${fmt(apiRatio(at(small.reads.article, 32), at(raw?.article, 32)), 2).padStart(7)}`);
    lines.push(row('list ?limit=20', small.reads.list));
    lines.push(row('person (most quoted)', small.reads.person));
    lines.push(row('person (typical)', small.reads.personTypical));
    lines.push(row('list ?q= (substring)', small.reads.listSearch));
    lines.push(small.reads.search ? row('search', small.reads.search) : `  ${'search'.padEnd(26)} skipped: ${small.reads.searchNote}`);
    if (small.reads.conditional) lines.push(`  ${'conditional GET → 304'.padEnd(26)} @${small.reads.conditional.connections}: ${fmt(small.reads.conditional.rps)} req/s p50 ${small.reads.conditional.p50} p99 ${small.reads.conditional.p99} ms`);
    lines.push(`  response bytes: API ${fmt(small.reads.articleBytes)}, raw ${fmt(raw?.articleBytes)}`);
  }
  if (writes?.length) {
    lines.push('\nAPI writes (If-Match; 412 → re-read and retry)');
    for (const w of writes) lines.push(`  ${w.name.padEnd(26)} ×${w.workers}: ${fmt(w.rps).padStart(5)} writes/s  p50 ${fmt(w.p50, 1)} ms  p99 ${fmt(w.p99, 1)} ms  412s ${w.conflicts}${w.errors ? `  ERRORS ${w.errors}: ${w.errorSample}` : ''}`);
  }
  if (small && large) {
    growthTable(lines, 'SQLite', small, large);
    const mem = (results.growth as { memory?: { prismaPath: { articles: number; maxRssMb: number; rate: number }[] } }).memory;
    if (mem) lines.push(`  project ingest path peak RSS: ${mem.prismaPath.map((p) => `${fmt(p.articles)} art → ${fmt(p.maxRssMb)} MB (${fmt(p.rate)}/s)`).join(', ')}`);
  }
  if (postgres) growthTable(lines, 'PostgreSQL', postgres.small, postgres.large);
  for (const n of results.notes as string[]) lines.push(`note: ${n}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main()
  .catch((e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 1;
  })
  .finally(() => cleanupDatabases());
