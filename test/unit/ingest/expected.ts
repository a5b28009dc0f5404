/** Shared by the sample and golden tests: the expected-file format, a full comparison, and the quality metrics. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ParsedArticle } from '../../../src/ingest/parse/index.ts';

export interface ExpectedPerson {
  name: string;
  aliases: string[];
  role: string | null;
  acceptableRoles?: (string | null)[];
  paragraphs: number[];
}
export interface ExpectedQuote {
  paragraph: number;
  text: string;
  kind: 'direct' | 'partial' | 'scare';
  /** other kinds a careful editor would also accept, for genuinely ambiguous cases only (e.g. a scheme name quoted from a statement) */
  acceptableKinds?: ('direct' | 'partial' | 'scare')[];
  speaker: string | null;
  acceptableSpeakers?: (string | null)[];
  verb?: string;
  addressee?: string | null;
  paragraphSpan?: number;
}
export interface Expected {
  paragraphs: { position: number; text: string }[];
  people: ExpectedPerson[];
  notPeople: string[];
  quotes: ExpectedQuote[];
  related: string[];
  headline: string | null;
  meta?: Record<string, string | null>;
}

export const readExpected = (path: string): Expected => JSON.parse(readFileSync(path, 'utf8')) as Expected;

const acceptedRoles = (p: ExpectedPerson) => [p.role, ...(p.acceptableRoles ?? [])];
const acceptedSpeakers = (q: ExpectedQuote) => [q.speaker, ...(q.acceptableSpeakers ?? [])];
export const acceptedKinds = (q: ExpectedQuote): string[] => [q.kind, ...(q.acceptableKinds ?? [])];

/** Every quote's text sits at its offsets, and the paragraphs hold it: a property of any parse, checked everywhere. */
export function assertQuoteOffsets(a: ParsedArticle): void {
  for (const q of a.quotes) {
    const first = a.paragraphs[q.paragraph - 1]!.text;
    if (q.paragraphSpan === 1) assert.equal(first.slice(q.start, q.end), q.text, `quote offsets in paragraph ${q.paragraph}`);
    else {
      const parts = q.text.split('\n');
      assert.equal(first.slice(q.start, q.start + parts[0]!.length), parts[0]);
      const last = a.paragraphs[q.paragraph + q.paragraphSpan - 2]!.text;
      assert.equal(last.slice(q.end - parts[parts.length - 1]!.length, q.end), parts[parts.length - 1]);
    }
  }
}

/** The full check the sample's expected file describes. */
export function assertMatchesExpected(a: ParsedArticle, e: Expected): void {
  assert.deepEqual(a.paragraphs, e.paragraphs, 'paragraphs');
  assert.deepEqual(a.people.map((p) => p.name).sort(), e.people.map((p) => p.name).sort(), 'people names');
  for (const ep of e.people) {
    const p = a.people.find((x) => x.name === ep.name)!;
    assert.ok(acceptedRoles(ep).includes(p.role), `role of ${ep.name}: got ${JSON.stringify(p.role)}`);
    assert.deepEqual([...p.aliases].sort(), [...ep.aliases].sort(), `aliases of ${ep.name}`);
    assert.deepEqual(p.paragraphs, ep.paragraphs, `paragraphs of ${ep.name}`);
  }
  for (const np of e.notPeople) {
    assert.ok(!a.people.some((p) => p.name === np || p.aliases.includes(np)), `${np} must not be a person`);
  }
  assert.deepEqual(
    a.quotes.map((q) => [q.paragraph, q.text]),
    e.quotes.map((q) => [q.paragraph, q.text]),
    'quotes found',
  );
  e.quotes.forEach((eq, i) => {
    const q = a.quotes[i]!;
    const where = `quote ${i + 1} (paragraph ${eq.paragraph}, "${eq.text.slice(0, 30)}")`;
    assert.ok(acceptedKinds(eq).includes(q.kind), `kind of ${where}: got ${q.kind}, want ${eq.kind}`);
    assert.ok(acceptedSpeakers(eq).includes(q.speaker), `speaker of ${where}: got ${JSON.stringify(q.speaker)}`);
    if (eq.verb !== undefined) assert.equal(q.verb, eq.verb, `verb of ${where}`);
    if (eq.addressee !== undefined) assert.equal(q.addressee, eq.addressee, `addressee of ${where}`);
    if (eq.paragraphSpan !== undefined) assert.equal(q.paragraphSpan, eq.paragraphSpan, `span of ${where}`);
  });
  assertQuoteOffsets(a);
  assert.deepEqual(a.related.map((r) => r.title), e.related, 'related titles');
  if (e.headline === null) assert.equal(a.headlineDerived, true, 'headline derived');
  else {
    assert.equal(a.headline, e.headline);
    assert.equal(a.headlineDerived, false);
  }
  if (e.meta) assert.deepEqual(a.meta, e.meta, 'meta');
}

