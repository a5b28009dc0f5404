/**
 * Classifies each quotation-mark character by the characters around it. Typography is messy (straight quotes, curly
 * quotes typed the wrong way round, apostrophes that look like closing single quotes), so a mark gets what it *can* do
 * here and the scanner decides what it *does* from its state. Works on char codes: it runs once per character of
 * inputs up to 2 MB.
 */

export type Family = 'double' | 'single';

export interface Mark {
  index: number;
  family: Family;
  canOpen: boolean;
  canClose: boolean;
  /** Closing-capable `s’ ` that may be a plural possessive ("the players’ union"). */
  possessiveLike: boolean;
  /** Characters the mark takes: 2 for two straight apostrophes written for one double mark (`''`). */
  width?: number;
}

const enum Q {
  None,
  DoubleOpen, // “ „ ‟ «
  DoubleClose, // ” »
  DoubleStraight, // "
  SingleOpen, // ‘ ‚ ‹
  SingleClose, // ’ ›
  SingleStraight, // '
}

function kindOf(c: number): Q {
  switch (c) {
    case 0x201c: case 0x201e: case 0x201f: case 0x00ab: return Q.DoubleOpen;
    case 0x201d: case 0x00bb: return Q.DoubleClose;
    case 0x22: return Q.DoubleStraight;
    case 0x2018: case 0x201a: case 0x2039: return Q.SingleOpen;
    case 0x2019: case 0x203a: return Q.SingleClose;
    case 0x27: return Q.SingleStraight;
    default: return Q.None;
  }
}

export const isQuoteChar = (c: string | undefined): boolean => c !== undefined && kindOf(c.charCodeAt(0)) !== Q.None;

/** NaN (past either end) counts as space. */
const isSpaceCode = (c: number): boolean => Number.isNaN(c) || c === 0x20 || c === 0x09 || c === 0x0a;
const isOpenPunct = (c: number): boolean => c === 0x28 || c === 0x5b || c === 0x7b || c === 0x2014 || c === 0x2013 || c === 0x2d || c === 0x2f || c === 0x2026;
const isClosePunct = (c: number): boolean =>
  c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f || c === 0x29 || c === 0x5d || c === 0x7d ||
  c === 0x2014 || c === 0x2013 || c === 0x2d || c === 0x2026 || c === 0x2f;
const WORD = /[\p{L}\p{N}]/u;
function isWordCode(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return true;
  if (c < 0x80) return false;
  return WORD.test(String.fromCharCode(c));
}
/** A lower-case letter. */
const LOWER_LETTER = /\p{Ll}/u;

const isLowerCode = (c: number): boolean => !Number.isNaN(c) && (c >= 0x61 && c <= 0x7a ? true : c >= 0x80 && LOWER_LETTER.test(String.fromCharCode(c)));

/** Words elided at the start: 'em, 'tis, 'twas, 'til, 'cause, 'n'. */
const ELIDED_WORD = /^(?:em|tis|twas|til|cause|n)(?![\p{L}])/u;

/** Elisions that start with an apostrophe: ’90s, 'em, 'tis, rock 'n' roll. */
function isLeadingElision(p: string, i: number): boolean {
  const a = p.charCodeAt(i + 1), b = p.charCodeAt(i + 2);
  const digit = (c: number) => c >= 0x30 && c <= 0x39;
  if (digit(a) && digit(b)) {
    const after = p.charCodeAt(i + 3) === 0x73 ? p.charCodeAt(i + 4) : p.charCodeAt(i + 3);
    if (!isWordCode(after)) return true;
  }
  const rest = p.slice(i + 1, i + 6).toLowerCase();
  return ELIDED_WORD.test(rest);
}

function mark(index: number, family: Family, canOpen: boolean, canClose: boolean, possessiveLike = false): Mark {
  return { index, family, canOpen, canClose, possessiveLike };
}

export function classifyMark(p: string, i: number): Mark | null {
  const k = kindOf(p.charCodeAt(i));
  if (k === Q.None) return null;
  const prev = i > 0 ? p.charCodeAt(i - 1) : NaN;
  const next = p.charCodeAt(i + 1);
  const prevOpen = isSpaceCode(prev) || isOpenPunct(prev) || kindOf(prev) !== Q.None;
  const nextClose = isSpaceCode(next) || isClosePunct(next) || kindOf(next) !== Q.None;
  const leftFlank = !isSpaceCode(next) && prevOpen;
  const rightFlank = !isSpaceCode(prev) && nextClose;

  switch (k) {
    case Q.DoubleOpen:
      return mark(i, 'double', true, rightFlank && !leftFlank);
    case Q.DoubleClose:
      return mark(i, 'double', leftFlank && !rightFlank, true);
    case Q.DoubleStraight:
      if (leftFlank && !rightFlank) return mark(i, 'double', true, false);
      if (rightFlank && !leftFlank) return mark(i, 'double', false, true);
      return mark(i, 'double', true, true);
    default:
      break;
  }
  // Single marks: anything that can be an apostrophe is one, unless its position only fits a quotation mark.
  if (isWordCode(prev) && isWordCode(next)) return null;
  if (k === Q.SingleOpen) {
    if (isLeadingElision(p, i)) return null;
    return mark(i, 'single', true, rightFlank && !leftFlank);
  }
  const possessiveLike = (prev === 0x73 || prev === 0x53) && next === 0x20 && isLowerCode(p.charCodeAt(i + 2));
  if (k === Q.SingleClose) {
    if (prevOpen && isWordCode(next)) return null; // ’90s, ’em: a leading elision typed correctly
    return rightFlank ? mark(i, 'single', false, true, possessiveLike) : null;
  }
  // Straight apostrophe.
  if (leftFlank && isLeadingElision(p, i)) return null;
  if (!leftFlank && !rightFlank) return null;
  return mark(i, 'single', leftFlank && !rightFlank, rightFlank && !leftFlank, possessiveLike);
}

export function findMarks(p: string): Mark[] {
  const marks: Mark[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    // Fast path: every quotation mark is ", ', « or » or in U+2018–U+203A.
    if (c !== 0x22 && c !== 0x27 && c !== 0xab && c !== 0xbb && (c < 0x2018 || c > 0x203a)) continue;
    // "''This isn't tax reform,'' said Douglas Holtz-Eakin": archived NYT copy writes a double mark as two straight
    // apostrophes. The pair is one double mark, flanked by what is around both.
    if (c === 0x27 && p.charCodeAt(i + 1) === 0x27) {
      const paired = classifyMark(`${p[i - 1] ?? ' '}"${p[i + 2] ?? ' '}`, 1);
      if (paired) marks.push({ ...paired, index: i, width: 2 });
      i++;
      continue;
    }
    const m = classifyMark(p, i);
    if (m) marks.push(m);
  }
  return marks;
}
