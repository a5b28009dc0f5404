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
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;
const UPPER = /^\p{Lu}/u;
/** ASCII answered by char code; only other characters pay for the Unicode regex. */
const isLetter = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  if (x < 128) return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57);
  return LETTER.test(c);
};
const isUpperStart = (s: string): boolean => {
  const x = s.charCodeAt(0);
  if (x < 128) return x >= 65 && x <= 90;
  return UPPER.test(s);
};
const APOS = new Set(["'", '’']);
const isApos = (c: string | undefined): boolean => c === "'" || c === '’';

export function tokenize(p: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = p.length;
  while (i < n) {
    if (!isLetter(p[i])) {
      i++;
      continue;
    }
    const start = i;
    let singleLetters = true; // U.S., J.K.: every dot-separated segment one letter long
    let segLen = 0;
    while (i < n) {
      const c = p[i]!;
      if (isLetter(c)) {
        i++;
        segLen++;
        if (segLen > 1) singleLetters = false;
        continue;
      }
      if ((c === '-' || APOS.has(c)) && isLetter(p[i + 1])) {
        i++;
        segLen = 0;
        singleLetters = false;
        continue;
      }
      if (c === '.' && singleLetters && segLen === 1 && isLetter(p[i + 1]) && p[i + 2] === '.') {
        i++;
        segLen = 0;
        continue;
      }
      break;
    }
    // A single capital (an initial) or a dotted abbreviation keeps its final dot: "George W. Bush", "U.S.".
    if (p[i] === '.' && singleLetters && segLen === 1) i++;
    let text = p.slice(start, i);
    let possessive = false;
    const lastCh = text[text.length - 1];
    const m = text.length >= 2 && (lastCh === 's' || lastCh === 'S') && isApos(text[text.length - 2]);
    if (m && text.length > 2) {
      text = text.slice(0, -2);
      possessive = true;
    } else if (isApos(p[i]) && (lastCh === 's' || lastCh === 'S') && p[i + 1] === ' ' && isUpperStart(text)) {
      // Plural or classical possessive of a name: "Jones’ " — the mark belongs to the word, not to a quotation.
      possessive = true;
    }
    out.push({ text, lower: text.toLowerCase(), start, end: possessive && !m ? i + 1 : i, possessive, cap: isUpperStart(text), quoted: false, sentence: 0 });
  }
  return out;
}
