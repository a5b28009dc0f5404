import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { parseArticle } from '../../../src/ingest/parse/index.ts';
import { assertMatchesExpected, emptyTally, metrics, readExpected, tally } from './expected.ts';

const ROOT = new URL('../../../', import.meta.url);
const DIR = new URL('test/fixtures/articles/', ROOT);
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
const all = emptyTally();

test('there are at least six article fixtures', () => {
  assert.ok(fixtures.length >= 6, `found ${fixtures.length}`);
});

// The sample counts towards the aggregate too.
const cases: Array<[string, URL, URL]> = [
  ['sample 000_478f7331f7189e3f', new URL('prisma/seed/000_478f7331f7189e3f.txt', ROOT), new URL('test/fixtures/sample/000_478f7331f7189e3f.expected.json', ROOT)],
  ...fixtures.map((f): [string, URL, URL] => [f, new URL(f, DIR), new URL(f.replace(/\.txt$/, '.expected.json'), DIR)]),
];

for (const [name, textUrl, expectedUrl] of cases) {
  test(`golden: ${name}`, () => {
    const article = parseArticle(readFileSync(textUrl, 'utf8'));
    const expected = readExpected(expectedUrl.pathname);
    tally(all, article, expected);
    assertMatchesExpected(article, expected);
  });
}

after(() => {
  const m = metrics(all);
  console.log(`golden metrics over ${cases.length} articles:`, Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v.toFixed(3))])));
});

test('aggregate metrics meet the targets', () => {
  const t = emptyTally();
  for (const [, textUrl, expectedUrl] of cases) tally(t, parseArticle(readFileSync(textUrl, 'utf8')), readExpected(expectedUrl.pathname));
  const m = metrics(t);
  assert.ok(m.quoteF1 >= 0.97, `quote F1 ${m.quoteF1}`);
  assert.ok(m.speakerAccuracy >= 0.92, `speaker accuracy ${m.speakerAccuracy}`);
  assert.ok(m.kindAccuracy >= 0.9, `kind accuracy ${m.kindAccuracy}`);
  assert.ok(m.peopleF1 >= 0.95, `people F1 ${m.peopleF1}`);
  assert.ok(m.roleRecall >= 0.85, `role recall ${m.roleRecall}`);
});
