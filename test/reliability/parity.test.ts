import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import request from 'supertest';
import { createToken } from '../../src/auth/tokens.ts';
import { type TestDatabase, freshDatabase, testProviders } from '../support/databases.ts';
import { bearer, testApp } from '../support/http.ts';

/**
 * The same hostile values stored on SQLite and on PostgreSQL read back the same (issue 21 point 10: a lone surrogate
 * was invalid UTF-8 on one and U+FFFD on the other). Each value goes in through the API on both databases; the
 * answers — the status, and for a stored value what is read back — must be identical, and a stored text must be the
 * text sent, character for character.
 */
const TEXTS = [
  'Plain', 'مرحبا بالعالم\u200F', '\u202Bembedded RTL\u202C', '\u2067isolate\u2069', 'ש\u05B8לוֹם', 'e\u0301 vs é', 'zero\u200Dwidth\u200Bjoin',
  '😀👩‍👩‍👧‍👦🏳️‍🌈', '\uFEFFBOM first', 'tab\tand\nnewline', "O'Brien \"quoted\" \\ back", '%_ LIKE wildcards', 'x'.repeat(190),
  '\u{10FFFF} last plane', '\uD83D\uDE00 a proper pair',
];
const REFUSED_TEXTS = ['Lone \uD800 surrogate', 'Low \uDC00 first', 'NUL \u0000 inside'];
const DATES = ['0001-01-01', '0001-01-01T13:59:00-14:00', '0050-03-04', '1969-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59+14:00'];
const REFUSED_DATES = ['0000-01-01', '9999-12-31T23:00:00-14:00', '0001-01-01T00:00:00+00:01'];

const providers = testProviders();
const dbs: Partial<Record<string, TestDatabase>> = {};
const tokens: Record<string, string> = {};

before(async () => {
  for (const p of providers) {
    dbs[p] = await freshDatabase(p);
    tokens[p] = (await createToken(dbs[p]!.prisma, { name: 'parity', role: 'editor' })).token;
  }
});
after(async () => {
  for (const p of providers) await dbs[p]?.drop();
});

/** Sends the same request to every database; returns status and body per provider. */
async function each(send: (app: ReturnType<typeof testApp>, token: string) => request.Test) {
  const out: Record<string, { status: number; body: unknown }> = {};
  for (const p of providers) {
    const res = await send(testApp(dbs[p]!), tokens[p]!);
    out[p] = { status: res.status, body: res.body };
  }
  return out;
}

// JSON escapes keep a lone surrogate a lone surrogate on the way in (supertest would re-encode a JS string).
const jsonBody = (o: Record<string, unknown>) => JSON.stringify(o).replace(/[\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/** What may differ between two stores: when a row was written. */
const strip = (b: unknown) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = b as Record<string, unknown>;
  return rest;
};

// A comparison needs both databases: registered only then (CI requires PostgreSQL, so it always runs there).
if (providers.length === 2) test(`parity: hostile texts and dates are stored and read back the same on ${providers.join(' and ')}`, async () => {
  for (const [i, name] of [...TEXTS, ...REFUSED_TEXTS].entries()) {
    const created = await each((app, token) => request(app).post('/api/people').set(bearer(token)).type('json').send(jsonBody({ name: `${name} ${i}` })));
    const statuses = providers.map((p) => created[p]!.status);
    assert.equal(new Set(statuses).size, 1, `${JSON.stringify(name)}: ${statuses}`);
    if (REFUSED_TEXTS.includes(name)) {
      assert.equal(statuses[0], 400, JSON.stringify(name));
      continue;
    }
    assert.equal(statuses[0], 201, `${JSON.stringify(name)}: ${JSON.stringify(created[providers[0]!]!.body)}`);
    const read = await each((app, token) => request(app).get(`/api/people/${(created[providers[0]!]!.body as { id: number }).id}`).set(bearer(token)));
    // (names are trimmed, by JavaScript's trim, which also takes a leading BOM: the same on both)
    for (const p of providers) assert.equal((read[p]!.body as { name: string }).name, `${name} ${i}`.trim(), `${p} reads back ${JSON.stringify(name)} exactly`);
    for (const p of providers.slice(1)) assert.deepEqual(strip(read[p]!.body), strip(read[providers[0]!]!.body));
  }
  for (const [i, date] of [...DATES, ...REFUSED_DATES].entries()) {
    const body = { headline: `${TEXTS[i % TEXTS.length]} dated ${date}`, paragraphs: [TEXTS[(i + 3) % TEXTS.length]!], publishedAt: date, status: 'published' };
    const created = await each((app, token) => request(app).post('/api/articles').set(bearer(token)).send(body));
    const statuses = providers.map((p) => created[p]!.status);
    assert.equal(new Set(statuses).size, 1, `${date}: ${statuses}`);
    assert.equal(statuses[0], REFUSED_DATES.includes(date) ? 400 : 201, date);
    if (statuses[0] !== 201) continue;
    const read = await each((app) => request(app).get(`/api/articles/${(created[providers[0]!]!.body as { id: number }).id}`));
    for (const p of providers.slice(1)) assert.deepEqual(strip(read[p]!.body), strip(read[providers[0]!]!.body), `${date}: ${p} reads what ${providers[0]} reads`);
    assert.equal((read[providers[0]!]!.body as { publishedAt: string }).publishedAt, new Date(/T/.test(date) ? date : `${date}T00:00:00Z`).toISOString());
  }
  // sorting by date across the edges agrees too
  const lists = await each((app) => request(app).get('/api/articles').query({ sort: 'published', limit: 100 }));
  const order = (p: string) => (lists[p]!.body as { data: { publishedAt: string }[] }).data.map((a) => a.publishedAt);
  for (const p of providers.slice(1)) assert.deepEqual(order(p), order(providers[0]!));
  assert.deepEqual(order(providers[0]!), [...order(providers[0]!)].sort());
});
