/** A working headline for an article that came without one: its lead sentence, cut at a word boundary. */

const MAX = 120;
const WEAK_ENDINGS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'that', 'its', 'their', 'his', 'her']);

function leadSentence(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ((c === '.' || c === '!' || c === '?') && text[i + 1] === ' ' && /\p{Lu}|["“‘]/u.test(text[i + 2] ?? '')) {
      const word = /(\S+)$/.exec(text.slice(0, i))?.[1] ?? '';
      if (/^(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Gov|Sen|Rep|Jr|Sr|Inc|Co|\p{Lu})$/u.test(word)) continue;
      return text.slice(0, c === '.' ? i : i + 1);
    }
  }
  return text;
}

export function deriveHeadline(firstParagraph: string): string {
  let s = leadSentence(firstParagraph).trim().replace(/[.]+$/, '');
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
