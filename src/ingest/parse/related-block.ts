import type { Line } from './hygiene.ts';
import { isFunctionWord, isVerbWord } from './lexicon.ts';

/** Headings that publishers put above a list of links to other stories. Matched against the whole line only. */
const HEADINGS = new Set([
  'articles you may like',
  'related',
  'related articles',
  'related stories',
  'related content',
  'related coverage',
  'related news',
  'related links',
  'related reading',
  'read more',
  'read next',
  'also read',
  'read also',
  'see also',
  'more on this story',
  'more on this topic',
  'more stories',
  'more news',
  'you may also like',
  'you might also like',
  'you may be interested in',
  'recommended',
  'recommended stories',
  'recommended articles',
  'recommended reading',
  'recommended for you',
  'further reading',
  'most read',
  'most read stories',
  'most popular',
  'most popular news',
  'most popular stories',
  'more coverage',
  'related reporting',
  'editors picks',
  "editors' picks",
  'go deeper',
  'more information',
  'keep reading',
  'continue reading',
  'top stories',
  'what to read next',
]);

function headingKey(text: string): string {
  return text
    .replace(/^#+\s*/, '')
    .replace(/^[*_]+|[*_]+$/g, '')
    .replace(/\s*[:：]\s*$/, '')
    .replace(/\s*[.…]+$/, '')
    .trim()
    .toLowerCase();
}

/** Headings over topic tags ("Related Topics" / "Pensions" / "Fraud"): the end of the article, but no articles. */
const TOPIC_HEADINGS = new Set(['related topics', 'topics', 'tags', 'more on these topics', 'explore more on these topics', 'filed under', 'read more about']);

/** "Related Topics", or its tags on the same line: "Related topics:Environment AgencyDoncasterFlooding". */
const isTopicHeading = (text: string): boolean =>
  (text.length <= 60 && TOPIC_HEADINGS.has(headingKey(text))) || /^(?:related topics|topics|tags|filed under)\s*:/iu.test(text);

/** "Read related Tribune coverage", "Read more from …". */
const READING_PROMPT = /^read (?:related|more) (?:[\p{L}'’&.-]+ ){0,3}(?:coverage|stories|articles|news)$/u;
/** "More transfer news" (the topic captured). */
const MORE_TOPIC = /^more ((?:[\p{L}'’-]+ ){1,2})(?:news|stories|coverage|headlines)$/u;

/** "More from X" names a section or publication; X is short, so a long line starting "More from" is prose. */
export function isRelatedHeading(text: string): boolean {
  if (text.length > 60) return false;
  const key = headingKey(text);
  if (HEADINGS.has(key) || TOPIC_HEADINGS.has(key)) return true;
  // "Read related Tribune coverage", "Read more from The Dispatch": a reading prompt naming the publication.
  if (READING_PROMPT.test(key)) return true;
  // "More transfer news", "More climate stories": a section's own list of links ("More people read the news" is prose).
  const topic = MORE_TOPIC.exec(key)?.[1]?.trim().split(' ');
  if (topic?.every((w) => !isFunctionWord(w) && !isVerbWord(w))) return true;
  // "Most Read from Bloomberg Businessweek", "More from Sky News", "Read more from Sky News": a publication's own list.
  const from = /^(?:more|most read|most popular|most viewed|read more) from (.+)$/.exec(key)?.[1]?.trim();
  if (from) return from.split(' ').length <= 5 && !/[.!?]/.test(from);
  return false;
}

const BULLET = /^(?:[-•*·–—―▪►]|\d{1,2}[.)])\s+/;

export function stripBullet(text: string): { text: string; bulleted: boolean } {
  const m = BULLET.exec(text);
  return m ? { text: text.slice(m[0].length).trim(), bulleted: true } : { text, bulleted: false };
}

/** A capital letter. */
const UPPER_LETTER = /\p{Lu}/u;

function sentenceBreaks(t: string): number {
  let n = 0;
  for (let i = 1; i + 2 < t.length; i++) {
    if ((t[i] === '.' || t[i] === '!' || t[i] === '?') && t[i + 1] === ' ' && UPPER_LETTER.test(t[i + 2]!)) n++;
  }
  return n;
}

/** More lines than any related block lists. */
const MAX_ITEMS = 30;

/** A line in a related block and what it is. */
type LineKind = 'heading' | 'topics' | 'inline' | 'headline' | 'sentence' | 'label' | 'trailer' | 'prose';

/** "Go deeper: Kroger's plan to …", "READ: …": a heading and its one link on a line. */
const INLINE_LINK = /^(?:read|read more|read next|read also|go deeper|related|related story|related article|see also|also read|more)\s*[:：|]\s*(\S.{0,199})$/iu;
/** "Read more Subscribers only Budget: the government's …": a paywalled link, its heading run into it. */
const PROMO_LINK = /^[Rr]ead [Mm]ore\s+(?:[Ss]ubscribers [Oo]nly\s+)?(\p{Lu}.{0,199})$/u;

/**
 * The title of a link set in the body as a paragraph of its own ("READ: Marcos orders DA to go after rice hoarders",
 * "Read more Subscribers only …"), or null. A title is one headline, not a sentence ending in a full stop.
 */
export function linkTitle(text: string): string | null {
  const m = INLINE_LINK.exec(text) ?? PROMO_LINK.exec(text);
  const title = m?.[1]?.trim();
  if (!title || (/[.;]$/.test(title) && !title.endsWith('...')) || sentenceBreaks(title) > 0) return null;
  return title;
}

/** A list's own labels ("EDITORS' PICK", "Sponsored"): not headlines. */
const LABELS = new Set(['sponsored', 'advertisement', 'promoted', 'partner content', "editors' pick", 'editors pick', "editor's pick", 'trending', 'latest', 'popular']);
/** What a page prints below its last link: a disclosure, a copyright, an update time, a newsletter pitch. */
const TRAILER = /^(?:disclosure|copyright|©|\(c\)|all rights reserved|updated|published|posted|last updated)\b|\b(?:newsletter|sign up|subscribe)\b|\bdaily digest\b/iu;

/** Holds a lower-case letter. */
const HAS_LOWER = /\p{Ll}/u;

/**
 * A headline is one short line; prose paragraphs end with a full stop or hold several sentences. That difference is what
 * stops a heading-looking line followed by ordinary paragraphs from swallowing the end of an article. A line of one or
 * two sentences ending in a full stop ("Texas is running out of water. Lawmakers say …") is a "sentence": a headline
 * only inside a list that also holds a true one.
 */
function lineKind(text: string): LineKind {
  if (isTopicHeading(text)) return 'topics';
  if (isRelatedHeading(text)) return 'heading';
  if (INLINE_LINK.test(text) && linkTitle(text) !== null) return 'inline';
  const { text: t, bulleted } = stripBullet(text);
  if (TRAILER.test(t) && t.length <= 600) return 'trailer';
  if (!t || t.length > 200) return 'prose';
  if (LABELS.has(headingKey(t)) || (!HAS_LOWER.test(t) && t.split(/\s+/).length <= 4)) return 'label';
  if (bulleted) return 'headline';
  // "Some of the main moves in markets:": a lead-in to what follows, not a title.
  if (/[:：]$/.test(t)) return 'prose';
  const breaks = sentenceBreaks(t);
  // A sentence quoting someone is the article's own text, whatever its length.
  if (/[.;]$/.test(t) && !/\.\.\.$/.test(t)) return breaks <= 1 && t.length <= 160 && !/[“”"]/.test(t) ? 'sentence' : 'prose';
  return breaks < 2 ? 'headline' : 'prose';
}

/**
 * Links set in the body rather than after it: a paragraph that is one link ("READ: …"), or a heading with a list of
 * headlines under it and the article going on below ("Read more from Sky News:" / three headlines / more text). Their
 * titles in order, and the paragraphs they took. A text that is nothing but links keeps them as its paragraphs.
 */
export function bodyLinks(paragraphs: string[]): { titles: string[]; drop: Set<number> } {
  const titles: string[] = [];
  const drop = new Set<number>();
  for (let i = 0; i < paragraphs.length; i++) {
    const text = paragraphs[i]!;
    const link = linkTitle(text);
    if (link !== null) {
      titles.push(link);
      drop.add(i);
      continue;
    }
    // The heading and its list in one paragraph (short lines kept apart), or in paragraphs of their own.
    const [first, ...rest] = text.split('\n');
    if (!isRelatedHeading(first!) || isTopicHeading(first!)) continue;
    if (rest.length) {
      if (rest.every((l) => lineKind(l) === 'headline')) {
        titles.push(...rest.map((l) => stripBullet(l).text));
        drop.add(i);
      }
      continue;
    }
    let j = i + 1;
    while (j < paragraphs.length && lineKind(paragraphs[j]!) === 'headline') j++;
    if (j === i + 1 || j === paragraphs.length) continue;
    for (let k = i; k < j; k++) drop.add(k);
    titles.push(...paragraphs.slice(i + 1, j).map((t) => stripBullet(t).text));
    i = j - 1;
  }
  return drop.size === paragraphs.length ? { titles: [], drop: new Set() } : { titles, drop };
}

export interface RelatedBlock {
  /** Index in the line array of the heading: the body ends before it. */
  headingIndex: number;
  headingLine: number;
  titles: string[];
}

/**
 * Finds a trailing related-articles block: scanning up from the end over blank lines, trailers, labels and headline-like
 * lines, the earliest heading line seen, provided at least one headline follows it. Linear in the number of lines.
 */
export function findRelatedBlock(lines: Line[], from: number): RelatedBlock | null {
  let earliest = -1;
  let items = 0;
  // Every non-blank line from `earliest` down was classified on the way up; the titles are read from these kinds.
  const kinds = new Map<number, LineKind>();
  for (let i = lines.length - 1; i >= from; i--) {
    const text = lines[i]!.text;
    if (text === '') continue;
    const kind = lineKind(text);
    kinds.set(i, kind);
    if (kind === 'label' || (kind === 'trailer' && items === 0)) continue;
    // A link line of its own is one link: it heads no list ("Read more: …" above the article's data lines).
    if (kind === 'inline' && items > 0) break;
    if (kind === 'heading' || kind === 'topics' || kind === 'inline') {
      if (items > 0 || kind !== 'heading') earliest = i;
      continue;
    }
    if (kind !== 'headline' && kind !== 'sentence') break;
    // A sentence is a title only inside a list, under its lowest heading and above a true headline: the last line
    // of a list is a headline, and a sentence under it is the article going on.
    if (kind === 'sentence' && (items === 0 || earliest >= 0)) break;
    // No list of links runs this long: the scan is in the body.
    if (++items > MAX_ITEMS) break;
  }
  if (earliest < 0) return null;
  const titles: string[] = [];
  let topics = false;
  for (let i = earliest; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (!text) continue;
    const kind = kinds.get(i)!;
    if (kind === 'heading' || kind === 'topics') topics = kind === 'topics';
    else if (kind === 'inline') titles.push(linkTitle(text)!);
    else if (!topics && (kind === 'headline' || kind === 'sentence')) titles.push(stripBullet(text).text);
  }
  return { headingIndex: earliest, headingLine: lines[earliest]!.n, titles };
}
