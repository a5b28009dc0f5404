import type { Provider } from '../../src/config/database-url.ts';
import { makeToken } from './api-bench.ts';
import { freshDatabase } from './databases.ts';
import { startServer } from './load.ts';
import { percentile } from './stats.ts';

/**
 * Does one editor's maximal import hold the API for everyone else? (issue 21: a 2 MB import once held /healthz for
 * 17 s.) The server runs in its own process; while one POST /api/articles/import of an article at the write budget
 * (2,000 paragraphs, 4,000 quotes) is in flight, a second client asks /healthz and an article read in turn, one
 * request at a time, and records each answer's latency. The figures are those latencies' p50/p99/max: a read that
 * waits for the import shows in them directly.
 */
export interface ImportStallFigures {
  provider: Provider;
  importMs: number;
  importStatus: number;
  importBytes: number;
  probes: number;
  healthz: { p50: number; p99: number; max: number };
  article: { p50: number; p99: number; max: number };
}

const PARAGRAPHS = 2000;

/** An article at the write budget: every paragraph quotes two people, with attributions the parser reads. */
export function maximalArticle(): string {
  const lines = ['Harbour authority faces a long night of questions', ''];
  for (let i = 1; i <= PARAGRAPHS; i++) {
    lines.push(
      `"The berth ${i} figures were checked twice," said Maria Okafor, the harbour master. ` +
        `"We will publish them on Monday," added Tom Reyes, a spokesman for the port.`,
      '',
    );
  }
  return lines.join('\n');
}

export async function benchImportStall(provider: Provider, log: (s: string) => void): Promise<ImportStallFigures> {
  const database = await freshDatabase(provider, 'stall');
  const server = await startServer('app', database.url);
  try {
    const token = await makeToken(database.url);
    const auth = { Authorization: `Bearer ${token}` };
    const small = await fetch(`${server.url}/api/articles/import`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: 'A small story to read meanwhile\n\n"It is quiet here," said Ana Lima, a lock keeper.\n',
    });
    if (small.status !== 201) throw new Error(`the article to read could not be imported: ${small.status} ${await small.text()}`);
    const readPath = new URL(small.headers.get('location')!, server.url).pathname;

    const body = maximalArticle();
    const healthz: number[] = [];
    const article: number[] = [];
    let done = false;
    const started = performance.now();
    const importing = fetch(`${server.url}/api/articles/import`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body,
    }).then(async (res) => {
      await res.arrayBuffer();
      done = true;
      return { status: res.status, ms: performance.now() - started };
    });
    const timed = async (path: string, into: number[]) => {
      const t = performance.now();
      const res = await fetch(`${server.url}${path}`, { headers: auth });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} answered ${res.status} during the import`);
      into.push(performance.now() - t);
    };
    while (!done) {
      await timed('/healthz', healthz);
      await timed(readPath, article);
      await new Promise((r) => setTimeout(r, 5));
    }
    const imported = await importing;
    const figures = (xs: number[]) => ({ p50: percentile(xs, 0.5) ?? Number.NaN, p99: percentile(xs, 0.99) ?? Number.NaN, max: Math.max(...xs) });
    const result: ImportStallFigures = {
      provider,
      importMs: imported.ms,
      importStatus: imported.status,
      importBytes: Buffer.byteLength(body),
      probes: healthz.length,
      healthz: figures(healthz),
      article: figures(article),
    };
    log(
      `import stall on ${provider}: import ${imported.status} in ${Math.round(imported.ms)} ms; ${healthz.length} probes; ` +
        `/healthz p99 ${result.healthz.p99.toFixed(1)} ms (max ${result.healthz.max.toFixed(1)}), ` +
        `article p99 ${result.article.p99.toFixed(1)} ms (max ${result.article.max.toFixed(1)})`,
    );
    return result;
  } finally {
    await server.stop();
    await database.drop();
  }
}
