import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseArticle } from '../../../src/ingest/parse/index.ts';
import { assertMatchesExpected, readExpected } from './expected.ts';

const ROOT = new URL('../../../', import.meta.url);
const text = readFileSync(new URL('prisma/seed/000_478f7331f7189e3f.txt', ROOT), 'utf8');
const expected = readExpected(new URL('test/fixtures/sample/000_478f7331f7189e3f.expected.json', ROOT).pathname);

test('the sample article parses exactly as its expected file says', () => {
  assertMatchesExpected(parseArticle(text), expected);
});

test('the sample yields a derived headline cut at a word boundary', () => {
  const a = parseArticle(text);
  assert.equal(a.headlineDerived, true);
  assert.ok(a.headline.length <= 121, a.headline);
  assert.ok(a.headline.startsWith('Vladimir Putin and Wang Yi'));
  assert.ok(!/\s…$/.test(a.headline));
});

test('an ingest option headline overrides derivation', () => {
  const a = parseArticle(text, { headline: '  Putin and Wang vow closer ties  ' });
  assert.equal(a.headline, 'Putin and Wang vow closer ties');
  assert.equal(a.headlineDerived, false);
});

test('parsing is deterministic', () => {
  assert.deepEqual(parseArticle(text), parseArticle(text));
});
