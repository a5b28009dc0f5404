import type { Line } from './hygiene.ts';
import { CREDIT_LABEL } from './word-lists.ts';

export interface RawParagraph {
  text: string;
  /** its input lines, as written (a masthead is read line by line: masthead.ts) */
  lines: string[];
  /** First input line of the paragraph, for messages. */
  line: number;
}

/** A line of a contact block, an address or a list: short, and opening with a capital, a digit or a symbol, or an e-mail or web address. */
const BLOCK_LINE_MAX = 50;
const LIST_LINE_MAX = 80;
/** Opens with a lower-case letter. */
const LOWER_START = /^\p{Ll}/u;
/** A short label and a colon before the value: "Earnings per share: 41 cents". */
const LABELLED_LINE = /^\p{Lu}[\p{L}'’ -]{0,30}: \S/u;
/** A capitalised line ending in a colon. */
const LEAD_IN_LINE = /^\p{Lu}.*:$/u;

const isBlockLine = (line: string): boolean =>
  (line.length <= BLOCK_LINE_MAX && (!LOWER_START.test(line) || /^\S+(?:@|:\/\/|www\.)\S+$/.test(line))) ||
  // A list under a lead-in: "Here is how Kestrel did:" / "Earnings per share: 41 cents vs. 63 cents expected".
  (line.length <= LIST_LINE_MAX && (LABELLED_LINE.test(line) || LEAD_IN_LINE.test(line)));

/**
 * Joins a paragraph's lines. Hard-wrapped prose is one paragraph, its lines joined by a space. A block of short lines
 * that each open with a capital ("Media Contact:" / "Sarah Lin" / "Northwind Analytics") keeps its line breaks: joined,
 * a name and the company under it would read as one name. Wrapped prose has long lines, or lines that open in lower case.
 */
function joinLines(lines: string[]): string {
  return lines.length >= 2 && lines.every(isBlockLine) ? lines.join('\n') : lines.join(' ');
}

/** Longer than any column prose is wrapped at (wire feeds and e-mail wrap at 68–80). */
const UNWRAPPED_LINE = 100;
const ENDS_SENTENCE = /[.!?…]["'”’)]*$/;

/**
 * A block whose lines are paragraphs of their own, as text copied from a web page or a CMS often is (one paragraph per
 * line, no blank line between): a line longer than any wrapping column, or three or more lines that each end a
 * sentence. Hard-wrapped prose breaks mid-sentence at a steady width.
 */
const linesAreParagraphs = (lines: string[]): boolean =>
  lines.length >= 2 && (lines.some((l) => l.length > UNWRAPPED_LINE) || (lines.length >= 3 && lines.every((l) => ENDS_SENTENCE.test(l))) || unevenLines(lines));

/**
 * Wrapping breaks every line but the last near one width; a line far shorter than the longest, before the end, was
 * broken by its writer: "Policy" / "Senators grill Meta …" / "by Kristen Okafor" / "Nov 13, 2025". A block of short
 * lines all alike (a contact block) is joinLines' to keep.
 */
function unevenLines(lines: string[]): boolean {
  if (lines.length < 3 || lines.every(isBlockLine)) return false;
  const longest = Math.max(...lines.map((l) => l.length));
  return lines.slice(0, -1).some((l) => l.length < longest / 2);
}

/**
 * What a web page puts between paragraphs and a copy keeps: "Story continues below advertisement", "Advertisement".
 * Whole paragraphs only; the words inside a sentence are the article's.
 */
const PAGE_CHROME = new Set([
  'advertisement', 'advertisement - scroll to continue', 'scroll to continue with content', 'skip advertisement', 'story continues below',
  'story continues below advertisement', 'article continues below', 'article continues below advertisement', 'continue reading below',
  'continue reading the main story', 'continue reading', 'sponsored content', 'hide ad', 'ad', 'comment', 'comments', 'share',
  'share this article', 'print', 'save', 'listen', 'listen to this article', 'copy link', 'email', 'tap here', 'click here',
]);
/** Whole lines a page prints around the text: a channel to join, an address alone, a copyright. */
const PAGE_CHROME_LINE = new RegExp(
  [
    String.raw`join .{1,60} (?:whatsapp|telegram|google news) channel\b.*`,
    // "Follow Sky News on WhatsApp", "Keep up with all the latest news … by following Sky News", "Subscribe to the M&G"
    String.raw`(?:follow|subscribe to|sign up (?:to|for)|download|keep up with)\b.{0,100}\b(?:whatsapp|telegram|newsletters?|app|podcast|youtube|instagram|facebook|channel|alerts|following .{1,30}|the .{1,20})`,
    // A publisher's appeal to its readers: "we are asking you to join us in supporting …"
    String.raw`.{0,200}\b(?:we are asking you|you can support|please support|consider supporting|support us\b|become a (?:member|subscriber|supporter)\b).{0,200}`,
    String.raw`please use .{1,30} browser\b.*`,
    String.raw`contact\s*:\s*\S+@\S+\.\w+`,
    String.raw`\[email[\s\u00a0]protected\]`,
    String.raw`(?:copyright|©)\s.{0,100}`,
    String.raw`all rights reserved\b.{0,300}`,
  ].map((x) => `(?:${x})`).join('|').replace(/^/, '^(?:').concat(')$'),
  'iu',
);
/**
 * Words every PAGE_CHROME_LINE match holds (same flags, so the same case folding): one of its branches' openings at the
 * start, or a reader appeal's words anywhere. Few lines hold any, and this scan is far cheaper than the full pattern,
 * whose `.{0,200}` branch backtracks over every line up to 400 characters.
 */
const PAGE_CHROME_CUE = /^(?:join |follow|subscribe to|sign up|download|keep up with|please use |contact|\[email|copyright|©|all rights reserved)|we are asking you|you can support|please support|consider supporting|support us|become a (?:member|subscriber|supporter)/iu;
/** An e-mail address alone as a paragraph (inside a contact block or a sentence it is the text's). */
const LONE_ADDRESS = /^\S+@\S+\.\w+$/iu;
/** A photo's caption or credit copied with the text: "… in December. (Tom Ayers/CBC)", "Photo: Dana Pollock/Getty Images". */
const CAPTION_CREDIT = /\(\s*[^()/]{0,40}\p{Lu}[^()/]{0,58}\/\s*\p{Lu}[^()]{0,58}\)$/u;
const CAPTION_LABEL = /\b(?:Picture|Photo|Photograph|Image|Pic|Credit)s?\s*:\s*\p{Lu}[^.:]{1,60}$/iu;
/** A run of characters other than letters, spaces and hyphens. */
const NOT_LETTER_SPACE_HYPHEN = /[^\p{L} -]+/gu;

const isPageChrome = (text: string): boolean =>
  (text.length <= 40 && PAGE_CHROME.has(text.toLowerCase().replace(NOT_LETTER_SPACE_HYPHEN, '').trim())) || (text.length <= 400 && PAGE_CHROME_CUE.test(text) && PAGE_CHROME_LINE.test(text));

/** A caption or a photo credit in the body (above it, a credit is part of the masthead: masthead.ts). */
export function isCaption(text: string): boolean {
  if (text.length > 400) return false;
  // Cheap tests first: a credit ends the caption, in brackets or after a colon near the end.
  if (text.endsWith(')') && CAPTION_CREDIT.test(text)) return true;
  if (text.lastIndexOf(':') > text.length - 72 && CAPTION_LABEL.test(text)) return true;
  return text.length <= 200 && CREDIT_LABEL.test(text);
}

/** The paragraph (or paragraphs) of one block of lines between blank lines, page chrome left out, appended to `out`. */
function flushBlock(block: Line[], out: RawParagraph[]): void {
  const kept = block.filter((l) => !isPageChrome(l.text) && !(block.length === 1 && LONE_ADDRESS.test(l.text)));
  const texts = kept.map((l) => l.text);
  if (linesAreParagraphs(texts)) out.push(...kept.map((l) => ({ text: l.text, lines: [l.text], line: l.n })));
  else if (kept.length) out.push({ text: joinLines(texts), lines: texts, line: kept[0]!.n });
}

/** Blank lines separate paragraphs; lines within one are joined (joinLines), unless each line is a paragraph. */
export function splitParagraphs(lines: Line[], from: number, to: number): RawParagraph[] {
  const out: RawParagraph[] = [];
  let buf: Line[] = [];
  for (let i = from; i < to; i++) {
    if (lines[i]!.text === '') {
      flushBlock(buf, out);
      buf = [];
    } else buf.push(lines[i]!);
  }
  flushBlock(buf, out);
  return out;
}
