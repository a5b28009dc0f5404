import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { median } from './stats.ts';

/** A server under test running in its own process (server-child.ts). */
export interface ChildServer {
  url: string;
  stop(): Promise<{ maxRssMb: number }>;
}

export async function startServer(mode: 'app' | 'raw', databaseUrl: string): Promise<ChildServer> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'server-child.ts'), [mode, databaseUrl], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number }) => (m.port ? resolve(m.port) : reject(new Error('server child sent no port'))));
    child.once('exit', (code) => reject(new Error(`server child (${mode}) exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve({ maxRssMb: Number.NaN });
        }, 10_000);
        child.once('message', (m: { maxRssMb: number }) => {
          clearTimeout(timer);
          resolve(m);
        });
        child.send('stop');
      }),
  };
}

export interface LoadFigures {
  connections: number;
  /** requests per second (2xx/3xx only: errors are counted separately) */
  rps: number;
  p50: number;
  p99: number;
  /** non-2xx/3xx answers and socket errors over the run: must be 0 for the figure to stand */
  errors: number;
  /** mean response body bytes */
  bytes: number;
  runs: number;
}

export interface LoadRequest {
  method?: 'GET' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One autocannon measurement: `runs` runs of `seconds` each on loopback, medians across runs. A short warm-up run
 * precedes them (JIT, SQLite page cache, Prisma's query plan cache).
 */
export async function measure(
  url: string,
  requests: LoadRequest[] | (() => LoadRequest),
  opts: { connections: number; seconds: number; runs: number; warmupSeconds?: number; expectStatus?: number[] },
): Promise<LoadFigures> {
  const list = typeof requests === 'function' ? null : requests;
  const once = async (seconds: number) => {
    let idx = 0;
    const result = await autocannon({
      url,
      connections: opts.connections,
      duration: seconds,
      pipelining: 1,
      requests: [
        {
          setupRequest: (req: Record<string, unknown>) => {
            const r = list ? list[idx++ % list.length]! : (requests as () => LoadRequest)();
            return { ...req, method: r.method ?? 'GET', path: r.path, headers: { ...(r.headers ?? {}) }, body: r.body };
          },
        },
      ],
    });
    return result;
  };
  if (opts.warmupSeconds) await once(opts.warmupSeconds);
  const runs = [];
  for (let i = 0; i < opts.runs; i++) runs.push(await once(opts.seconds));
  return {
    connections: opts.connections,
    rps: median(runs.map((r) => (r['2xx'] + r['3xx']) / (r.duration || opts.seconds))),
    p50: median(runs.map((r) => r.latency.p50)),
    p99: median(runs.map((r) => r.latency.p99)),
    errors: runs.reduce((s, r) => s + r.non2xx - r['3xx'] + r.errors + r.timeouts, 0),
    bytes: median(runs.map((r) => r.throughput.total / Math.max(1, r.requests.total))),
    runs: opts.runs,
  };
}
