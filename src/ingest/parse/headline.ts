/** A working headline for an article that came without one: its lead sentence, cut at a word boundary. */

const MAX = 120;
const WEAK_ENDINGS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'that', 'its', 'their', 'his', 'her']);

function leadSentence(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ((c === '.' || c === '!' || c === '?') && text[i + 1] === ' ' && /\p{Lu}|["“‘]/u.test(text[i + 2] ?? '')) {
      const word = /(\S+)$/.exec(text.slice(0, i))?.[1] ?? '';
      if (/^(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Gov|Sen|Rep|Jr|Sr|Inc|Co|Corp|Ltd|Fr|Rev|Det|Supt|Insp|Sgt|Lt|Col|Capt|Cmdr|Coun|Cllr|Hon|Mt|No|vs|\p{Lu})$/u.test(word)) continue;
      return text.slice(0, c === '.' ? i : i + 1);
    }
  }
  return text;
}

/**
 * A wire dateline opening the lead: "LONDON, Nov 3 (Reuters) - ", "SEOUL (Yonhap) -- ", "HYDERABAD: ", "Beirut,
 * Lebanon (CNN) — ". A place in capitals, or any place before a credit in brackets, then a dash or a colon.
 * The derived headline leaves it out: it says where the story was filed, not what it is about.
 */
const DATELINE =
  /^(?:\p{Lu}[\p{Lu}\p{M} .'’-]*\p{Lu}(?:,[^,:()—–]{1,30}){0,2}(?: \([^()]{1,40}\))?|\p{Lu}[^,:()—–]{0,30}(?:,[^,:()—–]{1,30}){0,2} \([^()]{1,40}\)) ?(?:--|[-–—]|:) +/u;

export function deriveHeadline(firstParagraph: string): string {
  const lead = leadSentence(firstParagraph).trim();
  const undated = lead.replace(DATELINE, '');
  // The lead goes on as a sentence of its own ("NHS - a service in crisis" is no dateline).
  let s = (undated.length >= 20 && /^[\p{Lu}\p{N}"“‘']/u.test(undated) ? undated : lead).replace(/[.]+$/, '');
  if (s.length <= MAX) return s;
  // Prefer ending at a clause boundary (comma, dash) past the half-way mark; else the last whole word.
  const cut = s.slice(0, MAX);
  const clause = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf(' — '), cut.lastIndexOf(' – '), cut.lastIndexOf('; '));
  const space = cut.lastIndexOf(' ');
  s = clause >= MAX / 2 ? cut.slice(0, clause) : space > 0 ? cut.slice(0, space) : cut;
  const words = s.split(' ');
  while (words.length > 3 && WEAK_ENDINGS.has(words[words.length - 1]!.toLowerCase())) words.pop();
  return `${words.join(' ').replace(/[\s,;:—–-]+$/, '')}…`;
}
