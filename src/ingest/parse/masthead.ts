/**
 * The lines above an article's first paragraph when its text was copied from a web page or a CMS: a headline, then a
 * byline ("By Jane Doe and Raj Patel"), a date ("Updated Feb. 12, 2025 4:31 pm ET"), a photo credit, a reading time.
 * They are the article's metadata, not its paragraphs: left in, the headline would be paragraph 1 and the byline a
 * paragraph of its own. Front matter and ingest options still win over what is read here.
 */
import * as chrono from 'chrono-node/en';
import { isCommonWord, isFirstName, isRoleNoun } from './lexicon.ts';
import { isRelatedHeading } from './related-block.ts';
import { wordsOnly } from './tokens.ts';
import { CREDIT_LABEL, NAME_PARTICLES } from './word-lists.ts';

export interface Masthead {
  headline: string | null;
  byline: string | null;
  publishedAt: string | null;
  /** indexes of the paragraphs that were the masthead (a standfirst between them stays) */
  drop: number[];
}

const HEADLINE_MAX_CHARS = 200;
const HEADLINE_MAX_WORDS = 30;
/** Longer than any byline or date line ("Published 5:47 p.m. CT March 7, 2025 | Updated 8:02 p.m. CT March 8, 2025"). */
const MASTHEAD_LINE_MAX = 160;
const PROSE_WORD = /(?<![\p{L}.])\p{Ll}+(?![\p{L}.])/gu;
/** Lower-case words a masthead line may hold: "By Jane Doe and …", "Published today at 6:14 pm", "5 min read". */
const MASTHEAD_WORDS = new Set([...NAME_PARTICLES, 'by', 'and', 'of', 'the', 'for', 'pm', 'am', 'min', 'mins', 'read']);
/** A masthead block never runs longer: the article has started by then. */
const MAX_BLOCK = 4;

/** Between the parts of one masthead line: "Jane Doe | Reuters", "8:00 AM PDT · June 3, 2025", "Reporter / @handle". */
const SEPARATOR = /\s+[|·•/–—―-]\s+|\s*[|·•()]\s*|\s+(?=@\w+$)/u;
const BYLINE = /^(?:(?:interview|words|story|text|reporting|report|written|produced)\s+)?by:?\s+(\p{Lu}.*)$/iu;
const READ_TIME = /^\d+\s*-?\s*(?:min|mins|minutes?)\s+read$/iu;
const HANDLE = /^@\w+$/u;
/** "Jane Doe", "Senior Political Correspondent", "Philippine Daily Inquirer": capitalised words, no sentence. */
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}\p{M}.'’-]*|${[...NAME_PARTICLES, 'and', 'of', 'the', 'for', '&'].join('|')})`;
const NAME_LIKE = new RegExp(`^${NAME_WORD}(?:\\s+${NAME_WORD}){0,7}$`, 'u');
/** Words that may stand around a date or a time on a date line. */
const DATE_WORDS = new Set(
  'published updated posted modified edited last first on at et pt ct mt central eastern pacific mountain local time today yesterday ago'.split(' '),
);
const YEAR = /\b(?:19|20)\d{2}\b/;
const CLOCK = /\b\d{1,2}[:.]\d{2}\b/;
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
/** "3 hours ago", "today at 6:14 pm": a date line, but no date to keep. */
const RELATIVE = /\b(?:ago|today|yesterday)\b/i;

type Part =
  | { kind: 'byline'; names: string }
  | { kind: 'date'; iso: string; updated: boolean }
  | { kind: 'credit' | 'filler' }
  | { kind: 'name'; text: string };

type Components = chrono.ParsedResult['start'];

/** A time without a zone is read as UTC, and a date without a time as midnight UTC, as front matter reads them. */
function toIso(date: Components, time: Components | undefined): string {
  const offset = time?.isCertain('timezoneOffset') ? (time.get('timezoneOffset') ?? 0) : 0;
  const ms = Date.UTC(date.get('year')!, date.get('month')! - 1, date.get('day')!, time?.get('hour') ?? 0, time?.get('minute') ?? 0);
  return new Date(ms - offset * 60_000).toISOString();
}

/** Three letters in a row. */
const THREE_LETTERS = /\p{L}{3}/u;

