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
  'related topics',
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
  'most popular',
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

/** "More from X" names a section or publication; X is short, so a long line starting "More from" is prose. */
export function isRelatedHeading(text: string): boolean {
  if (text.length > 60) return false;
  const key = headingKey(text);
  if (HEADINGS.has(key)) return true;
  // "More transfer news", "More climate stories": a section's own list of links ("More people read the news" is prose).
  const topic = /^more ((?:[\p{L}'’-]+ ){1,2})(?:news|stories|coverage|headlines)$/u.exec(key)?.[1]?.trim().split(' ');
  if (topic?.every((w) => !isFunctionWord(w) && !isVerbWord(w))) return true;
  if (key.startsWith('more from ')) {
    const rest = key.slice('more from '.length).trim();
    return rest.length > 0 && rest.split(' ').length <= 5 && !/[.!?]/.test(rest);
  }
  return false;
}

const BULLET = /^(?:[-•*·–—▪►]|\d{1,2}[.)])\s+/;

export function stripBullet(text: string): { text: string; bulleted: boolean } {
  const m = BULLET.exec(text);
  return m ? { text: text.slice(m[0].length).trim(), bulleted: true } : { text, bulleted: false };
}

/**
 * A headline is one short line; prose paragraphs end with a full stop or hold several sentences. That difference is what
 * stops a heading-looking line followed by ordinary paragraphs from swallowing the end of an article.
 */
function isHeadlineLike(text: string): boolean {
  const { text: t, bulleted } = stripBullet(text);
  if (!t || t.length > 200) return false;
  if (bulleted) return true;
  if (/[.;]$/.test(t) && !/\.\.\.$/.test(t)) return false;
  let sentenceBreaks = 0;
  for (let i = 1; i + 2 < t.length; i++) {
    if ((t[i] === '.' || t[i] === '!' || t[i] === '?') && t[i + 1] === ' ' && /\p{Lu}/u.test(t[i + 2]!)) sentenceBreaks++;
  }
  return sentenceBreaks < 2;
}

export interface RelatedBlock {
  /** Index in the line array of the heading: the body ends before it. */
  headingIndex: number;
  headingLine: number;
  titles: string[];
}

/**
 * Finds a trailing related-articles block: scanning up from the end over blank and headline-like lines, the earliest
 * heading line seen, provided at least one headline follows it. Linear in the number of lines.
 */
export function findRelatedBlock(lines: Line[], from: number): RelatedBlock | null {
  let earliest = -1;
  let sawItem = false;
  let itemsAfterEarliest = false;
  for (let i = lines.length - 1; i >= from; i--) {
    const text = lines[i]!.text;
    if (text === '') continue;
    if (isRelatedHeading(text)) {
      if (sawItem) {
        earliest = i;
        itemsAfterEarliest = true;
      }
      continue;
    }
    if (!isHeadlineLike(text)) break;
    sawItem = true;
  }
  if (earliest < 0 || !itemsAfterEarliest) return null;
  const titles: string[] = [];
  for (let i = earliest + 1; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (!text || isRelatedHeading(text)) continue;
    const t = stripBullet(text).text;
    if (t) titles.push(t);
  }
  return titles.length ? { headingIndex: earliest, headingLine: lines[earliest]!.n, titles } : null;
}
