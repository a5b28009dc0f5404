/** Sentence boundaries inside a paragraph, ignoring full stops inside quotations and after abbreviations. */

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'jr', 'sr', 'gen', 'gov', 'sen', 'rep', 'lt', 'col', 'capt', 'sgt', 'maj',
  'rev', 'hon', 'no', 'nos', 'vs', 'v', 'inc', 'ltd', 'corp', 'co', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'approx', 'dept', 'est', 'fig', 'e.g', 'i.e', 'etc', 'cf', 'al', 'pp', 'ca',
  'adm', 'cmdr', 'supt', 'det', 'insp', 'fr', 'sgt', 'pvt', 'cpl', 'messrs', 'mme', 'mlle', 'coun', 'cllr', 'smt', 'shri',
  'univ', 'govt', 'assn', 'bros', 'vol',
]);

export interface Sentence {
  start: number;
  end: number;
}

const TERMINATOR = new Set(['.', '!', '?', '…']);
const TERMINATOR_SCAN = /[.!?…]/g;
const CLOSERS = new Set([')', ']', '”', '’', '"', "'", '»']);
const OPENER_OR_UPPER = /[\p{Lu}\p{N}“‘"'«(\[]/u;
const LETTER_OR_DOT = /[\p{L}.]/u;
const isUpperOrDigit = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  if (x < 128) return (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || c === '"' || c === "'" || c === '(' || c === '[';
  return OPENER_OR_UPPER.test(c);
};
const isLetterOrDot = (c: string): boolean => {
  const x = c.charCodeAt(0);
  if (x < 128) return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || x === 46;
  return LETTER_OR_DOT.test(c);
};

function wordBefore(p: string, i: number): string {
  let s = i;
  while (s > 0 && isLetterOrDot(p[s - 1]!)) s--;
  return p.slice(s, i).toLowerCase();
}

/** One letter. */
const SINGLE_LETTER = /^\p{L}$/u;
/** Letters joined by full stops: "U.S", "e.g". */
const DOTTED_LETTERS = /^(?:\p{L}\.)+\p{L}$/u;

/** The full stop at `dot` closes an abbreviation or an initial ("Mr.", "Univ.", "U.S."), not a sentence. */
export function abbreviationAt(p: string, dot: number): boolean {
  const w = wordBefore(p, dot);
  return ABBREVIATIONS.has(w.replace(/\.$/, '')) || SINGLE_LETTER.test(w) || DOTTED_LETTERS.test(w);
}

/** Adds the sentence [start, end) without its leading spaces, if anything is left; returns where the next one starts. */
function pushSentence(out: Sentence[], p: string, start: number, end: number): number {
  let s = start;
  while (s < end && p[s] === ' ') s++;
  if (end > s) out.push({ start: s, end });
  return end;
}

/**
 * `masked` are quotation ranges [start, end) (marks included): a full stop inside a quotation ends the sentence only
 * when the quotation itself ends the sentence (“… win.” He left.).
 */
export function splitSentences(p: string, masked: Array<[number, number]>): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let mi = 0;
  const ranges = [...masked].sort((a, b) => a[0] - b[0]);
  const n = p.length;
  let nextTerminator = -1;
  for (let i = 0; i < n; i++) {
    while (mi < ranges.length && ranges[mi]![1] <= i) mi++;
    const r = ranges[mi];
    if (r && i >= r[0] && i < r[1]) {
      // Jump to the range's last character; decide at the closing mark.
      const last = r[1] - 1;
      let k = last;
      while (k > r[0] && CLOSERS.has(p[k]!)) k--;
      i = last;
      if (TERMINATOR.has(p[k]!) && p[last + 1] === ' ' && isUpperOrDigit(p[last + 2])) start = pushSentence(out, p, start, last + 1);
      continue;
    }
    // Nothing happens between here and the next terminator or quotation: jump there (one native scan).
    // The next terminator is found once and reused until passed, so a long text with many quotations and few full
    // stops is not rescanned from every quotation (that would be quadratic).
    if (nextTerminator < i) {
      TERMINATOR_SCAN.lastIndex = i;
      const found = TERMINATOR_SCAN.exec(p);
      nextTerminator = found ? found.index : n;
    }
    const next = Math.min(nextTerminator, r ? r[0] : n);
    if (next >= n) break;
    if (next > i) {
      i = next - 1;
      continue;
    }
    const c = p[i]!;
    if (!TERMINATOR.has(c)) continue;
    if (c === '.') {
      if (abbreviationAt(p, i)) continue;
    }
    let j = i + 1;
    while (j < p.length && (TERMINATOR.has(p[j]!) || CLOSERS.has(p[j]!))) j++;
    if (j >= p.length) break;
    if (p[j] === ' ' && isUpperOrDigit(p[j + 1])) {
      start = pushSentence(out, p, start, j);
      i = j;
    }
  }
  pushSentence(out, p, start, p.length);
  if (!out.length) out.push({ start: 0, end: p.length });
  return out;
}
