import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { createToken } from '../../src/auth/tokens.ts';
import { openDatabase } from '../../src/db/client.ts';
import { type ChildServer, type LoadFigures, type LoadRequest, measure, startServer } from './load.ts';
import { readRows } from './databases.ts';
import { median, ratio } from './stats.ts';

/**
 * API reads and writes against the real app (createApp + http.createServer in a child process), and the raw
 * node:http limit for the full article. Everything on 127.0.0.1, fixed durations.
 */
export interface Targets {
  slugs: string[];
  /** the most-quoted speaker: the person endpoint's heaviest realistic case */
  personId: number;
  personQuotes: number;
  /** a typical speaker (median number of quotes) */
  typicalPersonId: number;
  typicalPersonQuotes: number;
  queries: string[];
  /** articles and their first quote/paragraph, for writes */
  writable: { articleId: number; quoteId: number; paragraphId: number; paragraphText: string; speakers: [number, number] }[];
}

/** Picks what the load will ask for, reproducibly (ordered by id, every k-th). */
export async function pickTargets(url: string, count = 200): Promise<Targets> {
  const published = (await readRows<{ slug: string }>(url, `SELECT slug FROM articles WHERE status = 'published' ORDER BY id`)).map((r) => r.slug);
  const step = Math.max(1, Math.floor(published.length / count));
  const slugs = published.filter((_, i) => i % step === 0).slice(0, count);
  // PostgreSQL answers count(*) as a bigint, which pg reads as a string
  const speakers = (
    await readRows<{ id: number; n: number | string }>(
      url,
      'SELECT speaker_id AS id, count(*) AS n FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY n DESC, id',
    )
  ).map((s) => ({ id: s.id, n: Number(s.n) }));
  const top = speakers[0] ?? { id: 1, n: 0 };
  const typical = speakers[Math.floor(speakers.length / 2)] ?? top;
  const writable = (
    await readRows<{ articleId: number; quoteId: number | null; paragraphId: number; paragraphText: string }>(
      url,
      `SELECT a.id AS "articleId", (SELECT min(q.id) FROM quotes q WHERE q.article_id = a.id AND q.speaker_id IS NOT NULL) AS "quoteId",
              p.id AS "paragraphId", p.text AS "paragraphText"
       FROM articles a JOIN paragraphs p ON p.article_id = a.id AND p.position = 2
       WHERE a.status = 'published' ORDER BY a.id LIMIT 400`,
    )
  )
    .filter((w) => w.quoteId !== null)
    .slice(0, 64)
    .map((w) => ({ ...w, quoteId: w.quoteId!, speakers: [top.id, typical.id] as [number, number] }));
  return {
    slugs,
    personId: top.id,
    personQuotes: top.n,
    typicalPersonId: typical.id,
    typicalPersonQuotes: typical.n,
    // a place in many articles, a surname, a word from one topic, a phrase that matches nothing (the full scan)
    queries: ['Rotterdam', 'Okafor', 'fertiliser', 'zzyzx-no-match'],
    writable,
  };
}

export interface ReadFigures {
  article: LoadFigures[];
  list: LoadFigures[];
  person: LoadFigures[];
  personTypical: LoadFigures[];
  /** GET /api/articles?q= (substring filter: the interim search) */
  listSearch: LoadFigures[];
  /** GET /api/search?q= — null with a note when the route does not exist yet */
  search: LoadFigures[] | null;
  searchNote?: string;
  conditional: LoadFigures | null;
  /** response sizes, to show the raw server answers the same document */
  articleBytes: number;
}

export interface LoadOptions {
  seconds: number;
  runs: number;
  connections: number[];
  warmupSeconds: number;
}

async function fetchJson(url: string, init?: RequestInit): Promise<{ status: number; etag: string | null; body: unknown; bytes: number }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, etag: res.headers.get('etag'), body, bytes: Buffer.byteLength(text) };
}

/**
 * Each endpoint is measured on a freshly started server: a saturating run leaves queued work behind (the first
 * run's list at 32 connections kept the server busy for minutes and poisoned every later figure).
 */
