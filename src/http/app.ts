import crypto from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { authenticate, requireAccess } from '../auth/middleware.ts';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/client.ts';
import { methodNotAllowed } from './allowed-methods.ts';
import { toHandler } from './endpoint.ts';
import { buildOpenApi } from './openapi.ts';
import { notFoundHandler, problemHandler } from './problem.ts';
import { createRenderCache } from './render-cache.ts';
import { routes } from './routes.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  logger?: Logger;
}

// A client's own X-Request-Id is kept when it is a plain token (so logs join up across services), else replaced.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The Express application: no side effects (no listening, no connecting), so tests drive the real thing through
 * supertest and `server.ts` alone owns the socket.
 */
export function createApp({ db, config, logger = pino({ level: config.logLevel }) }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(config.trustProxy));
  // ETags are ours (entity versions), never Express's hash of a body.
  app.set('etag', false);

  app.use(
    pinoHttp({
      logger,
      genReqId(req, res) {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // One short line a request: who asked what, and the answer's status. Every header of both sides (helmet's
      // alone are ~1 KB) made each line ~1.5 KB, and serializing them was a tenth of a cached read's cost.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string; headers: Record<string, unknown> }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
          userAgent: req.headers['user-agent'],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // Tokens never reach the logs (the serializer above leaves the headers out; this guards what logs them).
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  app.use(helmet());

  const openapi = buildOpenApi(routes, { serverUrl: `http://${config.host}:${config.port}` });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // swagger-ui-dist is installed locally: the docs page works offline.
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: 'News store API' }));

  // A method the path does not take is a 405 whoever asks, before the token and the body are looked at.
  app.use(methodNotAllowed(routes));
  app.use('/api', authenticate(db, config.authFailureLimit));
  // Bodies are read per route, after its access check (requireAccess): a request refused for want of a token is
  // answered before a byte of its body is read.
  const bodyParsers = [
    express.json({ limit: config.jsonBodyLimit, type: 'application/json' }),
    express.text({ limit: config.textBodyLimit, type: 'text/plain' }),
  ];

  // Published articles rendered once per version (src/articles/endpoints.ts); per app, so tests never share one.
  const cache = createRenderCache();
  for (const route of routes) app[route.method](route.path, requireAccess(route.access), ...bodyParsers, toHandler(route, { db, config, cache }));

  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}

/** TRUST_PROXY: "true"/"false", a hop count, or Express's names/addresses ("loopback", "10.0.0.0/8"). */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
