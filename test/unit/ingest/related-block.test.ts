import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../../src/ingest/parse/index.ts';
import { isRelatedHeading } from '../../../src/ingest/parse/related-block.ts';

test('related headings are recognised case-insensitively with an optional colon', () => {
  for (const h of ['Articles You May Like', 'related', 'Related articles:', 'RELATED STORIES', 'Read more', 'More on this story', 'You may also like', 'Recommended', 'More from Business', 'Further reading:', 'More transfer news', 'More climate stories:']) {
    assert.ok(isRelatedHeading(h), h);
  }
  for (const h of ['Related to this, the ministry said it would act.', 'Read more carefully', 'More from the same family were arrested on Tuesday after the raid.', 'More people read the news']) {
    assert.ok(!isRelatedHeading(h), h);
  }
});

test('a trailing block becomes related links with bullets stripped and blank lines allowed', () => {
  const a = parseArticle('The body paragraph ends here.\n\nRelated:\n\n- First story\n• Second story\n\n* Third story?\n');
  assert.deepEqual(a.paragraphs.map((p) => p.text), ['The body paragraph ends here.']);
  assert.deepEqual(a.related, [{ title: 'First story' }, { title: 'Second story' }, { title: 'Third story?' }]);
});

test('names in related headlines are not people of the article', () => {
  const a = parseArticle('Officials met on Monday to discuss the budget.\n\nRead more\nJane Porter wins the Booker Prize\nJohn Hale, the coach, quits');
  assert.deepEqual(a.people, []);
  assert.equal(a.related.length, 2);
});

test('a heading line followed by ordinary prose paragraphs is not a related block', () => {
  const text = 'First paragraph.\n\nRecommended\n\nThe committee recommended a pay rise of four per cent. Members will vote on it next week.';
  const a = parseArticle(text);
  assert.deepEqual(a.related, []);
  assert.equal(a.paragraphs.length, 3);
});

test('a sentence that merely starts with a heading word stays in the body', () => {
  const a = parseArticle('Body.\n\nRelated articles published last week drew complaints from readers.');
  assert.deepEqual(a.related, []);
  assert.equal(a.paragraphs.length, 2);
});
