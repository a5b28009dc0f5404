/**
 * Golden fixtures in several house styles. Structure (paragraphs, related block, headline, metadata, quote offsets and
 * the names that must never be people) is asserted exactly for every fixture; the semantic reading (quotes, kinds,
 * speakers, people, roles) is asserted through the aggregate metrics the parser is held to on unseen articles, plus a
 * per-fixture floor so one article cannot collapse unnoticed. Requiring every fixture to match exactly would only
 * reward tuning the rules to these texts. The sample is also asserted exactly (sample.test.ts and below).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { parseArticle, type ParsedArticle } from '../../../src/ingest/parse/index.ts';
import { assertMatchesExpected, assertQuoteOffsets, emptyTally, metrics, peopleOnly, readExpected, tally, type Expected } from './expected.ts';
import { fixtureCases, misses } from './metrics.ts';

const cases = fixtureCases(); // the sample first, then test/fixtures/articles/*.txt
const parsed = new Map<string, { article: ParsedArticle; expected: Expected }>();
const load = (name: string, textUrl: URL, expectedUrl: URL) => {
  let hit = parsed.get(name);
  if (!hit) {
    hit = { article: peopleOnly(parseArticle(readFileSync(textUrl, 'utf8'))), expected: readExpected(expectedUrl.pathname) };
    parsed.set(name, hit);
  }
  return hit;
};

/** Targets on unseen articles (issue 3). */
const TARGETS = { quoteF1: 0.97, speakerAccuracy: 0.92, kindAccuracy: 0.9, peopleF1: 0.95, roleRecall: 0.85 };
/** No single fixture may fall below these, whatever the aggregate. */
const FLOORS = { quoteF1: 0.9, speakerAccuracy: 0.75, kindAccuracy: 0.75, peopleF1: 0.8, roleRecall: 0.6 };

test('there are at least sixteen article fixtures in several house styles', () => {
  assert.ok(cases.length - 1 >= 16, `found ${cases.length - 1}`);
});

test('the sample parses exactly as its expected file says', () => {
  const [name, textUrl, expectedUrl] = cases[0]!;
  const { article, expected } = load(name, textUrl, expectedUrl);
  assertMatchesExpected(article, expected);
});

for (const [name, textUrl, expectedUrl] of cases) {
  test(`golden structure: ${name}`, () => {
    const { article: a, expected: e } = load(name, textUrl, expectedUrl);
    assert.deepEqual(a.paragraphs, e.paragraphs, 'paragraphs');
    assert.deepEqual(a.related.map((r) => r.title), e.related, 'related titles');
    if (e.headline === null) assert.equal(a.headlineDerived, true, 'headline derived');
    else assert.equal(a.headline, e.headline);
    if (e.meta) assert.deepEqual(a.meta, e.meta, 'meta');
    assertQuoteOffsets(a);
    for (const np of e.notPeople) {
      assert.ok(!a.people.some((p) => p.name === np || p.aliases.includes(np)), `${np} must not be a person`);
    }
    for (const p of a.people) assert.ok(!e.related.some((r) => r === p.name), `${p.name} comes from a related headline`);
  });

  test(`golden floor: ${name}`, () => {
    const { article, expected } = load(name, textUrl, expectedUrl);
    const t = emptyTally();
    tally(t, article, expected);
    const m = metrics(t);
    for (const [k, floor] of Object.entries(FLOORS)) {
      const v = m[k as keyof typeof m];
      assert.ok(v >= floor, `${k} ${v.toFixed(3)} < ${floor}\n  ${misses(article, expected).join('\n  ')}`);
    }
  });
}

test('aggregate metrics over all fixtures meet the targets', () => {
  const t = emptyTally();
  for (const [name, textUrl, expectedUrl] of cases) {
    const { article, expected } = load(name, textUrl, expectedUrl);
    tally(t, article, expected);
  }
  const m = metrics(t);
  for (const [k, target] of Object.entries(TARGETS)) {
    const v = m[k as keyof typeof m];
    assert.ok(v >= target, `${k} ${v.toFixed(3)} < ${target}`);
  }
  // Enough evidence behind each number for it to mean something.
  assert.ok(t.quotesExpected >= 150 && t.attributed >= 120 && t.peopleExpected >= 70 && t.rolesExpected >= 60, JSON.stringify(t));
});

after(() => {
  const t = emptyTally();
  for (const { article, expected } of parsed.values()) tally(t, article, expected);
  const m = metrics(t);
  console.log(`golden metrics over ${parsed.size} articles:`, Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v.toFixed(3))])));
});
