/**
 * Text copied from a web page or a CMS: a headline line, a byline, a date, a credit above the article, and paragraphs
 * one per line. Each case is a house style of its own, written for this test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../../src/ingest/parse/index.ts';

const LEAD = 'Dockworkers at the port of Tilbury voted on Sunday to end a nine-day strike, the union said.';
const texts = (t: string, options = {}) => parseArticle(t, options).paragraphs.map((p) => p.text);

test('a headline line, a byline and a date above the lead are the headline and metadata, not paragraphs', () => {
  const a = parseArticle(`Port strike ends after nine days\n\nBy Jane Whitfield, Transport Correspondent\n\nPublished: 3 March 2024, 14:02 GMT\n\n${LEAD}`);
  assert.equal(a.headline, 'Port strike ends after nine days');
  assert.equal(a.headlineDerived, false);
  assert.equal(a.meta.byline, 'Jane Whitfield');
  assert.equal(a.meta.publishedAt, '2024-03-03T14:02:00.000Z');
  assert.deepEqual(a.paragraphs.map((p) => p.text), [LEAD]);
});

test('the masthead lines of several house styles', () => {
  const cases: Array<[string, string | null, string | null]> = [
    ['By Marisa Quintero and Daniel Okafor\nMay 14, 2025 at 6:00 a.m. EDT', 'Marisa Quintero and Daniel Okafor', '2025-05-14T10:00:00.000Z'],
    ['By Hannah Lutz and Ravi Mehta\nUpdated Feb. 12, 2025 4:31 pm ET', 'Hannah Lutz and Ravi Mehta', '2025-02-12T21:31:00.000Z'],
    ['By: Marlon Dizon - Reporter / @MDizonINQ\nDaily Inquirer / 05:32 AM February 12, 2025', 'Marlon Dizon', '2025-02-12T05:32:00.000Z'],
    ['Priya Natarajan\n8:00 AM PDT · June 3, 2025', 'Priya Natarajan', '2025-06-03T15:00:00.000Z'],
    ['Elliot Hanrahan\nMilwaukee Journal Sentinel\nPublished 5:47 p.m. CT March 7, 2025 | Updated 8:02 p.m. CT March 8, 2025', 'Elliot Hanrahan', '2025-03-07T23:47:00.000Z'],
    ['By Chua Mei Xuan\nSenior Political Correspondent', 'Chua Mei Xuan', null],
    ['Interview by Dimas Prasetyo\n\nPublished 3 hours ago · 5 min read', 'Dimas Prasetyo', null],
    ['By Jordan Kessler\nPhoto: Dana Pollock/Getty Images', 'Jordan Kessler', null],
    ['Mon 4 Mar 2024 14.02 GMT', null, '2024-03-04T14:02:00.000Z'],
    ['2024-03-04', null, '2024-03-04T00:00:00.000Z'],
    // digits only: March in one country, April in another — left unread, but still no paragraph
    ['By Ana Ruiz | 03/04/2025', 'Ana Ruiz', null],
  ];
  for (const [masthead, byline, published] of cases) {
    const a = parseArticle(`Port strike ends after nine days\n\n${masthead}\n\n${LEAD}`);
    assert.deepEqual([a.meta.byline, a.meta.publishedAt, texts(`Port strike ends after nine days\n\n${masthead}\n\n${LEAD}`)], [byline, published, [LEAD]], masthead);
  }
});

test('a standfirst between the headline and the byline stays a paragraph', () => {
  const standfirst = 'The deal gives the union a 7% rise over two years';
  const a = parseArticle(`Port strike ends after nine days\n\n${standfirst}\n\nBy Jane Whitfield\n\n${LEAD}`);
  assert.equal(a.meta.byline, 'Jane Whitfield');
  assert.deepEqual(a.paragraphs.map((p) => p.text), [standfirst, LEAD]);
});

test('front matter and options win; a first line repeating the given headline goes, a different one stays', () => {
  const front = `---\nheadline: Port strike ends\nbyline: Desk\n---\nPort strike ends\n\nBy Jane Whitfield\n\n${LEAD}`;
  const a = parseArticle(front);
  assert.deepEqual([a.headline, a.meta.byline, a.paragraphs.length], ['Port strike ends', 'Desk', 1]);
  const b = parseArticle(`A kicker line of its own\n\n${LEAD}`, { headline: 'Strike over' });
  assert.deepEqual([b.headline, texts(`A kicker line of its own\n\n${LEAD}`, { headline: 'Strike over' })], ['Strike over', ['A kicker line of its own', LEAD]]);
});

test('what is not a masthead stays text', () => {
  // a lead that is a sentence is no headline
  assert.equal(parseArticle(`${LEAD}\n\nThe vote was close.`).paragraphs.length, 2);
  // "By" opening a sentence, a name alone, a line in capitals
  assert.deepEqual(texts(`Port strike ends\n\nBy Tuesday, the first ships had docked.\n\n${LEAD}`), ['By Tuesday, the first ships had docked.', LEAD]);
  assert.deepEqual(texts(`Port strike ends\n\nMaria Okonjo\n\n${LEAD}`), ['Maria Okonjo', LEAD]);
  assert.deepEqual(texts(`FOR IMMEDIATE RELEASE\n\n${LEAD}`), ['FOR IMMEDIATE RELEASE', LEAD]);
  // a date opening prose
  assert.deepEqual(texts(`Port strike ends\n\nMarch 3, 2025 — the day the port fell silent, again.\n\n${LEAD}`)[0], 'March 3, 2025 — the day the port fell silent, again.');
  // a text of one paragraph keeps it
  assert.deepEqual(texts('Port strike ends after nine days'), ['Port strike ends after nine days']);
});

test('paragraphs one per line, without blank lines between, are paragraphs; hard-wrapped prose is joined', () => {
  const long = 'Two Senate Democrats are asking the largest grocery chains whether they plan to use electronic shelf labels to change prices.';
  const a = parseArticle(`Senators press grocers on price tags\nNadia Ferreira\nIllustration: Rae Lindqvist/Axios\n${long}\n“Families should not have to wonder,” Cole said.`);
  assert.equal(a.headline, 'Senators press grocers on price tags');
  assert.equal(a.meta.byline, 'Nadia Ferreira');
  assert.deepEqual(a.paragraphs.map((p) => p.text), [long, '“Families should not have to wonder,” Cole said.']);
  // Cole is named nowhere else, but a lone name signing a quotation is a person by surname (signed-single, people.ts).
  assert.equal(a.quotes[0]?.speaker, 'Cole');
  const wrapped = 'The port reopened on Monday after a strike that\nhalted container traffic for nine days and cost\nshippers an estimated 40 million pounds.';
  assert.deepEqual(texts(wrapped), [wrapped.replaceAll('\n', ' ')]);
  assert.deepEqual(texts('The port reopened.\nShips queued.\nThe union declared victory.'), ['The port reopened.', 'Ships queued.', 'The union declared victory.']);
});

test('a byline of several names keeps them all and leaves out the title after them', () => {
  const a = parseArticle(`Port strike ends\n\nBy Jane Doe, Raj Patel and Li Wei, Transport Correspondents\n\n${LEAD}`);
  assert.equal(a.meta.byline, 'Jane Doe, Raj Patel and Li Wei');
});

test('a first line of one or two words is a kicker or a name, not a headline', () => {
  assert.deepEqual(texts(`Analysis\n\n${LEAD}`), ['Analysis', LEAD]);
  assert.equal(parseArticle(`Ana Ruiz\n\n${LEAD}`).headlineDerived, true);
});

test('a photo caption with its credit, or a credit line, in the body is no paragraph and its photographer no person', () => {
  const a = parseArticle(`${LEAD}\n\nCrews worked through the night in December. (Tom Ayers/CBC)\n\nPhoto: Dana Pollock/Getty Images\n\nThe union declared victory.`);
  assert.deepEqual(a.paragraphs.map((p) => p.text), [LEAD, 'The union declared victory.']);
  assert.deepEqual(a.people, []);
  assert.equal(parseArticle('Crews worked through the night. (Tom Ayers/CBC)').paragraphs.length, 1);
});

test('section labels above the headline, a role and a handle under the byline, a bare pair of names, a date with its region', () => {
  const a = parseArticle(`Policy\nTech\nSenators grill Meta and TikTok over teen accounts as safety bill stalls\nby Kristen Okafor\nNov 13, 2025, 9:52 PM UTC\n${LEAD}`);
  assert.deepEqual([a.headline, a.meta.byline, a.meta.publishedAt, a.paragraphs.length], ['Senators grill Meta and TikTok over teen accounts as safety bill stalls', 'Kristen Okafor', '2025-11-13T21:52:00.000Z', 1]);
  const b = parseArticle(`Labour rebellion grows as 60 MPs sign letter opposing benefit cuts\nMarcus Hale\nPolitical reporter @marcushale\nThursday 13 November 2025 19:42, UK\n${LEAD}`);
  assert.deepEqual([b.meta.byline, b.meta.publishedAt, b.people.length, b.paragraphs.length], ['Marcus Hale', '2025-11-13T19:42:00.000Z', 0, 1]);
  const c = parseArticle(`Asian Stocks Slide as Tech Rout Deepens\n\nRajesh Nair and Michelle Fong\n\nFri, November 14, 2025 at 11:27 AM GMT+9\n\n${LEAD}`);
  assert.deepEqual([c.meta.byline, c.meta.publishedAt], ['Rajesh Nair and Michelle Fong', '2025-11-14T02:27:00.000Z']);
  const d = parseArticle(`Arsenal’s title charge stalls at Newcastle\n\nRory Maddison, ESPN Senior Writer\n\nNov 9, 2025, 01:58 PM ET\n\n${LEAD}`);
  assert.deepEqual([d.meta.byline, d.meta.publishedAt, d.paragraphs.length], ['Rory Maddison', '2025-11-09T18:58:00.000Z', 1]);
});

test('a credit after a caption, page furniture, a lone address and a copyright are no paragraphs; a three-word section label is no headline', () => {
  const a = parseArticle(`Courts & Crime\nFund manager jailed for cheating investors\nBy Chris Holloway\nPublished 11th Mar 2025, 06:00 GMT\nComment\nShare\n\nFlooding in Fishlake in November 2019. Picture: Simon Hulme\n\n${LEAD}\n\nHide Ad\n\nJoin ST's WhatsApp Channel and get the latest news.\n\nherim@heraldcorp.com\n\nCopyright PUNCH.\n\nRelated topics:Environment AgencyDoncasterFlooding`);
  assert.equal(a.headline, 'Fund manager jailed for cheating investors');
  assert.deepEqual(a.paragraphs.map((p) => p.text), [LEAD]);
  assert.deepEqual([a.people, a.related], [[], []]);
});

test('reader appeals, platform pitches, a browser notice and a contact address are furniture; a labelled list keeps its lines', () => {
  const a = parseArticle(`${LEAD}\n\nPlease use Chrome browser for a more accessible video player\n\nFollow Sky News on WhatsApp\n\nThese are difficult times for the news industry and we are asking you to join us in supporting independent journalism.\n\nContact: the.punch@punchng.com\n\nThe union declared victory.`);
  assert.deepEqual(a.paragraphs.map((p) => p.text), [LEAD, 'The union declared victory.']);
  const list = 'Here is how Kestrel did compared with what Wall Street expected:\nEarnings per share: 41 cents adjusted vs. 63 cents expected\nRevenue: $1.18 billion vs. $1.26 billion expected';
  assert.deepEqual(parseArticle(`${LEAD}\n\n${list}`).paragraphs.map((p) => p.text), [LEAD, list]);
  // A foundation's grant for journalism is news, not an appeal.
  assert.equal(parseArticle(`${LEAD}\n\nThe foundation has spent $10m supporting independent journalism in Africa.`).paragraphs.length, 2);
});

test('a first line repeating the given headline is dropped even when it ends in a full stop', () => {
  const a = parseArticle(`Port Strike Ends After Nine Days.\n\n${LEAD}`, { headline: 'Port Strike Ends After Nine Days.' });
  assert.deepEqual(a.paragraphs.map((p) => p.text), [LEAD]);
});

test('a one-line lead sentence ending in a closing quotation mark, "!" or "?" is the text, not a headline', () => {
  const quoted = 'The harbour master told crews on Sunday that the port would stay shut "until the wind drops below gale force"';
  const asked = 'Why would a union that won every vote this year walk away from the table on the eve of a deal?';
  for (const lead of [quoted, asked]) {
    const a = parseArticle(`${lead}\n\n${LEAD}`);
    assert.deepEqual(a.paragraphs.map((p) => p.text), [lead, LEAD], lead);
  }
  // A title in title case keeps being one.
  assert.equal(parseArticle(`Will The Port Strike End Before The Holiday Weekend Or Run Into June?\n\n${LEAD}`).headlineDerived, false);
});
