import { splitSentences, type Sentence } from './sentences.ts';
import { tokenize, type Token } from './tokens.ts';
import type { QuoteText } from './quote-text.ts';

/** A paragraph with everything the person and attribution passes share: tokens, sentences, quotation ranges. */
export interface DocParagraph {
  index: number;
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  /** Quotation ranges in this paragraph, marks included, with the quote they belong to. */
  quoteRanges: Array<{ start: number; end: number; quote: number }>;
  /** Some word of the paragraph stands outside every quotation. */
  wordsOutsideQuotes: boolean;
}

/**
 * Whether the words starting at token a open a clause: at the sentence start, after punctuation (a comma, a colon, a
 * dash, a bracket), or after one of `links` ("and", "when", …).
 */
export function opensClauseAt(p: DocParagraph, a: number, links: ReadonlySet<string>): boolean {
  const prev = p.tokens[a - 1];
  const t = p.tokens[a]!;
  return !prev || prev.sentence !== t.sentence || /[,;:—–―(]|\s-|-\s/.test(p.text.slice(prev.end, t.start)) || links.has(prev.lower);
}

export function buildDocument(paragraphs: string[], quotes: QuoteText[]): DocParagraph[] {
  const ranges: DocParagraph['quoteRanges'][] = paragraphs.map(() => []);
  quotes.forEach((q, qi) => {
    for (const part of q.span.parts) {
      const start = part.openMark >= 0 ? part.openMark : 0;
      const text = paragraphs[part.paragraph]!;
      // A closing `''` (two apostrophes for one double mark: quote-marks.ts) ends after its second apostrophe.
      const end = part.closeMark < 0 ? text.length : part.closeMark + (text.startsWith("''", part.closeMark) ? 2 : 1);
      ranges[part.paragraph]!.push({ start, end, quote: qi });
    }
  });
  return paragraphs.map((text, index) => {
    const quoteRanges = ranges[index]!.sort((a, b) => a.start - b.start);
    const sentences = splitSentences(text, quoteRanges.map((r) => [r.start, r.end] as [number, number]));
    const tokens = tokenize(text);
    let s = 0;
    let r = 0;
    let wordsOutsideQuotes = false;
    for (const t of tokens) {
      while (s < sentences.length - 1 && t.start >= sentences[s]!.end) s++;
      t.sentence = s;
      while (r < quoteRanges.length && quoteRanges[r]!.end <= t.start) r++;
      const range = quoteRanges[r];
      t.quoted = range !== undefined && t.start >= range.start && t.start < range.end;
      if (!t.quoted) wordsOutsideQuotes = true;
    }
    return { index, text, tokens, sentences, quoteRanges, wordsOutsideQuotes };
  });
}
