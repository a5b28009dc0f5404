import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { pino } from 'pino';
import type { Response } from 'supertest';
import { type Role, createToken } from '../../src/auth/tokens.ts';
import { type Config, loadConfig } from '../../src/config/index.ts';
import type { Db } from '../../src/db/client.ts';
import { createApp } from '../../src/http/app.ts';
import { buildOpenApi, openApiPath } from '../../src/http/openapi.ts';
import { routes } from '../../src/http/routes.ts';
import { personNameKey } from '../../src/people/name-key.ts';
import type { TestDatabase } from './databases.ts';

/** The app as `npm start` builds it, on a test database, silent, with config overrides (env names). */
export function testApp(db: TestDatabase, env: Record<string, string> = {}, prisma: Db = db.prisma) {
  // The failed-auth counts live in the database and so add up across a file's tests (e.g. the authorization
  // matrix's revoked-token requests): tests of the limit set AUTH_FAILURE_LIMIT themselves.
  const config: Config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', AUTH_FAILURE_LIMIT: '100000', ...env });
  // TEST_LOG_LEVEL=error shows the server's logs (a 500's cause) while debugging a test.
  return createApp({ db: prisma, config, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
}

let tokenCount = 0;
/** A fresh token; `name` is what the history will show. */
export async function tokenFor(db: TestDatabase, role: Role, name = `${role}-${++tokenCount}`): Promise<string> {
  return (await createToken(db.prisma, { name, role })).token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The editor's and the admin's tokens most HTTP test files start with, under the names history then shows. */
export async function editorAndAdmin(db: TestDatabase): Promise<{ editor: string; admin: string }> {
  return { editor: await tokenFor(db, 'editor', 'Edith Editor'), admin: await tokenFor(db, 'admin', 'Ada Admin') };
}

// ---- responses checked against the OpenAPI document -------------------------------------------------------------

const document = buildOpenApi(routes, { serverUrl: 'http://127.0.0.1:3000' });
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(document as object, 'openapi.json');

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Asserts that a response is one the OpenAPI document declares for this route: its status is listed and its body
 * (JSON or problem+json) validates against the declared schema.
 */
export function assertMatchesOpenApi(res: Response, method: string, expressPath: string): void {
  const path = openApiPath(expressPath);
  const op = (document.paths?.[path] as Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }> | undefined)?.[method];
  assert.ok(op, `the document has no ${method.toUpperCase()} ${path}`);
  const declared = op.responses[String(res.status)];
  assert.ok(declared, `${method.toUpperCase()} ${path} does not declare status ${res.status}: ${JSON.stringify(res.body)}`);
  if (!declared.content) {
    assert.ok(!res.text, `status ${res.status} declares no body but got one`);
    return;
  }
  const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!;
  assert.ok(declared.content[mediaType], `status ${res.status} declares ${Object.keys(declared.content)}, got ${mediaType}`);
  const ref = `openapi.json#/${pointer('paths', path, method, 'responses', String(res.status), 'content', mediaType, 'schema')}`;
  const validate = ajv.getSchema(ref);
  assert.ok(validate, `no schema at ${ref}`);
  const ok = validate(res.body);
  assert.ok(ok, `${method.toUpperCase()} ${path} ${res.status} does not match the document: ${ajv.errorsText(validate.errors)}`);
}

// ---- factories: rows written directly, independent of the code under test --------------------------------------

let articleCount = 0;

export interface ArticleRow {
  id: number;
  slug: string;
  version: number;
  paragraphIds: number[];
  personId: number;
  quoteId: number;
}

/**
 * An article with `paragraphs` paragraphs, one person (quoted in paragraph 2, mentioned in 1 and 2) and one quote.
 * Names are unique per call so tests in one file never collide.
 */
export async function articleFactory(
  db: TestDatabase,
  options: { status?: 'draft' | 'published' | 'archived'; paragraphs?: number; headline?: string; speaker?: string } = {},
): Promise<ArticleRow> {
  const n = ++articleCount;
  const headline = options.headline ?? `Council approves housing plan ${n} ${Math.random().toString(36).slice(2, 8)}`;
  const speaker = options.speaker ?? `Maria Lopez ${n}${Math.random().toString(36).slice(2, 6)}`;
  const count = options.paragraphs ?? 3;
  const prisma = db.prisma;
  const article = await prisma.article.create({
    data: {
      slug: headline.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
      headline,
      status: options.status ?? 'published',
      publishedAt: new Date(Date.UTC(2023, 1, 1 + (n % 27), 10)),
    },
    select: { id: true, slug: true, version: true },
  });
  const paragraphIds: number[] = [];
  for (let i = 1; i <= count; i++) {
    const text = i === 2 ? `“We will build homes this year,” ${speaker} said.` : `Paragraph ${i} of article ${n}.`;
    const p = await prisma.paragraph.create({ data: { articleId: article.id, position: i, text }, select: { id: true } });
    paragraphIds.push(p.id);
  }
  const person =
    (await prisma.person.findFirst({ where: { nameKey: personNameKey(speaker) }, orderBy: { id: 'asc' }, select: { id: true } })) ??
    (await prisma.person.create({ data: { name: speaker, nameKey: personNameKey(speaker) }, select: { id: true } }));
  const link = await prisma.articlePerson.create({
    data: { articleId: article.id, personId: person.id, role: 'housing director', aliases: ['Lopez'] },
    select: { id: true },
  });
  const mentioned = paragraphIds.slice(0, Math.min(2, count));
  await prisma.mention.createMany({ data: mentioned.map((paragraphId) => ({ articlePersonId: link.id, paragraphId })) });
  const quoteParagraph = paragraphIds[Math.min(1, count - 1)]!;
  const quote = await prisma.quote.create({
    data: { articleId: article.id, paragraphId: quoteParagraph, text: 'We will build homes this year', kind: 'direct', speakerId: person.id, verb: 'said' },
    select: { id: true },
  });
  return { ...article, paragraphIds, personId: person.id, quoteId: quote.id };
}

export const articleEtag = (id: number, version: number) => `"article-${id}-v${version}"`;
export const personEtag = (id: number, version: number) => `"person-${id}-v${version}"`;

// ---- instrumented clients ---------------------------------------------------------------------------------------

/** The client, recording every model call as "model.operation" (to prove what a request did NOT query). */
export function spyingClient(prisma: Db, calls: string[]): Db {
  return new Proxy(prisma, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || prop.startsWith('$') || typeof value !== 'object' || value === null) return value;
      return new Proxy(value, {
        get(model, op) {
          const fn = Reflect.get(model, op);
          return typeof fn === 'function' ? (...args: unknown[]) => (calls.push(`${prop}.${String(op)}`), fn.apply(model, args)) : fn;
        },
      });
    },
  });
}

/**
 * The client, whose transactions fail on the `failOn`-th call of model.operation — a fault in the middle of a
 * multi-row change, after earlier rows were already written inside the transaction.
 */
export function failingClient(prisma: Db, model: string, operation: string, failOn: number): Db {
  return new Proxy(prisma, {
    get(target, prop, receiver) {
      if (prop !== '$transaction') return Reflect.get(target, prop, receiver);
      return (fn: (tx: unknown) => Promise<unknown>, options?: object) =>
        target.$transaction((tx) => {
          let count = 0;
          const faulty = new Proxy(tx, {
            get(t, p, r) {
              const value = Reflect.get(t, p, r);
              if (p !== model) return value;
              return new Proxy(value as object, {
                get(m, op) {
                  const f = Reflect.get(m, op);
                  if (op !== operation || typeof f !== 'function') return f;
                  return (...args: unknown[]) => {
                    if (++count === failOn) return Promise.reject(new Error('injected fault'));
                    return f.apply(m, args);
                  };
                },
              });
            },
          });
          return fn(faulty);
        }, options as never);
    },
  });
}
