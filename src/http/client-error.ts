import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import helmet from 'helmet';
import type { Logger } from 'pino';

/**
 * The security headers helmet sets on every answer of the app, captured once by running helmet on a stand-in
 * response: the answers Node gives itself (below) carry exactly the same ones.
 */
function helmetHeaders(): [string, string][] {
  const headers: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: string | number | string[]) => void headers.push([name, String(value)]),
    removeHeader: () => undefined,
    getHeader: () => undefined,
  };
  helmet()({ headers: {} } as never, res as never, () => undefined);
  return headers;
}

/**
 * Requests Node refuses before the app sees them — a malformed request line or header (400), headers over the 16 KB
 * limit (431), a client too slow to send its headers or its request (408) — answered, like every other refusal, as
 * application/problem+json with the security headers, and the connection closed. (Node's own answer is a bare
 * "HTTP/1.1 400 Bad Request" with no body and no headers.)
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  const security = helmetHeaders();
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, title, detail] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request header fields too large', 'The request line or headers are over the 16 KB limit']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'HPE_HEADERS_TIMEOUT'
          ? [408, 'Request timeout', 'The request was not sent in time']
          : [400, 'Bad request', 'The request is not valid HTTP'];
    logger.warn({ code: err.code, status }, 'refused a request Node could not parse');
    const body = JSON.stringify({ type: `/problems/${title.toLowerCase().replaceAll(' ', '-')}`, title, status, detail, instance: '/' });
    const head = [
      `HTTP/1.1 ${status} ${title}`,
      'Content-Type: application/problem+json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      ...security.map(([name, value]) => `${name}: ${value}`),
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}