export async function benchReads(start: () => Promise<ChildServer>, t: Targets, opts: LoadOptions, log: (s: string) => void, include = { person: true }): Promise<ReadFigures> {
  let server = await start();
  let url = server.url;
  const restart = async () => {
    await server.stop();
    server = await start();
    url = server.url;
  };
  try {
    return await measureReads();
  } finally {
    await server.stop();
  }

  async function measureReads(): Promise<ReadFigures> {
  const each = async (name: string, reqs: LoadRequest[]) => {
    await restart();
    const out: LoadFigures[] = [];
    for (const c of opts.connections) {
      const f = await measure(url, reqs, { connections: c, seconds: opts.seconds, runs: opts.runs, warmupSeconds: opts.warmupSeconds });
      log(`  ${name} @${c}: ${f.rps.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms${f.errors ? `, ${f.errors} ERRORS` : ''}`);
      out.push(f);
    }
    return out;
  };
  const first = await fetchJson(`${url}/api/articles/${encodeURIComponent(t.slugs[0]!)}`);
  if (first.status !== 200) throw new Error(`GET /api/articles/${t.slugs[0]} answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`);

  const article = await each('article', t.slugs.map((s) => ({ path: `/api/articles/${encodeURIComponent(s)}` })));
  const list = await each('list', [{ path: '/api/articles?limit=20' }]);
  const person = include.person ? await each(`person (${t.personQuotes} quotes)`, [{ path: `/api/people/${t.personId}` }]) : [];
  const personTypical = include.person ? await each(`person (${t.typicalPersonQuotes} quotes)`, [{ path: `/api/people/${t.typicalPersonId}` }]) : [];
  const listSearch = await each('list ?q=', t.queries.map((q) => ({ path: `/api/articles?limit=20&q=${encodeURIComponent(q)}` })));

  let search: LoadFigures[] | null = null;
  let searchNote: string | undefined;
  const probe = await fetchJson(`${url}/api/search?q=${encodeURIComponent(t.queries[0]!)}`);
  if (probe.status === 404) searchNote = 'GET /api/search answers 404: the search route does not exist yet (issue 5); skipped';
  else if (probe.status !== 200) searchNote = `GET /api/search answered ${probe.status}; skipped`;
  else search = await each('search', t.queries.map((q) => ({ path: `/api/search?q=${encodeURIComponent(q)}` })));
  if (searchNote) log(`  search: ${searchNote}`);

  // Conditional GET: the client holds the current ETag of each article → 304 without loading the body.
  const etags: LoadRequest[] = [];
  for (const s of t.slugs) {
    const r = await fetchJson(`${url}/api/articles/${encodeURIComponent(s)}`);
    if (r.etag) etags.push({ path: `/api/articles/${encodeURIComponent(s)}`, headers: { 'if-none-match': r.etag } });
  }
  let conditional: LoadFigures | null = null;
  if (etags.length) {
    await restart();
    const check = await fetch(`${url}${etags[0]!.path}`, { headers: etags[0]!.headers });
    if (check.status !== 304) log(`  conditional GET answered ${check.status}, not 304`);
    const c = Math.max(...opts.connections);
    conditional = await measure(url, etags, { connections: c, seconds: opts.seconds, runs: opts.runs, warmupSeconds: opts.warmupSeconds });
    log(`  conditional GET (304) @${c}: ${conditional.rps.toFixed(0)} req/s, p99 ${conditional.p99} ms`);
  }
  return { article, list, person, personTypical, listSearch, search, searchNote, conditional, articleBytes: first.bytes };
  }
}

