import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIsoDate } from '../../../src/ingest/parse/front-matter.ts';
import { parseArticle } from '../../../src/ingest/parse/index.ts';

const withFront = (front: string, body = 'Body text.') => `---\n${front}\n---\n${body}`;

test('front matter fills meta and headline; aliases title/author work; quoted values are unquoted', () => {
  const a = parseArticle(withFront('title: "A headline"\nslug: Some-Slug\nauthor: Jo Bloggs\nsource: The Paper\nurl: https://x.example/a\npublished: 2023-02-22\nstatus: Draft\nlanguage: en'));
  assert.equal(a.headline, 'A headline');
  assert.equal(a.headlineDerived, false);
  assert.deepEqual(a.meta, { slug: 'some-slug', byline: 'Jo Bloggs', source: 'The Paper', url: 'https://x.example/a', publishedAt: '2023-02-22T00:00:00.000Z', status: 'draft', language: 'en' });
  assert.deepEqual(a.paragraphs, [{ position: 1, text: 'Body text.' }]);
});

test('options override front matter', () => {
  const a = parseArticle(withFront('headline: From file\nstatus: draft\nbyline: A'), { headline: 'From options', status: 'published' });
  assert.equal(a.headline, 'From options');
  assert.equal(a.meta.status, 'published');
  assert.equal(a.meta.byline, 'A');
});

test('comments and blank lines inside front matter are ignored', () => {
  const a = parseArticle(withFront('# exported by CMS\n\nslug: ok'));
  assert.equal(a.meta.slug, 'ok');
});

test('a --- line that is not at the very top is body text, not front matter', () => {
  const a = parseArticle('Intro paragraph.\n\n---\n\nMore.');
  assert.deepEqual(a.paragraphs.map((p) => p.text), ['Intro paragraph.', '---', 'More.']);
  assert.equal(a.meta.slug, null);
});

test('ISO dates: date-times with zones become UTC; impossible dates are refused', () => {
  assert.equal(parseIsoDate('2024-07-18T06:30:00+01:00'), '2024-07-18T05:30:00.000Z');
  assert.equal(parseIsoDate('2024-07-18T06:30Z'), '2024-07-18T06:30:00.000Z');
  assert.equal(parseIsoDate('2024-02-29'), '2024-02-29T00:00:00.000Z');
  assert.equal(parseIsoDate('2023-02-29'), null);
  assert.equal(parseIsoDate('2023-02-22T25:00:00Z'), null);
  assert.equal(parseIsoDate('22/02/2023'), null);
});
