import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { createToken } from '../../src/auth/tokens.ts';
import type { Route } from '../../src/http/endpoint.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { snapshot } from '../support/db-invariants.ts';
import { articleEtag, personEtag, testApp } from '../support/http.ts';
import { type Targets, fillPath, makeTargets, paramNames, routes, validRequest } from '../support/route-requests.ts';

/**
 * API fuzzing over every route of the route table: generated path parameters, query strings, headers and bodies
 * (wrong types, huge numbers, deep nesting, __proto__/constructor keys, SQL and full-text syntax, lone surrogates,
 * NUL, invalid UTF-8, wrong content types and encodings), most of them grown from a request that would succeed so
 * they get past the first check. Every response is below 500 and a well-formed problem when it is an error; every
 * refused write leaves the database exactly as it was (row counts and a hash of every table).
 *
 * FUZZ_RUNS (default 32) is the number of cases per route and database; FUZZ_SEED makes another run (default fixed).
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 32);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);

const NASTY = [
  '', ' ', '0', '-1', '1.5', '1e309', '99999999999999999999', '2147483648', '9007199254740993', '0x10', 'NaN', 'Infinity', 'null', 'true', '[]', '{}',
  '__proto__', 'constructor', 'prototype', 'toString', '../../etc/passwd', '..%2f..%2f', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDBFFy',
  '\u202Eevil', '\uFEFF', '😀'.repeat(50), 'x'.repeat(5000),
  "' OR '1'='1", '1; DROP TABLE articles; --', '1 UNION SELECT token_hash FROM api_tokens', "'; SELECT pg_sleep(3); --", '%', '_', '\\', '%_%',
  '"unclosed', '“curly', '"', "'", '*', 'a*', '-', '-a', 'NOT', 'a OR', 'OR b', 'AND', 'NEAR(a b)', 'title:x', 'a:b', '^a', '(a)', '{a}', 'a + b', '"a" "b',
  '<script>alert(1)</script>', '${7*7}', '{{7*7}}', 'published', 'draft', 'stub', '-published', 'headline',
];

// The edges of the date domain (years 1–9999 in UTC, src/dates.ts) in every offset, just inside and just outside.
const EDGE_DATES = [
  ...['0000', '0001', '9999'].flatMap((y) =>
    [`${y}-01-01`, `${y}-12-31`].flatMap((d) =>
      ['T00:00:00', 'T23:59:59.999'].flatMap((t) => ['Z', '+14:00', '-14:00', '+05:45', '-00:01', '+00:00'].map((z) => `${d}${t}${z}`)).concat(d),
    ),
  ),
  '10000-01-01', '+010000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z', '0050-03-04', '9999-12-31T23:00:00-14:00',
];
// Right-to-left and invisible marks: stored and read back as they are, the same on both databases.
const MARKS = ['\u200F', '\u200E', '\u202B', '\u202C', '\u2067', '\u2069', '\u061C', 'مرحبا\u200F', '\u05E9\u05DC\u05D5\u05DD', 'e\u0301', '\u200D'];

// Forged keyset cursors (src/http/cursor.ts): a real cursor's shape with a hostile key (NUL, a lone surrogate, a date
// out of the domain) or id.
const forgedCursor = fc
  .tuple(fc.constantFrom('-published', 'published', 'headline', '-updated', 'name', 'id'), fc.oneof(fc.constantFrom(...EDGE_DATES, ...NASTY), fc.double(), fc.constant(null)), fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, 1.5, 1e308)))
  .map((parts) => Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url'));

const nastyString = fc.oneof(
  { weight: 1, arbitrary: forgedCursor },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_DATES) },
  { weight: 1, arbitrary: fc.constantFrom(...MARKS) },
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY).chain((a) => fc.constantFrom(...NASTY).map((b) => `${a} ${b}`)) },
);

const JUNK_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'id', 'version', 'isStub', 'tokenHash', 'role', '$where', 'a.b', 'paragraphs[0]'];
const keyArb = (known: string[]) => fc.oneof(fc.constantFrom(...(known.length ? known : ['x'])), fc.constantFrom(...JUNK_KEYS), fc.string({ maxLength: 8 }));

const NUMBERS = [0, -1, 1, 2, 3, 1.5, -0, 1e308, -1e308, 2 ** 31, 2 ** 31 - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e-7];
// Well-typed but wrong: positions past the end, ids of nothing, orders that are not permutations (→ 404/409/422).
const PLAUSIBLE = fc.oneof(fc.integer({ min: 1, max: 120 }), fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 6 }));
const value = (known: string[]) =>
  fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      nastyString,
      PLAUSIBLE,
      fc.constantFrom(...NUMBERS),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(keyArb(known), tie('v'), { maxKeys: 4 }),
    ),
  })).v;

type BodyPlan =
  | { kind: 'valid' }
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'drop'; key: string }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'deep'; depth: number; open: string; close: string }
  | { kind: 'none' };

const RAW = [
  '{', '{"a":', 'nul', "{'a':1}", '[1,]', '{"a":1,}', '\u0000', '', ' ', 'null', '[]', '"str"', '123', 'true',
  '{"__proto__":{"admin":true,"role":"admin"},"name":"Proto Pollution"}',
  '{"constructor":{"prototype":{"polluted":true}},"headline":"x","paragraphs":["y"]}',
  '{"name":"a","name":"b"}', '{"text":"\\ud800"}', '{"text":"\\u0000"}', '{"order":[1,1,1]}', '{"into":1e999}',
];

const bodyPlan = (known: string[]): fc.Arbitrary<BodyPlan> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<BodyPlan>({ kind: 'valid' }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), key: keyArb(known), value: value(known) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...(known.length ? known : ['x'])) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('json' as const), value: value(known) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.oneof(fc.constantFrom(...RAW), nastyString) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('deep' as const),
        depth: fc.constantFrom(100, 1_000, 10_000, 100_000),
        open: fc.constantFrom('[', '{"a":', '{"paragraphs":['),
        close: fc.constantFrom(']', '}', ']}'),
      }),
    },
    { weight: 1, arbitrary: fc.constant<BodyPlan>({ kind: 'none' }) },
  );

const CONTENT_TYPES = [
  'application/json', 'text/plain', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain; charset=utf-16',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/problem+json', '*/*', 'text/html',
];

