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

test('a list holding a two-sentence headline, a trailer after it, labels in it and a publication-named heading', () => {
  const a = parseArticle(
    'The Senate takes up the bill next week.\n\nRead related Tribune coverage\n\nTexas is running out of water. Lawmakers say this is the session to fix it.\nEDITORS’ PICK\nHow a pipe became a symbol of the crisis\n\nDisclosure: The Water Board is a financial supporter of the Tribune.\nUpdated: March 5, 2025, 4:12 AM',
  );
  assert.deepEqual(a.paragraphs.map((p) => p.text), ['The Senate takes up the bill next week.']);
  assert.deepEqual(a.related.map((r) => r.title), ['Texas is running out of water. Lawmakers say this is the session to fix it.', 'How a pipe became a symbol of the crisis']);
});

test('topic tags end the article but are no articles; "Go deeper: …" is a heading with its link', () => {
  const a = parseArticle('The trial continues.\n\nRelated Topics\nNorthampton\nPensions\nFraud');
  assert.deepEqual([a.paragraphs.length, a.related], [1, []]);
  const b = parseArticle('The senators asked for answers by October.\n\nGo deeper: Wendy’s backtracks on “surge pricing” after outcry');
  assert.deepEqual(b.related, [{ title: 'Wendy’s backtracks on “surge pricing” after outcry' }]);
  assert.equal(b.quotes.length, 0);
});

test('a paragraph of one or two sentences after a heading, with no true headline, stays prose', () => {
  const a = parseArticle('First paragraph.\n\nRead more\n\nThe council will publish its report in May.');
  assert.deepEqual([a.related.length, a.paragraphs.length], [0, 3]);
});

test('page furniture between paragraphs is dropped', () => {
  const a = parseArticle('The port reopened on Monday.\n\nStory continues below advertisement\n\nShips queued outside.\n\nADVERTISEMENT\n\nThe union declared victory.');
  assert.deepEqual(a.paragraphs.map((p) => p.text), ['The port reopened on Monday.', 'Ships queued outside.', 'The union declared victory.']);
});

test('a link set in the body as a paragraph of its own is a related article, listed before the trailing block', () => {
  const a = parseArticle('The hearing resumed on Tuesday.\n\nREAD: Marcos orders DA to go after rice hoarders\n\nRead more Subscribers only In France, the debt is becoming a political weapon\n\nRead more about the plan in our explainer.\n\nThe committee meets again next week.\n\nRelated\nPension reform: the cost of the concession');
  assert.deepEqual(a.related.map((r) => r.title), ['Marcos orders DA to go after rice hoarders', 'In France, the debt is becoming a political weapon', 'Pension reform: the cost of the concession']);
  assert.deepEqual(a.paragraphs.map((p) => p.text), ['The hearing resumed on Tuesday.', 'Read more about the plan in our explainer.', 'The committee meets again next week.']);
});

test('a list in the middle or at the top of the body is related; a link line heads no list; sentences under the last headline are text', () => {
  const mid = parseArticle('More than 60 MPs signed a letter.\nRead more from Sky News:\nReform UK overtakes Tories in Welsh Senedd poll\nBank of England holds interest rates at 4%\nDame Rosalind Okonjo-Pryce, who represents Hackney North, said she had "no desire to embarrass the government".\nThe second reading of the bill is expected on 25 November, and whips believe the government will win comfortably.');
  assert.deepEqual(mid.related.map((r) => r.title), ['Reform UK overtakes Tories in Welsh Senedd poll', 'Bank of England holds interest rates at 4%']);
  assert.equal(mid.paragraphs.length, 3);
  assert.equal(mid.quotes[0]?.speaker, 'Rosalind Okonjo-Pryce');
  const top = parseArticle('Most Read from Bloomberg\n\nTrump’s Tariff Refund Fight Heads Back to Court\n\n(Bloomberg) -- Asian stocks fell for a third day.\n\nThe MSCI Asia Pacific Index dropped as much as 1.6%.');
  assert.deepEqual([top.headlineDerived, top.related.length, top.paragraphs.length], [true, 1, 2]);
  const data = parseArticle('Asian stocks fell for a third day.\n\nRead more: Vietnam Stocks Near Record as FTSE Upgrade Draws Funds\n\nSome of the main moves in markets:\n\nS&P 500 futures fell 0.4% as of 11:15 a.m. Tokyo time\n\nJapan’s Topix fell 1.2%');
  assert.deepEqual(data.related.map((r) => r.title), ['Vietnam Stocks Near Record as FTSE Upgrade Draws Funds']);
  assert.equal(data.paragraphs.length, 4);
  const twice = parseArticle('The coalition was near collapse.\n\nREAD MORE: Joburg’s water crisis is a crisis of governance\n\nThe council meets on Monday.\n\nRelated stories\nJoburg’s water crisis is a crisis of governance\nHow coalitions are remaking the metros');
  assert.equal(twice.related.length, 2);
});