/**
 * The dates and times a line states, cut out of it: "Published 5:47 p.m. CT March 7, 2025 | Updated …" leaves
 * "Published | Updated" and two dates. Relative dates ("3 hours ago") and dates without a year are not read.
 */
function cutDates(line: string): { rest: string; cut: boolean; dates: Part[] } {
  if (!(YEAR.test(line) || CLOCK.test(line) || RELATIVE.test(line))) return { rest: line, cut: false, dates: [] };
  const results = chrono.strict.parse(line, new Date(Date.UTC(2000, 0, 1)));
  const dates: Part[] = [];
  let rest = '';
  let from = 0;
  // Where the words about the next date begin ("| Updated 8:02 p.m. CT March 8"): after the previous date.
  let label = 0;
  for (const [i, r] of results.entries()) {
    // A month by name or an ISO date: "03/04/2025" is March in one country and April in another.
    const dated = !RELATIVE.test(r.text) && YEAR.test(r.text) && r.start.isCertain('day') && r.start.isCertain('month') && (THREE_LETTERS.test(r.text) || ISO_DAY.test(r.text));
    // A time alone, or a date in digits: cut out of the line as date-line text, but not kept as the date.
    const undated = (r.start.isCertain('hour') && !r.start.isCertain('day')) || (r.start.isCertain('day') && YEAR.test(r.text)) || RELATIVE.test(r.text);
    if (!dated && !undated) continue;
    rest += `${line.slice(from, r.index)} | `;
    from = r.index + r.text.length;
    if (!dated) {
      dates.push({ kind: 'filler' });
      continue;
    }
    // "8:00 AM PDT · June 3, 2025": the time can be a result of its own, just before or after the date.
    const time = r.start.isCertain('hour') ? r.start : [results[i - 1], results[i + 1]].find((x) => x && x.start.isCertain('hour') && !x.start.isCertain('day'))?.start;
    dates.push({ kind: 'date', iso: toIso(r.start, time), updated: /\b(?:updated|modified|edited)\b/i.test(line.slice(label, r.index)) });
    label = from;
  }
  return { rest: rest + line.slice(from), cut: from > 0, dates };
}

