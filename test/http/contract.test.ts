import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import request from 'supertest';
import { buildOpenApi } from '../../src/http/openapi.ts';
import { routes } from '../../src/http/routes.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, assertMatchesOpenApi, bearer, personEtag, testApp, tokenFor } from '../support/http.ts';
import { makeTargets } from '../support/route-requests.ts';
import { arbitraryFor } from '../support/schema-arbitrary.ts';

/**
 * The OpenAPI document as a contract: requests generated from it that conform to it are never refused as
 * malformed (400), never crash the server, and every answer is one the document declares, body and all. Methods a
 * path does not document get 405 with an Allow that lists exactly the documented ones.
 */
type Schema = Record<string, unknown>;
interface Parameter { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }
interface Operation { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }

const RUNS = Number(process.env.CONTRACT_RUNS ?? 12);
const document = buildOpenApi(routes, { serverUrl: 'http://127.0.0.1:3000' }) as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(document as object, 'openapi.json');
const resolve = (ref: string) => document.components.schemas[ref.replace('#/components/schemas/', '')]!;
// A schema inside the document, validated with its $refs resolved against the document.
const conforms = (schema: Schema) => ajv.compile(withRefsInto(schema));
function withRefsInto(schema: Schema): Schema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/')) as Schema;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

describeEachDatabase('the OpenAPI contract', (ctx) => {
  let admin: string;
  before(async () => {
    admin = await tokenFor(ctx.db, 'admin', 'Contract');
  });

  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      test(`${method.toUpperCase()} ${path}: conforming requests are never a 400 and every answer is documented`, async () => {
        const app = testApp(ctx.db);
        const t = await makeTargets(ctx.db);
        const real: Record<string, unknown[]> = {
          id: path.startsWith('/api/people') ? [t.personId, t.otherPersonId] : [t.articleId, t.slug],
          paragraphId: t.paragraphIds,
          quoteId: [t.quoteId],
          personId: [t.personId],
        };
        const parameter = (p: Parameter) => {
          const fromSchema = arbitraryFor(p.schema, resolve);
          const currentTag = path.startsWith('/api/people') ? personEtag(t.personId, t.personVersion) : articleEtag(t.articleId, t.articleVersion);
          const likely = p.in === 'path' ? real[p.name] : p.name === 'if-match' ? [currentTag] : undefined;
          const arb = likely ? fc.oneof(fc.constantFrom(...likely), fromSchema) : fromSchema;
          const valid = conforms(p.schema);
          // A value the generator made that the schema refuses is not a conforming request: left out, not sent.
          const ok = arb.filter((v) => valid(v));
          return p.required ? ok : fc.option(ok, { nil: undefined });
        };
        const params = op.parameters ?? [];
        const byPlace = (place: Parameter['in']) => fc.record(Object.fromEntries(params.filter((p) => p.in === place).map((p) => [p.name, parameter(p)])));
        const [mediaType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
        const bodyValid = media ? conforms(media.schema) : () => true;
        const body = media ? arbitraryFor(media.schema, resolve).filter((b) => bodyValid(b)) : fc.constant(undefined);
        const seen = new Map<number, number>();

        await fc.assert(
          fc.asyncProperty(byPlace('path'), byPlace('query'), byPlace('header'), body, async (pathValues, query, headers, payload) => {
            const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(pathValues[name])));
            let req = request(app)[method as (typeof METHODS)[number]](url).set(bearer(admin));
            const q = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
            req = req.query(q);
            for (const [name, value] of Object.entries(headers)) if (value !== undefined) req = req.set(name, String(value));
            if (mediaType === 'text/plain') req = req.type('text/plain').send(String(payload));
            else if (mediaType) req = req.type('application/json').send(JSON.stringify(payload));
            const res = await req;
            seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
            const sent = `${method.toUpperCase()} ${url}?${new URLSearchParams(q)} ${JSON.stringify(headers)} ${JSON.stringify(payload)?.slice(0, 300)}`;
            assert.notEqual(res.status, 400, `a conforming request was refused: ${sent} → ${JSON.stringify(res.body)}`);
            assert.ok(res.status < 500, `${sent} → ${res.status} ${JSON.stringify(res.body)}`);
            assertMatchesOpenApi(res, method, expressPath(path));
          }),
          { numRuns: RUNS, seed: Number(process.env.CONTRACT_SEED ?? 20), endOnFailure: true },
        );
        assert.ok(seen.size > 0);
      });
    }

    test(`${path}: undocumented methods get 405 with Allow listing the documented ones`, async () => {
      const t = await makeTargets(ctx.db);
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => String(name === 'paragraphId' ? t.paragraphIds[0] : name === 'quoteId' ? t.quoteId : name === 'personId' ? t.personId : t.articleId));
      const documented = Object.keys(item).map((m) => m.toUpperCase());
      const expected = [...documented, ...(documented.includes('GET') ? ['HEAD'] : [])].sort();
      for (const method of [...METHODS, 'options'] as const) {
        if (documented.includes(method.toUpperCase())) continue;
        const res = await request(testApp(ctx.db))[method](url).set(bearer(admin));
        assert.equal(res.status, 405, `${method.toUpperCase()} ${url}: ${res.status}`);
        assert.deepEqual(String(res.headers.allow).split(', ').sort(), expected, `${method.toUpperCase()} ${url}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
    });
  }
});
