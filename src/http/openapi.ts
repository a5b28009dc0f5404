import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { Route } from './endpoint.ts';
import { Problem } from './schemas.ts';

/**
 * The OpenAPI 3.1 document, generated from the route table and the very zod schemas that validate requests, so
 * the documentation cannot drift from the behaviour. Error responses are derived from what each route declares.
 */
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request: wrong type, unknown field, bad value (errors[] has each field path)',
  401: 'no token, or a token that is not valid or revoked',
  403: 'the token’s role does not allow this',
  404: 'not found (unpublished content is not found for readers without a token)',
  406: 'none of the representations this route offers is acceptable (Accept)',
  409: 'conflicts with the stored data (taken slug or name, still referenced)',
  412: 'If-Match is stale: someone else changed it since you read it; reload and redo',
  413: 'the body is larger than the configured limit',
  415: 'wrong Content-Type for the body',
  422: 'well-formed but breaks a rule the schema cannot express (errors[] says which): a cross-field rule, a search query the syntax cannot read, a cursor this API did not issue',
  428: 'If-Match is required for this write',
  429: 'too many failed authentications from this address',
  500: 'a bug: logged with the request id (requestId), no details leave the server',
  503: 'the database is unavailable; retry later',
};

// RFC 9110 entity tags, one or more, comma-separated: `*` is refused (428) and an empty value is no ETag.
const ETAG_LIST = /^(W\/)?"[\x21\x23-\x7e]*"([ \t]*,[ \t]*(W\/)?"[\x21\x23-\x7e]*")*$/;
const etagList = (description: string) => z.string().regex(ETAG_LIST).meta({ description, example: '"article-12-v7"' });

const headerSchema = {
  etag: z.string().meta({ description: 'the entity version: send it back in If-Match / If-None-Match', example: '"article-12-v7"' }),
  location: z.string().meta({ description: 'where the new resource lives' }),
};

function operation(route: Route): ZodOpenApiOperationObject {
  const ep = route.endpoint;
  const errors = new Set<number>([...(ep.errors ?? []), 429, 500, 503]);
  if (ep.params || ep.query || ep.body) errors.add(400);
  if (route.access !== 'public') errors.add(401);
  else if (route.path.startsWith('/api/')) errors.add(401); // an invalid token is refused even on public routes
  if (route.access === 'admin') errors.add(403);
  if (ep.body) {
    errors.add(413);
    errors.add(415);
  }
  if (ep.ifMatch) {
    errors.add(412);
    errors.add(428);
  }
  const responses: Record<string, object> = {};
  for (const [status, spec] of Object.entries(ep.responses)) {
    const headers = {
      ...(spec.etag ? { ETag: headerSchema.etag } : {}),
      ...(spec.location ? { Location: headerSchema.location } : {}),
    };
    responses[status] = {
      description: spec.description,
      ...(Object.keys(headers).length ? { headers: z.object(headers) } : {}),
      ...(spec.schema
        ? {
            content: {
              'application/json': { schema: spec.schema },
              ...Object.fromEntries(Object.entries(spec.alternatives ?? {}).map(([type, schema]) => [type, { schema }])),
            },
          }
        : {}),
    };
  }
  for (const status of [...errors].sort()) {
    responses[String(status)] = { description: ERROR_TEXT[status] ?? 'error', content: { 'application/problem+json': { schema: Problem } } };
  }
  const header = {
    ...(ep.ifMatch === true ? { 'if-match': etagList('the ETag you read (required)') } : {}),
    ...(ep.ifMatch === 'for updates' ? { 'if-match': etagList('the ETag of the article the text updates (required for an update)').optional() } : {}),
    ...(ep.conditional ? { 'if-none-match': etagList('an ETag you hold: 304 if still current').optional() } : {}),
  };
  return {
    operationId: ep.operationId,
    summary: ep.summary,
    ...(ep.description ? { description: ep.description } : {}),
    tags: [ep.tag],
    ...(route.access !== 'public' ? { security: [{ bearer: [] }] } : { security: [{}, { bearer: [] }] }),
    'x-access': route.access,
    requestParams: {
      ...(ep.params ? { path: ep.params } : {}),
      ...(ep.query ? { query: ep.query } : {}),
      ...(Object.keys(header).length ? { header: z.object(header) } : {}),
    },
    ...(ep.body
      ? {
          requestBody: {
            required: true,
            content: ep.body.type === 'json' ? { 'application/json': { schema: ep.body.schema } } : { 'text/plain': { schema: ep.body.schema } },
          },
        }
      : {}),
    responses,
  } as ZodOpenApiOperationObject;
}

export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/** `serverUrl`: where this server answers (from HOST and PORT), so tools that read the document can call it. */
export function buildOpenApi(routes: Route[], { serverUrl }: { serverUrl: string }) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'News content store — editorial API',
      version: '1.0.0',
      // No open licence: the package is private. An SPDX LicenseRef names that (Redocly wants an identifier or URL).
      license: { name: 'Proprietary: all rights reserved by the publisher running this store', identifier: 'LicenseRef-Proprietary' },
      description:
        'Articles, paragraphs, quotes, people, related links and their history. Errors are RFC 9457 problem details. ' +
        'Every write to an existing article or person needs If-Match with its ETag. See docs/api.md.',
    },
    servers: [{ url: serverUrl, description: 'this server (HOST and PORT)' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'npm run --silent token -- create --name <you> --role editor' } } },
    paths,
  });
}
