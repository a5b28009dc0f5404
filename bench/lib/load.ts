import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { median, percentile } from './stats.ts';

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
  /**
   * p99 of the requests sent after every connection had its first answer. libuv accepts one connection per turn of
   * the event loop (libuv/libuv#3696), so when a route saturates the server, the run's opening burst of connections
   * is admitted one per round of the others and its first requests wait seconds; on a route serving ~200 req/s
   * those ~15 requests are the whole 1 % tail of a 5-second run in some runs and absent in others. This figure is
   * the route's own tail once all connections are open (docs/performance.md, "Read the @32 column"). NaN when no
   * run lasted past its burst (the quick bench's 1-second runs on slow routes).
   */
  p99Settled: number;
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
    const instance = autocannon({
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
    // When every connection has had an answer, the burst is over; latencies of requests sent after that are kept.
    const answered = new Set<unknown>();
    let settledAt = Number.POSITIVE_INFINITY;
    const settled: number[] = [];
    instance.on('response', (client: unknown, _status: number, _bytes: number, responseTime: number) => {
      const now = performance.now();
      if (now - responseTime >= settledAt) settled.push(responseTime);
      if (settledAt === Number.POSITIVE_INFINITY && answered.add(client).size === opts.connections) settledAt = now;
    });
    const result = await instance;
    return Object.assign(result, { p99Settled: percentile(settled, 0.99) ?? Number.NaN }); // NaN: the run ended before every connection was answered
  };
  if (opts.warmupSeconds) await once(opts.warmupSeconds);
  const runs = [];
  for (let i = 0; i < opts.runs; i++) runs.push(await once(opts.seconds));
  return {
    connections: opts.connections,
    rps: median(runs.map((r) => (r['2xx'] + r['3xx']) / (r.duration || opts.seconds))),
    p50: median(runs.map((r) => r.latency.p50)),
    p99: median(runs.map((r) => r.latency.p99)),
    p99Settled: median(runs.map((r) => r.p99Settled)),
    errors: runs.reduce((s, r) => s + r.non2xx - r['3xx'] + r.errors + r.timeouts, 0),
    bytes: median(runs.map((r) => r.throughput.total / Math.max(1, r.requests.total))),
    runs: opts.runs,
  };
}
