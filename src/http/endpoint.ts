import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { type Access, checkAccess } from '../auth/access.ts';
import { principalOf } from '../auth/middleware.ts';
import type { Principal } from '../auth/tokens.ts';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../history/record-revision.ts';
import { type EtagKind, assertIfMatchPresent, expectedVersion, formatEtag } from './etag.ts';
import { assertStorableRequest } from './clean-text.ts';
import { issuesFromZod } from './problem.ts';
import type { RenderCache } from './render-cache.ts';

/**
 * An endpoint declares everything about one operation — inputs, body type, responses, errors — next to its
 * handler. The same declaration validates requests (here) and generates the OpenAPI document (openapi.ts), so the
 * two cannot disagree. Handlers receive parsed inputs and return a Reply; they never touch `res`.
 *
 * A write to an article or person declares `entity: 'article' | 'person'` and `ifMatch: true`: the adapter checks
 * If-Match before the handler runs (428/412), the handler takes `expected` (the version read; `expectedFor(id)` when
 * the entity is found by a read) and `actor`, and returns `entity: { id, version }`, which the adapter sends as the
 * new ETag.
 */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** the response carries the entity's ETag */
  etag?: boolean;
  /** the response carries a Location header (201) */
  location?: boolean;
  /** other representations of the same response (content negotiation): media type → schema */
  alternatives?: Record<string, z.ZodType>;
}

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  db: Db;
  config: Config;
  /** the app's cache of rendered documents, keyed by entity and version */
  cache: RenderCache;
  /** null for an anonymous reader */
  principal: Principal | null;
  /** who writes, for the history: the token's name (reading it on a public route without a token is a 401) */
  readonly actor: Actor;
  /** with `ifMatch: true` and an `id` in the path: the version of `entity` the client read, checked (428/412)
   *  before the handler runs. The write itself refuses it when it is no longer current (412). */
  readonly expected: number;
  /** the version the client read of the `entity` with this id, for writes whose entity is known only after a read
   *  (a quote's article): 412 when If-Match names another one */
  expectedFor(id: number): number;
  /** raw If-Match / If-None-Match values; etag.ts interprets them */
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  /** content negotiation on Accept: the best of `types` for the client, or false when none is acceptable */
  accepts(types: string[]): string | false;
  /** scheme://host of the request, for absolute links in the standard formats */
  origin: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** the body already serialized (from the render cache): sent as is */
  json?: string;
  etag?: string;
  /** the written or read entity as it now is: the adapter sends its ETag (the endpoint's `entity` kind) */
  entity?: { id: number; version: number };
  location?: string;
  /** the media type of a JSON body when it is not application/json (application/ld+json, …) */
  type?: string;
  /** request headers the response depends on beyond Authorization (e.g. Accept) */
  vary?: string;
}

export interface EndpointSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: { type: 'json' | 'text'; schema: B };
  /** the kind of entity whose ETag this endpoint reads or writes: an article and everything in it, or a person */
  entity?: EtagKind;
  /** writes to an existing article/person: If-Match is required (428) and must be current (412), checked by the
   *  adapter before the handler runs (see `expected`); 'for updates': only when the write turns out to change an
   *  existing record (an import), which the handler checks */
  ifMatch?: true | 'for updates';
  /** GETs that answer If-None-Match with 304 */
  conditional?: boolean;
  responses: Record<number, ResponseSpec>;
  /** error statuses beyond those implied by the declaration (400, 401, 403, 412, 413, 415, 428 are implied) */
  errors?: number[];
  handle(input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<Reply>;
}

// Method syntax in EndpointSpec keeps `handle` bivariant, so specific endpoints fit the erased type.
// biome-ignore lint: the erased form of any endpoint
export type Endpoint = EndpointSpec<any, any, any>;