export interface Tally {
  quotesExpected: number;
  quotesFound: number;
  quotesMatched: number;
  attributed: number;
  speakerCorrect: number;
  kindCorrect: number;
  peopleExpected: number;
  peopleFound: number;
  peopleMatched: number;
  rolesExpected: number;
  rolesFound: number;
}

export const emptyTally = (): Tally => ({
  quotesExpected: 0, quotesFound: 0, quotesMatched: 0, attributed: 0, speakerCorrect: 0, kindCorrect: 0,
  peopleExpected: 0, peopleFound: 0, peopleMatched: 0, rolesExpected: 0, rolesFound: 0,
});

/** Adds one article's counts to the tally (without asserting), so aggregate metrics show even when one fixture fails. */
export function tally(t: Tally, a: ParsedArticle, e: Expected): void {
  t.quotesExpected += e.quotes.length;
  t.quotesFound += a.quotes.length;
  for (const eq of e.quotes) {
    const q = a.quotes.find((x) => x.paragraph === eq.paragraph && x.text === eq.text);
    if (!q) continue;
    t.quotesMatched++;
    if (acceptedKinds(eq).includes(q.kind)) t.kindCorrect++;
    if (eq.speaker !== null) {
      t.attributed++;
      if (acceptedSpeakers(eq).includes(q.speaker)) t.speakerCorrect++;
    }
  }
  t.peopleExpected += e.people.length;
  t.peopleFound += a.people.length;
  for (const ep of e.people) {
    const p = a.people.find((x) => x.name === ep.name);
    if (p) t.peopleMatched++;
    if (ep.role !== null) {
      t.rolesExpected++;
      if (p && p.role !== null && acceptedRoles(ep).includes(p.role)) t.rolesFound++;
    }
  }
}

const f1 = (matched: number, found: number, expected: number): number => {
  const precision = found ? matched / found : 1;
  const recall = expected ? matched / expected : 1;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
};

export function metrics(t: Tally) {
  return {
    quoteF1: f1(t.quotesMatched, t.quotesFound, t.quotesExpected),
    speakerAccuracy: t.attributed ? t.speakerCorrect / t.attributed : 1,
    kindAccuracy: t.quotesMatched ? t.kindCorrect / t.quotesMatched : 1,
    peopleF1: f1(t.peopleMatched, t.peopleFound, t.peopleExpected),
    roleRecall: t.rolesExpected ? t.rolesFound / t.rolesExpected : 1,
  };
}

/**
 * The fixtures were written before the parser named organisations as speakers (issue 16) and annotate people only:
 * they are scored on the people, with an organisation speaker counted as no person. Organisation speakers are tested
 * in speaker-rules.test.ts and measured on the annotated corpus (npm run eval:corpus).
 */
export function peopleOnly(a: ParsedArticle): ParsedArticle {
  const organisations = new Set(a.people.filter((p) => p.kind === 'organisation').map((p) => p.name));
  if (!organisations.size) return a;
  return {
    ...a,
    people: a.people.filter((p) => p.kind !== 'organisation'),
    quotes: a.quotes.map((q) => (q.speaker !== null && organisations.has(q.speaker) ? { ...q, speaker: null } : q)),
  };
}
