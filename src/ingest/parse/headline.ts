import { splitSentences } from './sentences.ts';

/** A working headline for an article that came without one: its lead sentence, cut at a word boundary. */

const MAX = 120;
const WEAK_ENDINGS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'that', 'its', 'their', 'his', 'her']);

/** The first sentence, as the parser splits sentences (abbreviations and initials do not end one). */
function leadSentence(text: string): string {
  const first = splitSentences(text, [])[0];
  return first ? text.slice(first.start, first.end) : text;
}

/**
 * A wire dateline opening the lead: "LONDON, Nov 3 (Reuters) - ", "SEOUL (Yonhap) -- ", "HYDERABAD: ", "Beirut,
 * Lebanon (CNN) — ". A place in capitals, or any place before a credit in brackets, then a dash or a colon.
 * The derived headline leaves it out: it says where the story was filed, not what it is about.
 */
const DATELINE =
  /^(?:\p{Lu}[\p{Lu}\p{M} .'’-]*\p{Lu}(?:,[^,:()—–―]{1,30}){0,2}(?: \([^()]{1,40}\))?|\p{Lu}[^,:()—–―]{0,30}(?:,[^,:()—–―]{1,30}){0,2} \([^()]{1,40}\)) ?(?:--|[-–—―]|:) +/u;

/** Opens with a capital, a digit or an opening quotation mark. */
const CAPITAL_OR_DIGIT_START = /^[\p{Lu}\p{N}"“‘']/u;

export function deriveHeadline(firstParagraph: string): string {
  const lead = leadSentence(firstParagraph).trim();
  const undated = lead.replace(DATELINE, '');
  // The lead goes on as a sentence of its own ("NHS - a service in crisis" is no dateline).
  let s = (undated.length >= 20 && CAPITAL_OR_DIGIT_START.test(undated) ? undated : lead).replace(/[.]+$/, '');
  if (s.length <= MAX) return s;
  // Prefer ending at a clause boundary (comma, dash) past the half-way mark; else the last whole word.
  const cut = s.slice(0, MAX);
  const clause = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf(' — '), cut.lastIndexOf(' – '), cut.lastIndexOf('; '));
  const space = cut.lastIndexOf(' ');
  s = clause >= MAX / 2 ? cut.slice(0, clause) : space > 0 ? cut.slice(0, space) : cut;
  const words = s.split(' ');
  while (words.length > 3 && WEAK_ENDINGS.has(words[words.length - 1]!.toLowerCase())) words.pop();
  return `${words.join(' ').replace(/[\s,;:—–―-]+$/, '')}…`;
}