type ParamPlan = { kind: 'valid' } | { kind: 'value'; value: string } | { kind: 'encoded'; raw: string };
const paramPlan: fc.Arbitrary<ParamPlan> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<ParamPlan>({ kind: 'valid' }) },
  { weight: 4, arbitrary: nastyString.map((value): ParamPlan => ({ kind: 'value', value })) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%C3%28', '%FF%FE', '%ED%A0%80', '%00', '%2e%2e', '%252e', '1%2F2').map((raw): ParamPlan => ({ kind: 'encoded', raw })) },
);

type IfMatchPlan = 'current' | 'stale' | 'missing' | 'star' | 'weak' | 'other-entity' | { raw: string };
const ifMatchPlan: fc.Arbitrary<IfMatchPlan> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<IfMatchPlan>('current') },
  { weight: 4, arbitrary: fc.constantFrom<IfMatchPlan>('stale', 'missing', 'star', 'weak', 'other-entity') },
  { weight: 1, arbitrary: nastyString.map((raw): IfMatchPlan => ({ raw })) },
);

const authPlan = fc.oneof(
  { weight: 8, arbitrary: fc.constant('admin' as const) },
  { weight: 1, arbitrary: fc.constantFrom('editor' as const, 'none' as const) },
  { weight: 1, arbitrary: nastyString.map((raw) => ({ raw })) },
);

const casePlan = (route: Route) => {
  const queryKeys = Object.keys((route.endpoint.query as { shape?: object } | undefined)?.shape ?? {});
  const bodyKeys = Object.keys((route.endpoint.body?.schema as { shape?: object } | undefined)?.shape ?? {});
  return fc.record({
    params: fc.dictionary(fc.constantFrom(...(paramNames(route.path).length ? paramNames(route.path) : ['_'])), paramPlan, { maxKeys: 3 }),
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...(queryKeys.length ? queryKeys : ['q'])), fc.constantFrom(...JUNK_KEYS), fc.constantFrom('q[]', 'limit[a]', 'status[0]')), nastyString), { maxLength: 3 }),
    body: bodyPlan(bodyKeys),
    contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('declared') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: fc.constant('missing') }),
    contentEncoding: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown') }),
    ifMatch: ifMatchPlan,
    auth: authPlan,
    requestId: fc.option(nastyString, { nil: undefined }),
  });
};
type CasePlan = fc.Arbitrary<ReturnType<typeof casePlan> extends fc.Arbitrary<infer T> ? T : never>;

