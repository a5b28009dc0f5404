import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../../../src/errors.ts';
import { parseArticle, type ParsedArticle } from '../../../src/ingest/parse/index.ts';
import { assertQuoteOffsets } from './expected.ts';

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Cases per property: thousands in CI; PARSER_FUZZ_RUNS=50000 for a longer hunt (docs/reliability.md). */
const RUNS = Number(process.env.PARSER_FUZZ_RUNS ?? 1000);
/** A generous bound for one parse (a hang or a blow-up fails, not a slow machine): 2 s, or 1 s per 20,000 characters. */
const CASE_LIMIT_MS = 2_000;

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Parses, accepting only success or an AppError; on success checks the invariants every parse must keep. */
function parseOrRefuse(text: string): ParsedArticle | null {
  let a: ParsedArticle;
  const t0 = performance.now();
  try {
    a = parseArticle(text);
  } catch (e) {
    assert.ok(performance.now() - t0 < Math.max(CASE_LIMIT_MS, text.length / 20), `refusing took ${Math.round(performance.now() - t0)} ms`);
    assert.ok(e instanceof AppError, `non-AppError thrown: ${String(e)}`);
    assert.ok(e.issues.length > 0 && e.issues[0]!.path.length > 0);
    assert.notEqual(e.issues[0]!.message, 'internal parser error', `parser bug: ${String(e.cause)}`);
    return null;
  }
  assert.ok(performance.now() - t0 < Math.max(CASE_LIMIT_MS, text.length / 20), `parsing took ${Math.round(performance.now() - t0)} ms`);
  assertQuoteOffsets(a);
  for (const q of a.quotes) {
    assert.ok(q.text.length > 0 && q.paragraphSpan >= 1 && q.start >= 0 && q.end >= 0);
    assert.ok(q.speaker === null || a.people.some((p) => p.name === q.speaker));
    assert.ok(q.addressee === null || a.people.some((p) => p.name === q.addressee));
  }
  for (const p of a.people) assert.deepEqual(p.paragraphs, [...p.paragraphs].sort((x, y) => x - y));
  // Without front matter (a block of unknown or no keys is consumed too, leaving every meta null) nor related block.
  const plain = !a.related.length && Object.values(a.meta).every((v) => v === null) && !/^\uFEFF?---/.test(text);
  if (plain) {
    // Nothing of the body may be lost: the paragraphs, and a headline read from the first line (masthead.ts), hold every
    // non-space character of the (normalised) input.
    const expected = squeeze(text.replace(/^\uFEFF/, '').replace(LONE, '\uFFFD').normalize('NFC'));
    assert.equal(squeeze((a.headlineDerived ? '' : a.headline) + a.paragraphs.map((p) => p.text).join('')), expected);
  }
  return a;
}

const QUOTEY = ['“', '”', '"', "'", '‘', '’', '„', '«', '»', ' ', '\n', '\n\n', 'a', 'Wang', 'said', ',', '.', 'He', 'Mr', 'Smith', 'Ana Ruiz', 'the minister', '\u0000', '\uD800', '\r'];

test('random Unicode never throws a non-AppError and keeps the invariants', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => void parseOrRefuse(s)), { numRuns: RUNS, seed: 42 });
});

test('random article-like soup of quote marks, names and newlines', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...QUOTEY), { maxLength: 200 }), (parts) => void parseOrRefuse(parts.join(''))),
    { numRuns: RUNS, seed: 7 },
  );
});

test('mixing in related headings and front matter fences never crashes', () => {
  const bits = [...QUOTEY, '---', '---\n', 'title: x\n', 'Related:\n', 'Read more\n', '- item\n', 'status: bad\n'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 80 }), (parts) => void parseOrRefuse(parts.join(''))), { numRuns: RUNS, seed: 3 });
});

function timed(label: string, text: string, limitMs: number): ParsedArticle | null {
  const t0 = performance.now();
  const a = parseOrRefuse(text);
  const ms = performance.now() - t0;
  assert.ok(ms < limitMs, `${label} took ${Math.round(ms)} ms`);
  return a;
}

test('pathological large inputs finish quickly (no backtracking, no quadratic passes)', () => {
  const MB = 1_000_000;
  timed('one 1 MB word', 'x'.repeat(MB), 15000);
  timed('1 MB of curly opening marks', '“'.repeat(MB / 3), 15000);
  timed('1 MB of straight quotes and spaces', '" '.repeat(MB / 2), 15000);
  timed('unclosed quotes everywhere', '“a b c '.repeat(MB / 7), 15000);
  timed('many short quotes with attribution', '“Yes,” Ana Ruiz said. '.repeat(MB / 22), 15000);
  timed('many names', 'Mr Abel Baker met Carla Dunn. '.repeat(MB / 30), 15000);
  timed('many paragraphs', 'Short paragraph “with a quote” here.\n\n'.repeat(MB / 40), 15000);
  timed('apostrophes', "it's the players' ".repeat(MB / 18), 15000);
  timed('one endless capitalised run', 'Abel '.repeat(MB / 5), 15000);
  timed('titles inside one long run', 'Minister Abel Baker '.repeat(MB / 20), 15000);
  timed('one sentence of appositives and attributed quotes', 'Mr Abel Baker, a b, c d, e f, said “x y z” and '.repeat(MB / 47), 15000);
  timed('nicknames and particles', 'Dele “Big Dee” Adebanjo met Ruben van der Berg de la Cruz '.repeat(MB / 58), 15000);
  timed('single names after person nouns', 'her husband, Pieter, a seaman, and pupil Osian, 15, said '.repeat(MB / 58), 15000);
});

test('only quote marks yields no quotes', () => {
  const a = parseOrRefuse('“”“”"\'\'‘’’’');
  assert.ok(a);
  assert.deepEqual(a.quotes, []);
});

// Pieces that break naive text handling: lone surrogates (both halves), NUL, BOM, CR, quote marks of every kind.
const HOSTILE = ['\uD800', '\uDFFF', '\uDBFF\uD800', '\u0000', '\uFEFF', '\r', '\r\n', '\n\n', '“', '”', '"', '‘', '’', '«', '»', ' ', 'word', 'Ana Ruiz', 'said', '.'];

test('lone surrogates, NUL and stray quote marks in paragraph-shaped text keep every invariant', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...HOSTILE), { maxLength: 300 }), (parts) => void parseOrRefuse(parts.join(''))), { numRuns: RUNS, seed: 11 });
});

test('text of nothing but quote marks and spaces never yields a quote', () => {
  const marks = fc.array(fc.constantFrom('“', '”', '"', "'", '‘', '’', '„', '«', '»', '‹', '›', ' ', '\n', '\n\n'), { minLength: 1, maxLength: 200 });
  fc.assert(
    fc.property(marks, (parts) => {
      const a = parseOrRefuse(parts.join(''));
      if (a) assert.deepEqual(a.quotes, []);
    }),
    { numRuns: RUNS, seed: 13 },
  );
});

test('parsing is deterministic: the same text gives the same result (or the same refusal) every time', () => {
  const soup = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.constantFrom(...QUOTEY, ...HOSTILE), { maxLength: 150 }).map((p) => p.join('')));
  const outcome = (text: string) => {
    try {
      return { ok: parseArticle(text) };
    } catch (e) {
      return { refused: e instanceof AppError ? [e.message, e.issues] : String(e) };
    }
  };
  fc.assert(fc.property(soup, (text) => assert.deepEqual(outcome(text), outcome(text))), { numRuns: Math.ceil(RUNS / 2), seed: 17 });
});
