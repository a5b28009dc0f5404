import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress, literalAddress } from './address-guard.ts';

export interface SendOptions {
  timeoutMs: number;
  allowPrivateNetworks: boolean;
}

export type SendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

const MAX_ERROR_BODY = 500;

/**
 * POSTs one signed delivery. Success is a 2xx answer within the timeout. Redirects are not followed (a 3xx is a
 * failure: the receiver must give its final URL), and unless private networks are allowed the request never
 * connects to a private or loopback address: a literal one is refused here, and names are checked after DNS
 * resolution, in the socket's own lookup, so a name cannot resolve to a public address for a check and a private one
 * for the connection.
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ ok: false, status: null, error: `not a URL: ${url}` });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return resolve({ ok: false, status: null, error: `unsupported scheme ${target.protocol}` });
    const literal = literalAddress(target.hostname);
    if (literal && !options.allowPrivateNetworks && isPrivateAddress(literal)) {
      return resolve({ ok: false, status: null, error: `refused: ${literal} is a private or loopback address (WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1 allows it)` });
    }
    const signal = AbortSignal.timeout(options.timeoutMs);
    const client = target.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'news-content-store-webhooks', 'content-length': String(Buffer.byteLength(body)), ...headers },
        signal,
        // A fresh connection per delivery: each one goes through the address check.
        agent: false,
        lookup: options.allowPrivateNetworks ? undefined : guardedLookup,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < MAX_ERROR_BODY) text += chunk;
        });
        res.on('end', () => {
          if (status >= 200 && status < 300) return finish({ ok: true, status });
          if (status >= 300 && status < 400) return finish({ ok: false, status, error: `redirect to ${res.headers.location ?? '(no location)'} not followed` });
          finish({ ok: false, status, error: `HTTP ${status}${text ? `: ${text.slice(0, MAX_ERROR_BODY)}` : ''}` });
        });
        res.on('error', (e) => finish({ ok: false, status, error: describe(e, options.timeoutMs) }));
      },
    );
    req.on('error', (e) => finish({ ok: false, status: null, error: describe(e, options.timeoutMs) }));
    req.end(body);
  });
}

function describe(e: Error, timeoutMs: number): string {
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  return e.message;
}

/** dns.lookup, refusing when any address the name resolves to is private. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) {
      const error = Object.assign(new Error(`refused: ${hostname} resolves to ${bad.address}, a private or loopback address (WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1 allows it)`), { code: 'EPRIVATE' });
      return callback(error, '', 0);
    }
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};
