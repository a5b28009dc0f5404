// Line-delimited JSON-RPC 2.0 over stdin/stdout, the way the Prisma CLI talks to its schema engine. Requests are
// served one at a time in arrival order (the native engine does the same); the server can also send requests of
// its own (`print`) and await the CLI's reply on the same channel.
import { createInterface } from 'node:readline';
import { toRpcError, type RpcErrorObject } from './errors.ts';

interface RpcMessage {
  jsonrpc?: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: RpcErrorObject;
}

export interface RpcServer {
  /** Sends a request to the CLI and resolves with its result. */
  request(method: string, params: unknown): Promise<unknown>;
  /** Resolves when stdin ends (the CLI is done with us). */
  closed: Promise<void>;
}

export type RpcHandler = (method: string, params: unknown, server: RpcServer) => Promise<unknown>;

export function serveJsonRpc(
  handle: RpcHandler,
  options: { afterEach?: () => Promise<void>; onPanic?: () => Promise<never> } = {},
): RpcServer {
  const pending = new Map<string, (message: RpcMessage) => void>();
  let nextId = 1;
  let queue = Promise.resolve();
  let closeInput!: () => void;
  const closed = new Promise<void>((resolve) => (closeInput = resolve));

  const send = (message: RpcMessage) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);

  const server: RpcServer = {
    closed,
    request(method, params) {
      // Ids of our own requests are strings, so they cannot clash with the CLI's numeric ids.
      const id = `shim-${nextId++}`;
      return new Promise((resolve, reject) => {
        pending.set(id, (reply) => (reply.error ? reject(new Error(reply.error.message)) : resolve(reply.result)));
        send({ id, method, params });
      });
    },
  };

  const serve = async (message: RpcMessage) => {
    const { id = null, method = '' } = message;
    try {
      const result = await handle(method, message.params, server);
      send({ id, result: result ?? {} });
    } catch (error) {
      const rpcError = toRpcError(error);
      send({ id, error: rpcError });
      if (rpcError.data.is_panic) await options.onPanic?.();
    } finally {
      await options.afterEach?.().catch(() => {});
    }
  };

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let message: RpcMessage;
    try {
      message = JSON.parse(line) as RpcMessage;
    } catch {
      send({ id: null, error: { code: -32700, message: 'Parse error', data: { is_panic: false, message: `Could not parse: ${line.slice(0, 200)}` } } });
      return;
    }
    if (message.method === undefined && message.id != null && pending.has(String(message.id))) {
      // A reply to one of our requests: deliver it now (the request that sent it is waiting in the queue).
      const deliver = pending.get(String(message.id))!;
      pending.delete(String(message.id));
      deliver(message);
      return;
    }
    queue = queue.then(() => serve(message));
  });
  lines.on('close', () => {
    void queue.then(() => closeInput());
  });
  return server;
}
