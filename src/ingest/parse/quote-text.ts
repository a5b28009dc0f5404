import type { QuoteSpan } from './quote-scanner.ts';

export interface QuoteText {
  span: QuoteSpan;
  text: string;
  /** 0-based first and last paragraph. */
  firstParagraph: number;
  lastParagraph: number;
  start: number;
  end: number;
  /** Raw content ended with sentence punctuation inside the marks (“… Russia,”) — a hint the quote is a full statement. */
  endsWithPunct: boolean;
}

const HAS_WORD = /[\p{L}\p{N}]/u;

function trimRange(p: string, s: number, e: number): [number, number] {
  while (s < e && p.charCodeAt(s) === 32) s++;
  while (e > s && p.charCodeAt(e - 1) === 32) e--;
  return [s, e];
}

/**
 * Turns scanned spans into quote texts with exact offsets. The trailing comma or full stop inside the closing mark is
 * punctuation of the surrounding sentence, not of the speaker, so it is dropped; "?" and "!" are kept.
 */
export function quoteTexts(spans: QuoteSpan[], paragraphs: string[]): QuoteText[] {
  const out: QuoteText[] = [];
  for (const span of spans) {
    const pieces: { p: number; s: number; e: number }[] = [];
    let endsWithPunct = false;
    span.parts.forEach((part, idx) => {
      const p = paragraphs[part.paragraph]!;
      let [s, e] = trimRange(p, part.contentStart, part.contentEnd);
      if (idx === span.parts.length - 1) {
        endsWithPunct = e > s && /[.,!?…—–―:;]/.test(p[e - 1]!);
        if (e > s && (p[e - 1] === ',' || p[e - 1] === '.') && p.slice(e - 3, e) !== '...') [s, e] = trimRange(p, s, e - 1);
      }
      if (e > s) pieces.push({ p: part.paragraph, s, e });
    });
    if (!pieces.length) continue;
    const text = pieces.map((x) => paragraphs[x.p]!.slice(x.s, x.e)).join('\n');
    if (!HAS_WORD.test(text)) continue;
    const first = pieces[0]!, last = pieces[pieces.length - 1]!;
    out.push({ span, text, firstParagraph: first.p, lastParagraph: last.p, start: first.s, end: last.e, endsWithPunct });
  }
  return out;
}
