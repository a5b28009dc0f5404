import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAME_STORY, paragraphSketch, sharedParagraphs } from '../../../src/ingest/same-story.ts';

const story = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the ${tag} story, with its own words.`);

test('a new version of a story (a paragraph changed or added) shares enough paragraphs to be the same story', () => {
  const first = story(12, 'harbour');
  const revised = [...first.slice(0, 5), 'A corrected fifth-and-a-half paragraph.', ...first.slice(6), 'A late paragraph added by the desk.'];
  assert.ok(sharedParagraphs(paragraphSketch(first), paragraphSketch(revised)) >= SAME_STORY);
  assert.equal(sharedParagraphs(paragraphSketch(first), paragraphSketch(first)), 1);
});

test('two stories that share only their headline share no paragraphs', () => {
  assert.ok(sharedParagraphs(paragraphSketch(story(12, 'harbour')), paragraphSketch(story(15, 'stadium'))) < SAME_STORY);
  // The same lead, a different body: still two stories.
  const a = ['The mayor said on Monday it was fine.', ...story(10, 'budget')];
  const b = ['The mayor said on Monday it was fine.', ...story(10, 'flood')];
  assert.ok(sharedParagraphs(paragraphSketch(a), paragraphSketch(b)) < SAME_STORY);
});