/** A run of letters and digits. */
const WORD_RUN = /[\p{L}\p{N}]+/gu;
/** One word of letters, apostrophes and hyphens. */
const PLAIN_WORD = /^\p{L}[\p{L}'’-]*$/u;

/** One part of a line; `dated` when a date or time was cut out of that line, which makes "Updated" a label. */
function classify(part: string, dated: boolean): Part | null {
  const by = BYLINE.exec(part);
  if (by) {
    // "By Jane Doe, Raj Patel and Li Wei, Transport Correspondents": every piece a name or a title, the names kept.
    // "By Tuesday, the first ships had docked" is a sentence.
    const pieces = by[1]!.split(/,\s*/u).map((x) => x.trim()).filter(Boolean);
    if (!pieces.every((x) => NAME_LIKE.test(x))) return null;
    const people = pieces.filter((x, i) => i === 0 || (isPersonName(x) && (/ (?:and|&) /.test(x) || isFirstName(x.split(' ')[0]!.toLowerCase()))));
    return { kind: 'byline', names: people.join(', ') };
  }
  if (CREDIT_LABEL.test(part) && part.split(/\s+/).length <= 12) return { kind: 'credit' };
  if (READ_TIME.test(part) || HANDLE.test(part)) return { kind: 'filler' };
  const words = part.toLowerCase().match(WORD_RUN) ?? [];
  if (dated && words.every((w) => DATE_WORDS.has(w))) return { kind: 'filler' };
  if (NAME_LIKE.test(part)) return { kind: 'name', text: part };
  // "Rory Maddison, ESPN Senior Writer": a name and its title.
  const pieces = part.split(/,\s*/);
  if (pieces.length === 2 && pieces.every((x) => NAME_LIKE.test(x))) return { kind: 'name', text: pieces[0]! };
  // "Political reporter", "Senior writer": a role in lower case, under the byline.
  const role = part.split(/\s+/);
  if (role.length <= 4 && isRoleNoun(role[role.length - 1]!.toLowerCase()) && role.every((w) => PLAIN_WORD.test(w))) return { kind: 'name', text: part };
  return null;
}

/** Every part of every line of a paragraph, or null when any of it is prose. */
function classifyParagraph(lines: string[]): Part[] | null {
  // A masthead line is short and holds no run of lower-case words; prose is not read for dates at all.
  if (lines.some((l) => l.length > MASTHEAD_LINE_MAX || (l.match(PROSE_WORD) ?? []).filter((w) => !MASTHEAD_WORDS.has(w) && !DATE_WORDS.has(w)).length > 2)) return null;
  const out: Part[] = [];
  for (const line of lines) {
    const { rest, cut, dates } = cutDates(line);
    out.push(...dates);
    for (const piece of rest.split(SEPARATOR)) {
      const part = piece.replace(/^[\s,;:]+|[\s,;:]+$/gu, '');
      if (!part) continue;
      const c = classify(part, cut);
      if (!c) return null;
      out.push(c);
    }
  }
  return out.length ? out : null;
}

/** Holds a lower-case letter. */
const HAS_LOWER = /\p{Ll}/u;

const countMatches = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/** A headline: one line, short, not a sentence ending in a full stop, not a line in capitals ("FOR IMMEDIATE RELEASE"). */
function isHeadlineLine(lines: string[]): boolean {
  const text = lines[0]!;
  const words = text.split(/\s+/).length;
  // A line of one or two words is a kicker or a section ("Analysis", "Premier League"), or a name: not a headline.
  if (lines.length !== 1 || text.length > HEADLINE_MAX_CHARS || words < 3 || words > HEADLINE_MAX_WORDS) return false;
  if (!HAS_LOWER.test(text)) return false;
  // A quotation left open runs on into the next paragraph: the line is the start of the text, not a title.
  if (countMatches(text, /“/g) !== countMatches(text, /”/g) || countMatches(text, /"/g) % 2 === 1) return false;
  const end = text.replace(/["'”’)\]]+$/u, '');
  if (/[.,;:]$/.test(end) && !end.endsWith('...')) return false;
  // A lead sentence ending in a quotation, "!" or "?" is no title: `Voters were told to "stay home,
  // stay calm and stay tuned" as the count ran into a third night of delays.” …`. A title capitalises most of
  // its words or is short; a sentence of 12 words or more, mostly in lower case, with a quotation or a
  // closing "!"/"?" in it, is prose.
  return words < LEAD_SENTENCE_MIN_WORDS || isTitleCase(text) || !/[!?]["”’]?$|["”]$/u.test(text);
}

const LEAD_SENTENCE_MIN_WORDS = 12;
/** Opens with a letter or an opening quotation mark. */
const LETTER_OR_QUOTE_START = /^[\p{L}"“‘']/u;
/** Any character that is no letter. */
const NON_LETTER = /[^\p{L}]/gu;
/** Opens with a capital, after an opening quotation mark or not. */
const CAPITAL_START = /^["“‘']?\p{Lu}/u;

/** Most longer words capitalised ("Clinton Plan for Taxes Is Expansive but Complex"), as titles are in US copy. */
function isTitleCase(text: string): boolean {
  const long = text.split(/\s+/).filter((w) => LETTER_OR_QUOTE_START.test(w) && w.replace(NON_LETTER, '').length > 3);
  return long.length > 0 && long.filter((w) => CAPITAL_START.test(w)).length * 2 > long.length;
}

/** "Priya Natarajan", "Raj Patel and Li Wei": no dictionary word but "and" ("Senior Political Correspondent" is none). */
function isPersonName(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => w !== 'and' && w !== '&');
  return words.length >= 2 && words.every((w) => !isCommonWord(w.toLowerCase()));
}

/** One or two capitalised words, maybe joined by "&" or "and". */
const KICKER_WORDS = /^\p{Lu}[\p{L}'’-]*(?: (?:& |and )?\p{Lu}[\p{L}'’-]*)?$/u;

/** A section label: one line of one or two capitalised words ("Policy", "Premier League", "Courts & Crime"). */
const isKicker = (lines: string[]): boolean => lines.length === 1 && KICKER_WORDS.test(lines[0]!);

const normalise = (s: string) => wordsOnly(s.toLowerCase());
const isStrong = (p: Part) => p.kind !== 'name';

/**
 * The paragraphs from `from` on that are only masthead lines. A bare name or a role ("Nadia Ferreira", "Senior
 * Political Correspondent") counts only beside a byline, a date or a credit: alone, a short capitalised paragraph may
 * be the article's own text.
 */
function readBlock(paragraphs: string[][], from: number): Part[][] {
  const block: Part[][] = [];
  for (let i = from; i < paragraphs.length - 1 && block.length < MAX_BLOCK; i++) {
    const parts = classifyParagraph(paragraphs[i]!);
    if (!parts) break;
    block.push(parts);
  }
  while (block.length && !block[block.length - 1]!.some(isStrong) && !block.slice(0, -1).flat().some(isStrong)) block.pop();
  // Bare names after the last byline or date are the article's text.
  while (block.length && !block[block.length - 1]!.some(isStrong)) block.pop();
  return block;
}

/**
 * Reads the masthead at the top of the paragraphs (each given as its input lines). `given` is the headline from front
 * matter or the options: a first line repeating it is dropped, one that differs stays a paragraph. A first paragraph of
 * short lines kept apart (a section label, the headline, the byline and the date with no blank line between) is read
 * line by line, and goes when all of it is masthead.
 */
export function readMasthead(paragraphs: string[][], given: string | null): Masthead {
  const lines = paragraphs[0]?.length && paragraphs[0].length > 1 ? paragraphs[0].map((l) => [l]) : null;
  if (lines) {
    const m = readLines([...lines, ...paragraphs.slice(1)], given);
    const n = lines.length;
    if (lines.every((_, i) => m.drop.includes(i))) return { ...m, drop: [0, ...m.drop.filter((i) => i >= n).map((i) => i - n + 1)] };
  }
  return readLines(paragraphs, given);
}

function readLines(paragraphs: string[][], given: string | null): Masthead {
  // Section labels above the headline ("Policy" / "Tech", "Premier League"): one or two words each, at most two lines.
  const kickers = [2, 1].find((n) => paragraphs.length > n + 1 && paragraphs.slice(0, n).every(isKicker) && isHeadlineLine(paragraphs[n]!)) ?? 0;
  let at = kickers;
  let headline: string | null = null;
  const first = paragraphs[kickers];
  // A short title-case headline reads like a name ("Port Strike Ends"); a byline or a date is no headline.
  // A first line repeating the given headline goes, whatever its shape ("Clinton Plan for Taxes Is Expansive but
  // Complex." ends in a full stop, as every headline line of some archives does).
  if (first && first.length === 1 && given !== null && paragraphs.length >= 2 && normalise(given) === normalise(first[0]!)) at = kickers + 1;
  else if (first && paragraphs.length >= 2 && isHeadlineLine(first) && !isRelatedHeading(first[0]!) && !classifyParagraph(first)?.some(isStrong)) {
    if (given === null) headline = first[0]!;
    if (given === null || normalise(given) === normalise(first[0]!)) at = kickers + 1;
  }
  if (at === kickers) at = 0; // no headline under the labels: they are the text's
  // A standfirst between the headline and the byline stays a paragraph; the byline under it is still masthead.
  let from = at;
  let block = readBlock(paragraphs, from);
  if (!block.length && at > 0) block = readBlock(paragraphs, (from = at + 1));
  const drop = [...Array.from({ length: at }, (_, i) => i), ...block.map((_, i) => from + i)];
  const parts = block.flat();
  const bylines = parts.filter((p) => p.kind === 'byline');
  const dates = parts.filter((p) => p.kind === 'date');
  const names = parts.filter((p) => p.kind === 'name');
  // Without "By", a name of two to four words none of which is a dictionary word is the byline ("Priya Natarajan"
  // over the date); "Milwaukee Journal Sentinel" and "Senior Political Correspondent" are not.
  const author = bylines[0]?.names ?? names.find((n) => n.text.split(/\s+/).filter((w) => w !== 'and').length <= 4 && isPersonName(n.text))?.text;
  return {
    headline,
    byline: author ?? null,
    publishedAt: (dates.find((d) => !d.updated) ?? dates[0])?.iso ?? null,
    drop,
  };
}
