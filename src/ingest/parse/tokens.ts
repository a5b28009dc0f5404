/** Word tokens with offsets. A hand-written scanner (no regex alternation) keeps it linear on any input. */

export interface Token {
  text: string; // as written, without a possessive ’s
  lower: string;
  start: number;
  end: number; // end of the word including any possessive suffix
  possessive: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Inside a quotation (set later by the caller). */
  quoted: boolean;
  sentence: number;
  /** Lexicon bits of `lower`, -1 until first asked (lexicon.ts keeps them here: the passes ask many questions of a token). */
  bits: number;
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;
const UPPER = /^\p{Lu}/u;
const HYPHEN = 0x2d;
const DOT = 0x2e;
const SPACE = 0x20;
const isS = (x: number): boolean => x === 0x73 || x === 0x53; // s or S
const isApos = (x: number): boolean => x === 0x27 || x === 0x2019; // ' or ’

/**
 * The regex's verdict on each UTF-16 unit past ASCII, filled on first use (0 not yet asked, 1 letter, 2 not): curly
 * quotes, dashes and accented letters recur in every paragraph, and each would otherwise cost a one-character string
 * and a regex test. A pure function of the unit, bounded at 64 KiB.
 */
const WIDE_LETTER = new Uint8Array(0x10000);

/**
 * The scanner reads char codes (NaN past either end): ASCII is answered by comparison, and only other characters pay
 * for the Unicode regex (once per distinct unit: WIDE_LETTER). Each UTF-16 unit is judged on its own, so a surrogate
 * is no letter.
 */
function isLetterCode(x: number): boolean {
  if (x < 128) return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57);
  if (Number.isNaN(x)) return false;
  let known = WIDE_LETTER[x]!;
  if (known === 0) {
    known = LETTER.test(String.fromCharCode(x)) ? 1 : 2;
    WIDE_LETTER[x] = known;
  }
  return known === 1;
}
const isUpperStart = (s: string): boolean => {
  const x = s.charCodeAt(0);
  if (x < 128) return x >= 65 && x <= 90;
  return UPPER.test(s);
};

/** Any character outside Latin-1: such a string is stored as two bytes per character (see tokenize). */
const BEYOND_LATIN1 = /[^\x00-\xff]/;

export function tokenize(p: string): Token[] {
  const out: Token[] = [];
  // A paragraph holding a curly quote or a dash is a two-byte string in V8, and so is every slice of it; lower-casing
  // a two-byte string takes a slow path (several times the cost). ASCII words are therefore sliced from a one-byte
  // copy of the paragraph (characters past Latin-1 garbled, which no ASCII word contains): same text, cheaper string.
  const oneByte = BEYOND_LATIN1.test(p) ? Buffer.from(p, 'latin1').toString('latin1') : p;
  let i = 0;
  const n = p.length;
  while (i < n) {
    if (!isLetterCode(p.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let firstWide = -1; // first character past ASCII in the word
    let singleLetters = true; // U.S., J.K.: every dot-separated segment one letter long
    let segLen = 0;
    while (i < n) {
      const c = p.charCodeAt(i);
      if (isLetterCode(c)) {
        if (c >= 128 && firstWide < 0) firstWide = i;
        i++;
        segLen++;
        if (segLen > 1) singleLetters = false;
        continue;
      }
      if ((c === HYPHEN || isApos(c)) && isLetterCode(p.charCodeAt(i + 1))) {
        if (c >= 128 && firstWide < 0) firstWide = i;
        i++;
        segLen = 0;
        singleLetters = false;
        continue;
      }
      if (c === DOT && singleLetters && segLen === 1 && isLetterCode(p.charCodeAt(i + 1)) && p.charCodeAt(i + 2) === DOT) {
        i++;
        segLen = 0;
        continue;
      }
      break;
    }
    // A single capital (an initial) or a dotted abbreviation keeps its final dot: "George W. Bush", "U.S.".
    if (p.charCodeAt(i) === DOT && singleLetters && segLen === 1) i++;
    let end = i;
    let possessive = false;
    const last = p.charCodeAt(end - 1);
    const glued = end - start > 2 && isS(last) && isApos(p.charCodeAt(end - 2)); // "Xi’s"
    if (glued) {
      end -= 2;
      possessive = true;
    } else if (isApos(p.charCodeAt(i)) && isS(last) && p.charCodeAt(i + 1) === SPACE && isUpperStart(p.slice(start, end))) {
      // Plural or classical possessive of a name: "Jones’ " — the mark belongs to the word, not to a quotation.
      possessive = true;
    }
    const text = (firstWide < 0 || firstWide >= end ? oneByte : p).slice(start, end);
    out.push({ text, lower: text.toLowerCase(), start, end: possessive && !glued ? i + 1 : i, possessive, cap: isUpperStart(text), quoted: false, sentence: 0, bits: -1 });
  }
  return out;
}

/** Per UTF-16 unit past ASCII: a letter or digit (1) or not (2), filled on first use like WIDE_LETTER. */
const WORD_UNIT = new Uint8Array(0x10000);
const LETTER_OR_DIGIT_POINT = /^[\p{L}\p{N}]$/u;

function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let known = WORD_UNIT[c]!;
  if (known === 0) {
    known = LETTER_OR_DIGIT_POINT.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_UNIT[c] = known;
  }
  return known === 1;
}

/**
 * `s` with every run of characters that are neither letters nor digits made one space, and none at either end: what
 * `s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()` gives, without that pattern's cost on a string holding a curly quote
 * (V8 runs it several times slower on two-byte strings: microseconds a sentence). Characters are code points, as the
 * `u` flag reads them: a surrogate pair is one, a lone surrogate is none of a word.
 */
export function wordsOnly(s: string): string {
  let out = '';
  let wordStart = -1;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const inWord = pair ? LETTER_OR_DIGIT_POINT.test(s.slice(i, i + 2)) : isWordUnit(c);
    if (inWord) {
      if (wordStart < 0) wordStart = i;
    } else if (wordStart >= 0) {
      out += out ? ` ${s.slice(wordStart, i)}` : s.slice(wordStart, i);
      wordStart = -1;
    }
    i += pair ? 2 : 1;
  }
  if (wordStart >= 0) out += out ? ` ${s.slice(wordStart)}` : s.slice(wordStart);
  return out;
}

/** Units taken by the letter or digit at `i` (a surrogate pair is one code point), or 0 when there is none there. */
function wordPointWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (Number.isNaN(c)) return 0;
  if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) return LETTER_OR_DIGIT_POINT.test(s.slice(i, i + 2)) ? 2 : 0;
  return isWordUnit(c) ? 1 : 0;
}

const isWordJoiner = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2d; // ' ’ -

/**
 * The words of `s` as `s.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\/gu) ?? []` finds them — letters and digits,
 * joined by an apostrophe or a hyphen — scanned by hand for the same reason as wordsOnly.
 */
export function wordsOf(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    let w = wordPointWidth(s, i);
    if (w === 0) {
      const c = s.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      continue;
    }
    const start = i;
    for (;;) {
      while (w > 0) {
        i += w;
        w = wordPointWidth(s, i);
      }
      if (!isWordJoiner(s.charCodeAt(i))) break;
      w = wordPointWidth(s, i + 1);
      if (w === 0) break;
      i += 1; // the joiner; the loop above takes the word after it
    }
    out.push(s.slice(start, i));
  }
  return out;
}
