import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isAppError } from '../../src/errors.ts';
import { MAX_SEARCH_TERMS, parseSearchQuery, toFts5, toTsquery } from '../../src/search/search-query.ts';
import { toSnippet } from '../../src/search/search-articles.ts';

test('words, phrases, prefixes, exclusions and OR become the same query for both databases', () => {
  const q = parseSearchQuery('Putin "strategic focus" sanct* -Taiwan OR co-operation');
  assert.deepEqual(q, [
    [
      { words: ['putin'], prefix: false, negated: false },
      { words: ['strategic', 'focus'], prefix: false, negated: false },
      { words: ['sanct'], prefix: true, negated: false },
      { words: ['taiwan'], prefix: false, negated: true },
    ],
    [{ words: ['co', 'operation'], prefix: false, negated: false }],
  ]);
  assert.equal(toFts5(q), '(("putin" AND "strategic focus" AND "sanct" *) NOT ("taiwan")) OR ("co operation")');
  assert.equal(toTsquery(q), "('putin' & ('strategic' <-> 'focus') & 'sanct':* & !'taiwan') | (('co' <-> 'operation'))");
});

test('operators of the databases are plain words here; typographic quotes make phrases', () => {
  assert.deepEqual(parseSearchQuery('NEAR'), [[{ words: ['near'], prefix: false, negated: false }]]);
  assert.deepEqual(parseSearchQuery('wang AND putin'), parseSearchQuery('wang putin'));
  assert.deepEqual(parseSearchQuery('wang NOT taiwan'), parseSearchQuery('wang -taiwan'));
  assert.deepEqual(parseSearchQuery('“zero covid”'), [[{ words: ['zero', 'covid'], prefix: false, negated: false }]]);
  assert.deepEqual(parseSearchQuery('rock & roll'), parseSearchQuery('rock roll'), 'punctuation alone separates words');
});

test('syntax errors are 422s with a message that says what to fix', () => {
  const cases: [string, RegExp][] = [
    ['"unclosed', /never closed/],
    ['putin OR', /OR needs a word on each side/],
    ['OR putin', /OR needs a word on each side/],
    ['a OR OR b', /OR needs a word on each side/],
    ['-', /followed directly by the word/],
    ['putin - wang', /followed directly by the word/],
    ['*', /\* needs the beginning of a word/],
    ['put*in', /\* goes at the end of a word/],
    ['NEAR(putin wang)', /parentheses are not supported/],
    ['-putin', /only of words to leave out/],
    ['NOT', /must be followed by a word/],
    ['AND putin', /AND needs a word on each side/],
    ['putin AND', /AND needs a word on each side/],
    ['""', /empty phrase/],
    ['!!! ???', /no words to search for/],
    ['"phrase"*', /not after a phrase/],
    [Array.from({ length: MAX_SEARCH_TERMS + 1 }, (_, i) => `w${i}`).join(' '), /at most/],
  ];
  for (const [input, message] of cases) {
    assert.throws(
      () => parseSearchQuery(input),
      (e: unknown) => isAppError(e) && e.status === 422 && message.test(e.message) && e.issues[0]!.path.join('.') === 'query.q',
      input,
    );
  }
});

test('any input either parses into quoted words only or is a 422 (never raw syntax for the database)', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (input) => {
      let q;
      try {
        q = parseSearchQuery(input);
      } catch (e) {
        assert.ok(isAppError(e) && e.status === 422);
        return;
      }
      for (const term of q.flat()) for (const w of term.words) assert.match(w, /^[\p{L}\p{N}]+$/u);
      assert.doesNotMatch(toFts5(q).replace(/"[^"]*"/g, ''), /[^()A-Z* ]/, 'outside the quoted words: only our own operators');
    }),
  );
});

test('snippets: marks become offsets, phrase words merge, cut ends get an ellipsis', () => {
  const body = 'Russia and China said the strategic focus would stay, officials said on Wednesday.';
  const marked = 'said the \uE000strategic\uE001 \uE000focus\uE001 would stay';
  const { snippet, highlights } = toSnippet(marked, body);
  assert.equal(snippet, '…said the strategic focus would stay…');
  assert.deepEqual(highlights.map((h) => snippet.slice(h.start, h.end)), ['strategic focus']);
  assert.deepEqual(toSnippet('\uE000Whole\uE001 text.', 'Whole text.'), { snippet: 'Whole text.', highlights: [{ start: 0, end: 5 }] });
  assert.deepEqual(toSnippet('…cut by \uE000SQLite\uE001…', null).highlights, [{ start: 8, end: 14 }]);
});