export function endpoint<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
>(spec: EndpointSpec<P, Q, B>): EndpointSpec<P, Q, B> {
  return spec;
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Route {
  method: Method;
  path: string;
  access: Access;
  endpoint: Endpoint;
}

export const actorOf = (principal: Principal | null): Actor => {
  if (!principal) throw new AppError('unauthorized', 'This needs a token');
  return { name: principal.name, tokenId: principal.tokenId };
};

const MEDIA = { json: 'application/json', text: 'text/plain' } as const;

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, location: string): z.output<T> {
  if (!schema) return {} as z.output<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('bad_request', `The request's ${location} is not valid`, { issues: issuesFromZod(result.error, [location]) });
}

/** Adapts an endpoint to Express: access, media type, validation (all before any database work), then the handler. */
export function toHandler(route: Route, deps: { db: Db; config: Config; cache: RenderCache }): RequestHandler {
  const ep = route.endpoint;
  return async (req: Request, res: Response) => {
    const principal = principalOf(res);
    checkAccess(route.access, principal);
    if (ep.body) {
      const type = MEDIA[ep.body.type];
      if (!req.is(type)) {
        throw new AppError('unsupported_media_type', `The body must be sent as ${type}`, {
          issues: [{ path: ['headers', 'content-type'], message: `expected ${type}` }],
        });
      }
    }
    assertStorableRequest({ path: req.params, query: req.query, body: ep.body ? req.body : undefined });
    const params = parse(ep.params, req.params, 'path');
    const query = parse(ep.query, req.query, 'query');
    const body = ep.body ? parse(ep.body.schema, req.body, 'body') : undefined;
    const ifMatch = req.get('if-match');
    const kind = ep.entity;
    const expectedFor = (id: number) => {
      if (!kind) throw new Error(`${ep.operationId} reads If-Match but declares no entity`);
      return expectedVersion(ifMatch, kind, id);
    };
    // Checked here, before any database work, so no handler can forget it: 428 without If-Match, 412 when it names
    // another entity. When the path holds no id of the entity (a quote's article), only its presence is checked now.
    // (An endpoint with `ifMatch` but no `entity` is of the older form that checks If-Match itself.)
    let expected: number | undefined;
    if (ep.ifMatch === true && kind) {
      const id = (params as { id?: unknown }).id;
      if (typeof id === 'number') expected = expectedFor(id);
      else assertIfMatchPresent(ifMatch, kind);
    }
    const reply = await ep.handle({
      params,
      query,
      body,
      db: deps.db,
      config: deps.config,
      cache: deps.cache,
      principal,
      get actor() {
        return actorOf(principal);
      },
      get expected() {
        if (expected === undefined) throw new Error(`${ep.operationId} has no entity id in its path for If-Match: use expectedFor(id)`);
        return expected;
      },
      expectedFor,
      ifMatch,
      ifNoneMatch: req.get('if-none-match'),
      accepts: (types) => req.accepts(types),
      origin: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    });
    send(req, res, reply, principal, kind);
  };
}

function send(req: Request, res: Response, reply: Reply, principal: Principal | null, kind: EtagKind | undefined) {
  if (reply.etag) res.set('ETag', reply.etag);
  else if (reply.entity) {
    if (!kind) throw new Error('a reply names its entity, but the endpoint declares no entity kind');
    res.set('ETag', formatEtag(kind, reply.entity.id, reply.entity.version));
  }
  if (reply.location) res.location(reply.location);
  if (req.method === 'GET') {
    // Editors see drafts; a shared cache must never hand their responses to readers.
    res.set('Cache-Control', principal ? 'private, no-cache' : 'no-cache');
    res.vary('Authorization');
  }
  if (reply.vary) res.vary(reply.vary);
  res.status(reply.status);
  if (reply.json !== undefined) res.type('json').send(reply.json);
  else if (reply.body === undefined || reply.status === 204 || reply.status === 304) res.end();
  else if (reply.type) res.type(reply.type).send(JSON.stringify(reply.body));
  else res.json(reply.body);
}
