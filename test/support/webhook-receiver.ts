import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A real HTTP receiver for webhook tests, on a port in 3700–3799 (this branch's range). It verifies each request's
 * Standard Webhooks signature with the `standardwebhooks` package once it knows the secret, and keeps a
 * deduplicated log by webhook-id, as a receiver that relies on at-least-once delivery does.
 */
export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  /** null until a secret was given; then whether standardwebhooks accepted the request */
  verified: boolean | null;
}

export type Mode = 'ok' | 'fail' | 'hang' | 'redirect';

export interface Receiver {
  url: string;
  port: number;
  /** every request processed (answered 2xx, or held unanswered in 'hang' mode), repeats included, in arrival order */
  all: Received[];
  /** the first of each webhook-id, in arrival order */
  unique(): Received[];
  secret: string | null;
  mode: Mode;
  /** resolves once `n` distinct webhook-ids have arrived */
  waitForUnique(n: number, timeoutMs?: number): Promise<Received[]>;
  /** stops listening (connections are refused) until start() again, on the same port */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const hanging = new Set<http.ServerResponse>();
  const listeners = new Set<() => void>();
  const receiver: Receiver = {
    url: '',
    port: 0,
    all: [],
    secret: null,
    mode: 'ok',
    unique() {
      const seen = new Set<string>();
      return receiver.all.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
    },
    waitForUnique(n, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const u = receiver.unique();
          if (u.length >= n) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve(u);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${n} webhooks; got ${receiver.unique().length}: ${receiver.unique().map((r) => r.payload.type).join(', ')}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async start() {
      await listen(server, receiver.port);
    },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (receiver.mode === 'redirect') {
        res.writeHead(307, { location: 'http://127.0.0.1:1/elsewhere' }).end();
        return;
      }
      const headers = { 'webhook-id': String(req.headers['webhook-id'] ?? ''), 'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''), 'webhook-signature': String(req.headers['webhook-signature'] ?? '') };
      let verified: boolean | null = null;
      if (receiver.secret) {
        try {
          new Webhook(receiver.secret).verify(body, headers);
          verified = true;
        } catch {
          verified = false;
        }
      }
      if (receiver.mode === 'fail') {
        res.writeHead(503).end('busy');
        return;
      }
      // Received and processed; in 'hang' mode the answer never leaves (the sender sees a timeout or dies waiting).
      receiver.all.push({ id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, payload: JSON.parse(body), verified });
      for (const l of [...listeners]) l();
      if (receiver.mode === 'hang') hanging.add(res);
      else res.writeHead(204).end();
    });
  });
  for (let port = 3700 + (process.pid % 50); ; port++) {
    if (port > 3799) throw new Error('no free port in 3700–3799 for a webhook receiver');
    try {
      await listen(server, port);
      receiver.port = (server.address() as AddressInfo).port;
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  return receiver;
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}
