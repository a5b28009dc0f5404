import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../../src/ingest/parse/index.ts';
import { assertQuoteOffsets } from './expected.ts';

const quotes = (text: string) => {
  const a = parseArticle(text);
  assertQuoteOffsets(a);
  return a;
};
const texts = (text: string) => quotes(text).quotes.map((q) => q.text);

test('curly and straight double quotes; trailing comma or full stop inside the mark is dropped', () => {
  assert.deepEqual(texts('“We will win,” she said. "We always do." He "agreed".'), ['We will win', 'We always do', 'agreed']);
});

test('question and exclamation marks inside the quote are kept', () => {
  assert.deepEqual(texts('“Why now?” he asked. “Go!” she said.'), ['Why now?', 'Go!']);
});

test('single quotes nested inside doubles are part of the text', () => {
  assert.deepEqual(texts('“He told me ‘never again’ and left,” Ana Ruiz said.'), ['He told me ‘never again’ and left']);
});

test('apostrophes are not quote marks', () => {
  assert.deepEqual(texts('Xi’s plan, don’t worry, the ’90s and rock ’n’ roll, the players’ union and O’Brien’s view.'), []);
  assert.deepEqual(texts("It's the players' union's view in the '90s, O'Brien said."), []);
});

test('UK single-quote style is read when singles are the primary marks', () => {
  const a = quotes('‘We can’t go on like this,’ Ms Clare Dunn said. ‘The players’ union agrees.’\n\nShe called it ‘a scandal’.');
  assert.deepEqual(a.quotes.map((q) => q.text), ['We can’t go on like this', 'The players’ union agrees', 'a scandal']);
});

test('a quote running over several paragraphs is one quote with its parts joined by newlines', () => {
  const a = quotes('“First part of it.\n\n“Second part.\n\n“Last part,” said Tom Reed.');
  assert.equal(a.quotes.length, 1);
  const q = a.quotes[0]!;
  assert.equal(q.text, 'First part of it.\nSecond part.\nLast part');
  assert.equal(q.paragraphSpan, 3);
  assert.equal(q.paragraph, 1);
  assert.equal(q.start, 1);
  assert.equal(q.end, a.paragraphs[2]!.text.indexOf(','));
  assert.deepEqual(a.warnings, []);
});

test('an unclosed quote warns and runs to the end of its paragraph only', () => {
  const a = quotes('He said “this never ends\n\nNext paragraph with “a quote” in it.');
  assert.deepEqual(a.quotes.map((q) => [q.paragraph, q.text]), [[1, 'this never ends'], [2, 'a quote']]);
  assert.equal(a.warnings.length, 1);
  assert.match(a.warnings[0]!, /paragraph 1/);
});

test('a new opening mark inside an open quote closes the earlier one with a warning', () => {
  const a = quotes('“We will win, he said. “Next year too,” she added.');
  assert.deepEqual(a.quotes.map((q) => q.text), ['We will win, he said', 'Next year too']);
  assert.ok(a.warnings.length >= 1);
});

test('offsets point at the text in the paragraph', () => {
  const a = quotes('Before “inside words” after.');
  assert.equal(a.quotes[0]!.start, 8);
  assert.equal(a.quotes[0]!.end, 20);
});

test('empty quotes and marks only produce no quotes and no crash', () => {
  assert.deepEqual(texts('“” "" ‘’ “ ”'), []);
  assert.deepEqual(texts('""""""""'), []);
});

test('a single-quoted phrase ending in -s’ is closed there when no later mark can close it', () => {
  const a = quotes("Dr Imani Wekesa said the trial showed 'real gains for the patients'. 'We saw it in every ward,' she said.");
  assert.deepEqual(a.quotes.map((q) => q.text), ['real gains for the patients', 'We saw it in every ward']);
  assert.deepEqual(a.warnings, []);
  // A possessive inside a quote that closes later stays inside it.
  assert.deepEqual(texts("They called it 'the workers' charter' then. 'Fine,' he said."), ["the workers' charter", 'Fine']);
});