/** Header values Node's HTTP client will send: a generated string with the characters it refuses replaced. */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate: its (invalid) UTF-8 bytes
  }
};

describeEachDatabase('API fuzzing: every route', (ctx) => {
  let server: Server;
  let base: string;
  let tokens: { admin: string; editor: string };
  let targets: Targets;
  const tally = new Map<number, number>();
  let cases = 0;
  let refusedWrites = 0;
  /** The database as it was after the last refused write: the next case's "before", saving a snapshot per case. */
  let known: Awaited<ReturnType<typeof snapshot>> | null = null;

  before(async () => {
    tokens = {
      admin: (await createToken(ctx.db.prisma, { name: 'fuzz-admin', role: 'admin' })).token,
      editor: (await createToken(ctx.db.prisma, { name: 'fuzz-editor', role: 'editor' })).token,
    };
    server = testApp(ctx.db, { AUTH_FAILURE_LIMIT: '1000000' }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    targets = await makeTargets(ctx.db);
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  /** The targets as they are now (a successful fuzz case may have edited or deleted them). */
  async function current(): Promise<Targets> {
    const db = ctx.db.prisma;
    const [article, person, quote, other] = await Promise.all([
      db.article.findUnique({ where: { id: targets.articleId }, select: { version: true, slug: true, paragraphs: { select: { id: true }, orderBy: { position: 'asc' } } } }),
      db.person.findUnique({ where: { id: targets.personId }, select: { version: true } }),
      db.quote.findUnique({ where: { id: targets.quoteId }, select: { id: true } }),
      db.person.findUnique({ where: { id: targets.otherPersonId }, select: { id: true } }),
    ]);
    if (!article || !person || !quote || !other || article.paragraphs.length < 2) {
      known = null;
      return (targets = await makeTargets(ctx.db));
    }
    return (targets = { ...targets, slug: article.slug, articleVersion: article.version, personVersion: person.version, paragraphIds: article.paragraphs.map((p) => p.id) });
  }

  async function runCase(route: Route, plan: CasePlan extends fc.Arbitrary<infer T> ? T : never) {
    const t = await current();
    const valid = validRequest(route, t);
    const params = Object.fromEntries(
      paramNames(route.path).map((name) => {
        const p = plan.params[name] ?? { kind: 'valid' };
        return [name, p.kind === 'valid' ? encode(valid.params[name] ?? '1') : p.kind === 'value' ? encode(p.value) || '%20' : p.raw];
      }),
    );
    const query = [
      ...Object.entries(valid.query ?? {}).map(([k, v]) => `${encode(k)}=${encode(v)}`),
      ...plan.query.map(([k, v]) => `${k.includes('[') ? k : encode(k)}=${encode(v)}`),
    ].join('&');
    const url = `${fillPath(route.path, params)}${query ? `?${query}` : ''}`;
    // fetch, not supertest: superagent re-serialises a Buffer body as JSON when the type says JSON.
    const headers: Record<string, string> = {};

    const auth = plan.auth === 'admin' ? `Bearer ${tokens.admin}` : plan.auth === 'editor' ? `Bearer ${tokens.editor}` : plan.auth === 'none' ? null : headerSafe(plan.auth.raw);
    if (auth !== null) headers.Authorization = auth;
    const isPerson = /people/.test(route.path);
    const tag = isPerson ? personEtag(t.personId, t.personVersion) : articleEtag(t.articleId, t.articleVersion);
    const ifMatch =
      plan.ifMatch === 'current' ? (valid.ifMatch ?? tag)
      : plan.ifMatch === 'stale' ? (isPerson ? personEtag(t.personId, t.personVersion + 7) : articleEtag(t.articleId, t.articleVersion + 7))
      : plan.ifMatch === 'missing' ? null
      : plan.ifMatch === 'star' ? '*'
      : plan.ifMatch === 'weak' ? `W/${tag}`
      : plan.ifMatch === 'other-entity' ? articleEtag(t.articleId + 100_000, t.articleVersion)
      : headerSafe(plan.ifMatch.raw);
    if (ifMatch !== null) headers['If-Match'] = ifMatch;
    if (plan.requestId !== undefined) headers['X-Request-Id'] = headerSafe(plan.requestId);

    const declared = route.endpoint.body?.type === 'text' ? 'text/plain' : 'application/json';
    const type = plan.contentType === 'declared' ? declared : plan.contentType === 'missing' ? null : plan.contentType;
    let payload: string | Buffer | undefined;
    const b = plan.body;
    if (b.kind === 'valid' || b.kind === 'set' || b.kind === 'drop') {
      if (valid.type === 'text') payload = b.kind === 'set' ? `${String(valid.body)}\n\n${typeof b.value === 'string' ? b.value : JSON.stringify(b.value)}` : String(valid.body ?? '');
      else {
        const obj: Record<string, unknown> = { ...((valid.body as object | undefined) ?? {}) };
        if (b.kind === 'set') Object.defineProperty(obj, b.key, { value: b.value, enumerable: true, configurable: true, writable: true });
        if (b.kind === 'drop') delete obj[b.key];
        payload = JSON.stringify(obj);
      }
    } else if (b.kind === 'json') payload = JSON.stringify(b.value) ?? 'null';
    else if (b.kind === 'raw') payload = b.text;
    else if (b.kind === 'bytes') payload = Buffer.concat([Buffer.from('{"name":"'), Buffer.from(b.bytes), Buffer.from('","text":"x"}')]);
    else if (b.kind === 'deep') payload = b.open.repeat(b.depth) + b.close.repeat(b.depth);
    if (route.method === 'get') payload = undefined; // fetch sends no body with a GET
    if (type !== null) headers['Content-Type'] = type;
    if (plan.contentEncoding) headers['Content-Encoding'] = plan.contentEncoding;

    const write = route.method !== 'get';
    const before = write ? (known ?? (await snapshot(ctx.db.prisma))) : null;
    known = null;
    const response = await fetch(`${base}${url}`, {
      method: route.method.toUpperCase(),
      headers,
      body: payload === undefined ? undefined : typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload,
    });
    const res = { status: response.status, text: await response.text(), headers: Object.fromEntries(response.headers) };
    cases++;
    tally.set(res.status, (tally.get(res.status) ?? 0) + 1);
    const label = `${route.method.toUpperCase()} ${url.slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`;
    assert.ok(res.status < 500, label);
    if (res.status >= 400) {
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, label);
      assert.equal(JSON.parse(res.text).status, res.status, label);
      if (before) {
        refusedWrites++;
        const after = await snapshot(ctx.db.prisma);
        assert.deepEqual(after, before, `a refused write changed the database: ${label}`);
        known = after;
      }
    }
  }

  for (const [i, route] of routes.entries()) {
    test(`${route.method.toUpperCase()} ${route.path}: ${RUNS_PER_ROUTE} generated requests, never a 5xx, refused writes change nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(casePlan(route), (plan) => runCase(route, plan as never)),
        { numRuns: RUNS_PER_ROUTE, seed: SEED + i, endOnFailure: true },
      );
    });
  }

  test('the fuzzing reached past validation (it is not all 400s)', (t) => {
    const seen = [...tally.keys()];
    const statuses = JSON.stringify(Object.fromEntries(tally));
    for (const status of [200, 201, 204, 400, 401, 412, 415]) assert.ok(seen.includes(status), `no case got ${status}: ${statuses}`);
    // Past the schemas, into the handlers' own checks (missing rows, clashes, cross-field rules).
    assert.ok([404, 409, 422].some((s) => seen.includes(s)), `no case reached a handler's own refusal: ${statuses}`);
    assert.equal(cases, routes.length * RUNS_PER_ROUTE);
    t.diagnostic(`figures: cases=${cases} refusedWrites=${refusedWrites} statuses=${JSON.stringify(Object.fromEntries(tally))}`);
  });
});
