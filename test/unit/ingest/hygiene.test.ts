import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../../src/ingest/parse/index.ts';

test('CRLF, lone CR and LF all end lines; blank lines separate paragraphs; single newlines join with a space', () => {
  const a = parseArticle('One line\r\ncontinues here.\r\n\r\nSecond\rparagraph.\n\nThird.');
  assert.deepEqual(a.paragraphs.map((p) => p.text), ['One line continues here.', 'Second paragraph.', 'Third.']);
});

test('a BOM is dropped and whitespace runs (NBSP, tabs, thin spaces) collapse to one space', () => {
  const a = parseArticle('\uFEFF  Lots\u00a0of \t space\u2009here.  \n\n\n\n  Next   one.  ');
  assert.deepEqual(a.paragraphs.map((p) => p.text), ['Lots of space here.', 'Next one.']);
});

test('text is NFC-normalised so decomposed accents match composed ones', () => {
  const decomposed = 'Jose\u0301 Mourin\u0303o said “fine,” and left.';
  const a = parseArticle(decomposed);
  assert.equal(a.paragraphs[0]!.text, 'José Mouriño said “fine,” and left.');
  assert.equal(a.paragraphs[0]!.text, a.paragraphs[0]!.text.normalize('NFC'));
});

test('lone surrogates become U+FFFD with a warning, never a crash', () => {
  const a = parseArticle('Broken \uD800 text and \uDC00 more.');
  assert.equal(a.paragraphs[0]!.text, 'Broken \uFFFD text and \uFFFD more.');
  assert.ok(a.warnings.some((w) => /surrogate/.test(w)));
});

test('whitespace-only lines count as blank lines', () => {
  const a = parseArticle('First.\n \t \nSecond.');
  assert.equal(a.paragraphs.length, 2);
});

test('a derived headline is cut at a word boundary and marked derived', () => {
  const lead = 'The regional transport authority said on Monday that it would spend an extra four hundred million on new trams, buses and cycle lanes over the next decade. Other text.';
  const a = parseArticle(lead);
  assert.equal(a.headlineDerived, true);
  assert.ok(a.headline.length <= 121);
  assert.ok(a.headline.endsWith('…'));
  assert.ok(lead.startsWith(a.headline.slice(0, -1)));
  const short = parseArticle('Storm closes bridge. More text follows here.');
  assert.equal(short.headline, 'Storm closes bridge');
});

test('a derived headline leaves out the wire dateline, but not a lead that only starts in capitals', () => {
  const headline = (lead: string) => parseArticle(`${lead} Second sentence.`).headline;
  assert.equal(headline('OSLO, Feb 12 (Reuters) - Norway’s wealth fund posted a record profit.'), 'Norway’s wealth fund posted a record profit');
  assert.equal(headline('DAKAR, Senegal (AP) — Voters queued for hours in the heat.'), 'Voters queued for hours in the heat');
  assert.equal(headline('Lagos, Nigeria (CNN) — Floods have displaced thousands of families.'), 'Floods have displaced thousands of families');
  assert.equal(headline('CHENNAI: The state will hire 2,000 nurses this year.'), 'The state will hire 2,000 nurses this year');
  assert.equal(headline('TOKYO (Kyodo) -- Japan’s exports rose for a third month.'), 'Japan’s exports rose for a third month');
  assert.equal(headline('Coun. Rita Mbeki wants the bus lanes back.'), 'Coun. Rita Mbeki wants the bus lanes back');
  assert.equal(headline('NHS - a service in crisis, say the doctors who run it.'), 'NHS - a service in crisis, say the doctors who run it');
  assert.equal(headline('Brexit: five years on, exporters still count the cost.'), 'Brexit: five years on, exporters still count the cost');
});

test('a block of short capitalised lines keeps its line breaks, so a name and the company under it stay apart', () => {
  const a = parseArticle('Harlow Foods said sales rose.\n\nPress contact:\nMaria Olsen\nHarlow Foods Ltd\npress@harlow.example\n');
  assert.equal(a.paragraphs[1]!.text, 'Press contact:\nMaria Olsen\nHarlow Foods Ltd\npress@harlow.example');
  assert.deepEqual(a.people.map((p) => p.name), ['Maria Olsen']);
  // Hard-wrapped prose, long lines or short ones that open in lower case, is still one line.
  const wrapped = parseArticle('The council voted on Tuesday to close\nthe library, which opened in 1921,\nand to sell the building.');
  assert.equal(wrapped.paragraphs[0]!.text, 'The council voted on Tuesday to close the library, which opened in 1921, and to sell the building.');
});

test('a derived headline skips a lead line in capitals', () => {
  assert.equal(parseArticle('FOR IMMEDIATE RELEASE\n\nHarlow Foods will buy a bakery chain. More.').headline, 'Harlow Foods will buy a bakery chain');
});