export async function benchRawArticle(file: string, t: Targets, opts: LoadOptions, log: (s: string) => void): Promise<{ article: LoadFigures[]; articleBytes: number; maxRssMb: number }> {
  const server = await startServer('raw', `file:${file}`);
  try {
    const first = await fetchJson(`${server.url}/api/articles/${encodeURIComponent(t.slugs[0]!)}`);
    const article: LoadFigures[] = [];
    for (const c of opts.connections) {
      const f = await measure(server.url, t.slugs.map((s) => ({ path: `/api/articles/${encodeURIComponent(s)}` })), {
        connections: c,
        seconds: opts.seconds,
        runs: opts.runs,
        warmupSeconds: opts.warmupSeconds,
      });
      log(`  raw article @${c}: ${f.rps.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms`);
      article.push(f);
    }
    return { article, articleBytes: first.bytes, ...(await server.stop()) };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

export interface WriteFigures {
  name: string;
  workers: number;
  /** successful PATCHes per second */
  rps: number;
  p50: number;
  p99: number;
  /** 412s met (each answered by re-reading the article and patching again) */
  conflicts: number;
  errors: number;
  errorSample?: string;
}

/**
 * Editors' writes, as a client would do them: PATCH with If-Match the article's current ETag (kept from the
 * previous answer); on 412, GET the article for its new ETag and patch again. `workers` concurrent editors,
 * round-robin over different articles. Latency is the PATCH's alone.
 */
export async function benchWrites(url: string, token: string, t: Targets, opts: { seconds: number; runs: number; workers: number[] }, log: (s: string) => void): Promise<WriteFigures[]> {
  const auth = { authorization: `Bearer ${token}` };
  const etagOf = new Map<number, string>();
  const refresh = async (articleId: number) => {
    const r = await fetch(`${url}/api/articles/${articleId}`, { headers: auth });
    await r.arrayBuffer();
    etagOf.set(articleId, r.headers.get('etag') ?? '');
  };
  for (const w of t.writable) await refresh(w.articleId);

  const kinds = [
    {
      name: 'quote speaker correction',
      request: (w: Targets['writable'][number], n: number) => ({
        path: `/api/quotes/${w.quoteId}`,
        body: { speaker: { id: w.speakers[n % 2]! } },
      }),
    },
    {
      name: 'paragraph edit',
      request: (w: Targets['writable'][number], n: number) => ({
        path: `/api/articles/${w.articleId}/paragraphs/${w.paragraphId}`,
        body: { text: n % 2 ? `${w.paragraphText} (corrected)` : w.paragraphText },
      }),
    },
  ];
  const out: WriteFigures[] = [];
  for (const kind of kinds) {
    for (const workers of opts.workers) {
      const runs: WriteFigures[] = [];
      for (let run = 0; run < opts.runs; run++) {
        const latencies: number[] = [];
        let conflicts = 0;
        let errors = 0;
        let errorSample: string | undefined;
        let next = 0;
        const deadline = performance.now() + opts.seconds * 1000;
        const worker = async () => {
          while (performance.now() < deadline) {
            const n = next++;
            const w = t.writable[n % t.writable.length]!;
            const { path, body } = kind.request(w, Math.floor(n / t.writable.length));
            for (let attempt = 0; attempt < 5; attempt++) {
              const started = performance.now();
              const res = await fetch(`${url}${path}`, {
                method: 'PATCH',
                headers: { ...auth, 'content-type': 'application/json', 'if-match': etagOf.get(w.articleId) ?? '' },
                body: JSON.stringify(body),
              });
              const text = await res.text();
              if (res.status === 200) {
                latencies.push(performance.now() - started);
                etagOf.set(w.articleId, res.headers.get('etag') ?? '');
                break;
              }
              if (res.status === 412) {
                conflicts++;
                await refresh(w.articleId);
                continue;
              }
              errors++;
              errorSample ??= `${res.status} ${text.slice(0, 200)}`;
              await refresh(w.articleId);
              break;
            }
          }
        };
        const started = performance.now();
        await Promise.all(Array.from({ length: workers }, worker));
        const elapsed = (performance.now() - started) / 1000;
        latencies.sort((a, b) => a - b);
        const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
        runs.push({ name: kind.name, workers, rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), conflicts, errors, errorSample });
      }
      const f: WriteFigures = {
        name: kind.name,
        workers,
        rps: median(runs.map((r) => r.rps)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        conflicts: runs.reduce((s, r) => s + r.conflicts, 0),
        errors: runs.reduce((s, r) => s + r.errors, 0),
        errorSample: runs.find((r) => r.errorSample)?.errorSample,
      };
      log(`  ${f.name} ×${workers}: ${f.rps.toFixed(0)} writes/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, ${f.conflicts} × 412${f.errors ? `, ${f.errors} ERRORS (${f.errorSample})` : ''}`);
      out.push(f);
    }
  }
  return out;
}

/** An editor token for the writes, made the way `npm run token` makes one. */
export async function makeToken(databaseUrl: string): Promise<string> {
  const db = await openDatabase(resolveDatabaseUrl(databaseUrl));
  try {
    return (await createToken(db.prisma, { name: 'bench', role: 'editor' })).token;
  } finally {
    await db.close();
  }
}

export const apiRatio = (api: LoadFigures | undefined, raw: LoadFigures | undefined) => ratio(api?.rps ?? Number.NaN, raw?.rps ?? Number.NaN);
