/**
 * The corpus scorer on a tiny hand-written article (test/fixtures/eval: our own sentences, not corpus text), with a
 * stand-in parse so each figure is known in advance: gold quotations with and without the marks inside the span,
 * whitespace the parser collapses, a named source with a role, an honorific, an organisation, a pronoun, an indirect
 * quotation that is not a direct one, and a second annotator's file that must be ignored.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { readBrat } from '../../../src/eval/brat.ts';
import { candidateCeiling } from '../../../src/eval/candidate-ceiling.ts';
import { listArticles } from '../../../src/eval/score-corpus.ts';
import { goldPeople, goldQuotes, roleMatches, scoreArticle, speakerMatches } from '../../../src/eval/score-article.ts';
import { readSource } from '../../../src/eval/source-kind.ts';
import { parseArticle, type ParsedArticle, type ParsedQuote } from '../../../src/ingest/parse/index.ts';

const DIR = new URL('../../fixtures/eval/', import.meta.url).pathname;
const TEXT = fs.readFileSync(`${DIR}text/harbour-talks.txt`, 'utf8');
const ANN = fs.readFileSync(`${DIR}attributions/harbour-talks_zz01.ann`, 'utf8');

const PARAGRAPHS = [
  '“We will not sign this,” said Rich Alvarez, an economist at Harbor Bank.',
  'Talks broke down on Friday. "It is a question of respect," Mr. Alvarez said.',
  'The union said in a statement that it was “ready to return to the table.”',
  'She called the offer “an insult” and left.',
  'Spokeswoman Ines Duarte said the port would reopen.',
];

const q = (paragraph: number, text: string, kind: ParsedQuote['kind'], speaker: string | null): ParsedQuote => {
  const start = PARAGRAPHS[paragraph - 1]!.indexOf(text);
  assert.ok(start >= 0, text);
  return { paragraph, text, kind, speaker, verb: null, addressee: null, start, end: start + text.length, paragraphSpan: 1 };
};

const stubParse = (): ParsedArticle => ({
  headline: 'Harbour Talks Stall Again.',
  headlineDerived: false,
  meta: { slug: null, byline: null, source: null, url: null, publishedAt: null, status: null, language: null },
  paragraphs: PARAGRAPHS.map((text, i) => ({ position: i + 1, text })),
  people: [
    { name: 'Rich Alvarez', role: 'economist at Harbor Bank', aliases: ['Alvarez'], paragraphs: [1, 2] },
    { name: 'Dockers Union', role: null, aliases: [], paragraphs: [3], kind: 'organisation' },
  ],
  quotes: [
    q(1, 'We will not sign this', 'direct', 'Rich Alvarez'),
    q(1, 'Harbor Bank', 'partial', null), // overlaps no annotated quotation: a false positive
    q(2, 'It is a question of respect', 'direct', null),
    q(3, 'ready to return to the table', 'partial', 'Dockers Union'),
    q(4, 'an insult', 'partial', 'Rich Alvarez'),
    q(5, 'port', 'scare', null), // a scare quote is not a quotation: neither a hit nor a false positive
  ],
  related: [],
  warnings: [],
});

test('gold direct quotations: Content spans holding a double mark or drawn just inside the marks; indirect ones are not', () => {
  const gold = goldQuotes(TEXT, ANN, 'harbour-talks_zz01.ann');
  assert.deepEqual(gold.map((g) => TEXT.slice(g.pieces[0]![0], g.pieces[0]![1])), [
    'We will not sign this,',
    '"It is a question of respect,"',
    'it was “ready to return to the table.”',
    'the offer “an insult”',
  ]);
  assert.deepEqual(gold[0]!.sources, ['Rich Alvarez, an economist at Harbor Bank']);
  // Quoting: drawn inside the marks, or more than half its letters inside them; "the offer “an insult”" is a paraphrase.
  assert.deepEqual(gold.map((g) => g.quoting), [true, true, true, false]);
});

test('the scorer counts recall, precision, speakers, null speakers, roles and source kinds', () => {
  const s = scoreArticle('harbour-talks', TEXT, ANN, 'harbour-talks_zz01.ann', stubParse);
  assert.equal(s.failed, null);
  assert.deepEqual([s.gold, s.goldMatched, s.predicted, s.predictedMatched, s.unmapped], [4, 4, 5, 4, 0]);
  assert.deepEqual(s.bySource.person, { quotes: 2, found: 2, nullSpeaker: 1, correct: 1 });
  assert.deepEqual(s.bySource.organisation, { quotes: 1, found: 1, nullSpeaker: 0, correct: 1 });
  assert.deepEqual(s.bySource.pronoun, { quotes: 1, found: 1, nullSpeaker: 0, correct: 0 });
  assert.deepEqual(s.roles, { scored: 1, correct: 1, nullRole: 0 });
  const misses = s.misses.filter((m) => !m.what.endsWith(' person')).map((m) => `${m.what} @${m.start} ${m.predicted}`);
  // The false positive is placed at its offset in the file (the headline line and its blank line come first).
  assert.deepEqual(misses, [`extra quote @${TEXT.indexOf('Harbor Bank')} null`, `null speaker @${TEXT.indexOf('"It is')} null`]);
});

test('people: the persons named by any Source are the gold; precision is over the people given a quotation', () => {
  assert.deepEqual(goldPeople(TEXT, ANN, 'harbour-talks_zz01.ann'), { full: [['Rich', 'Alvarez'], ['Ines', 'Duarte']], any: [['Rich', 'Alvarez'], ['Ines', 'Duarte']] });
  const s = scoreArticle('harbour-talks', TEXT, ANN, 'harbour-talks_zz01.ann', stubParse);
  // Alvarez is found and Duarte (an indirect quotation's source) is not; the one person the parse quotes is Alvarez.
  assert.deepEqual(s.people, { gold: 2, found: 1, predicted: 1, predictedRight: 1 });
  assert.deepEqual(s.misses.filter((m) => m.what === 'missed person').map((m) => m.goldSource), ['Ines Duarte']);
  const wrong = () => ({ ...stubParse(), people: [{ name: 'Harbour Talks', role: null, aliases: [], paragraphs: [1] }],
    quotes: stubParse().quotes.map((x) => ({ ...x, speaker: x.speaker === 'Rich Alvarez' ? 'Harbour Talks' : x.speaker })) });
  const w = scoreArticle('harbour-talks', TEXT, ANN, 'harbour-talks_zz01.ann', wrong);
  assert.deepEqual(w.people, { gold: 2, found: 0, predicted: 1, predictedRight: 0 });
  assert.ok(w.misses.some((m) => m.what === 'extra person' && m.predicted === 'Harbour Talks'));
});

test('a parse that fails is reported with its reason and scores no quotation', () => {
  const s = scoreArticle('harbour-talks', TEXT, ANN, 'x.ann', () => { throw new Error('boom'); });
  assert.equal(s.failed, 'boom');
  assert.equal(s.gold, 4);
  assert.equal(s.goldMatched, 0);
});

test('several annotators: the first .ann file in name order is used', () => {
  const [a] = listArticles(DIR);
  assert.ok(a!.annFile.endsWith('harbour-talks_zz01.ann'));
});

test('sources are read as person, pronoun, organisation or description', () => {
  const kinds = (s: string) => readSource(s).kind;
  assert.equal(kinds('He'), 'pronoun');
  assert.equal(kinds('who'), 'pronoun');
  assert.equal(kinds('Spokeswoman Ines Duarte'), 'person');
  assert.deepEqual(readSource('Spokeswoman Ines Duarte').names, ['Ines', 'Duarte']);
  assert.deepEqual(readSource('Spokeswoman Ines Duarte').roleWords, ['spokeswoman']);
  assert.deepEqual(readSource('Sen. Ada Kowal (D-Ore.)').names, ['Ada', 'Kowal']);
  assert.equal(kinds('the President'), 'description');
  assert.equal(kinds('Kowal’s campaign'), 'organisation');
  assert.equal(kinds('the Kowal campaign'), 'organisation');
  assert.equal(kinds('Kowal campaign spokesman Ivo Brandt'), 'person');
  assert.equal(kinds('the central bank'), 'organisation');
  assert.equal(kinds('the report'), 'organisation');
  assert.equal(kinds('the NTSB'), 'organisation');
  assert.equal(kinds('the campaign’s spokesman'), 'description');
  assert.equal(kinds('two senior officials'), 'description');
});

test('a speaker matches by surname either way; a role by its words', () => {
  const p = { name: 'Ines Duarte', role: 'spokeswoman', aliases: ['Duarte'], paragraphs: [1] };
  assert.ok(speakerMatches(['Duarte'], p));
  assert.ok(speakerMatches(['Ines', 'Duarte'], p));
  assert.ok(!speakerMatches(['Ines', 'Kowal'], p));
  assert.ok(speakerMatches(['Duarte'], { ...p, name: 'Ines Duarte Jr.' }));
  assert.ok(roleMatches(['sen.'], 'senator from Oregon'));
  assert.ok(!roleMatches(['economist'], 'shop steward'));
  assert.ok(!roleMatches(['economist'], null));
});

test('a malformed annotation line is an error naming the file and line', () => {
  assert.throws(() => readBrat('T1\tSource 5 x\tHe\n', 'a.ann'), /a\.ann:1: span T1/);
  assert.throws(() => readBrat('T1\tSource 0 2\tHe\nE1\tSource:T9\n', 'b.ann'), /b\.ann: relation E1 names Source:T9/);
});

test('a span text running over a line break is read; the next line is not taken for an annotation', () => {
  const brat = readBrat('T1\tContent 0 30\tWe will not\nsign this\nT2\tSource 31 33\tHe\nE1\tContent:T1 Source:T2\n', 'c.ann');
  assert.deepEqual([...brat.spans.keys()], ['T1', 'T2']);
  assert.equal(brat.relations.length, 1);
});

test('a name that modifies a noun or follows a preposition is not the source\'s name', () => {
  assert.equal(readSource('a Harbor Bank spokeswoman').kind, 'description');
  assert.equal(readSource('the former Oregon governor').kind, 'description');
  assert.equal(readSource('a survey for Harbor Bank').kind, 'organisation');
  assert.equal(readSource('an adviser to both Kowals').kind, 'description');
  assert.equal(readSource('Virginia delegate Ivo Brandt').kind, 'person');
  assert.deepEqual(readSource('Virginia delegate Ivo Brandt').names, ['Ivo', 'Brandt']);
  assert.equal(readSource('another advocate, Ivo Brandt of Mayer Lund').kind, 'person');
});

test('a person titled by their body is a person; a body named after a place is an organisation', () => {
  assert.deepEqual(readSource('Senate Majority Leader Ada Kowal').names, ['Ada', 'Kowal']);
  assert.equal(readSource('the Department of Labor').kind, 'organisation');
  assert.equal(readSource('Harbor Bank').kind, 'organisation');
});

test('a name before a role and another name is a modifier: the later name is the source', () => {
  assert.deepEqual(readSource('Kowal senior adviser Ivo Brandt').names, ['Ivo', 'Brandt']);
});

test('a capitalised run ending in a title or party word describes someone, it names no one', () => {
  assert.equal(readSource('a Nevada Democrat').kind, 'description');
  assert.equal(readSource('another New Hampshire Republican').kind, 'description');
  assert.deepEqual(readSource('Gov. Ivo Brandt Jr.').names, ['Ivo', 'Brandt']);
});

test('a capitalised name after "the" with no title in it is an organisation', () => {
  assert.equal(readSource('The Daily Harbor').kind, 'organisation');
  assert.equal(readSource('the Harbor Legion').kind, 'organisation');
  assert.deepEqual(readSource('the Rev. Ivo Brandt').names, ['Ivo', 'Brandt']);
  // Unless it modifies a noun: "the Vermont senator" describes a person; "the Harbor campaign" is a body.
  assert.equal(readSource('the Vermont senator').kind, 'description');
  assert.equal(readSource('The Harbor campaign').kind, 'organisation');
});

test('titles lead a name: a title word after the given name is the surname', () => {
  assert.deepEqual(readSource('Representative Ivo T. King of Harbor County').names, ['Ivo', 'T.', 'King']);
});

test('the candidate ceiling counts a wrong or null winner whose right speaker was among the candidates', () => {
  assert.deepEqual(candidateCeiling(DIR), { found: 2, right: 2, wrong: 0, wrongWithRight: 0, nullSpeaker: 0, nullWithRight: 0, nullNoCandidate: 0, nullNamesNobody: 0, severalCandidates: 0 });
  // The same reading with the first quotation's winner dropped: its candidate still names Rich Alvarez.
  const dropFirst = (text: string, options: Parameters<typeof parseArticle>[1]) => {
    const parsed = parseArticle(text, options);
    return { ...parsed, quotes: parsed.quotes.map((q, i) => (i === 0 ? { ...q, speaker: null } : q)) };
  };
  const c = candidateCeiling(DIR, dropFirst);
  assert.equal(c.right, 1);
  assert.equal(c.nullSpeaker, 1);
  assert.equal(c.nullWithRight, 1);
});
