/**
 * Attribution rules found by scoring the parser on real news (npm run eval:corpus; docs/parser.md), each on sentences
 * of our own: the pattern, never the corpus's text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../../src/ingest/parse/index.ts';

const LEAD = 'Talks at the port stalled again on Friday.';
const quote = (text: string, words: string) => {
  const a = parseArticle(`${LEAD}\n\n${text}`);
  const q = a.quotes.find((x) => x.text === words);
  assert.ok(q, `no quote ${JSON.stringify(words)} in ${JSON.stringify(a.quotes.map((x) => x.text))}`);
  return q;
};

test("two straight apostrophes for a double mark ('') open and close one quotation, attributed like any other", () => {
  const t = "''We have a fraught relationship,'' said Ivo Brandt, the union's former envoy. ''It will pass.''\n\nMr. Brandt said the offer was ''a disaster for everyone.'' ''Let's go,'' he said.";
  assert.equal(quote(t, 'We have a fraught relationship').speaker, 'Ivo Brandt');
  assert.equal(quote(t, 'We have a fraught relationship').verb, 'said');
  assert.equal(quote(t, 'a disaster for everyone').speaker, 'Ivo Brandt');
  const go = quote(t, "Let's go");
  assert.equal(go.kind, 'direct');
  assert.equal(go.speaker, 'Ivo Brandt');
});
