import type { Line } from './hygiene.ts';

export interface RawParagraph {
  text: string;
  /** First input line of the paragraph, for messages. */
  line: number;
}

/** A line of a contact block, an address or a list: short, and opening with a capital, a digit or a symbol, or an e-mail or web address. */
const BLOCK_LINE_MAX = 50;
const isBlockLine = (line: string): boolean => line.length <= BLOCK_LINE_MAX && (!/^\p{Ll}/u.test(line) || /^\S+(?:@|:\/\/|www\.)\S+$/.test(line));

/**
 * Joins a paragraph's lines. Hard-wrapped prose is one paragraph, its lines joined by a space. A block of short lines
 * that each open with a capital ("Media Contact:" / "Sarah Lin" / "Northwind Analytics") keeps its line breaks: joined,
 * a name and the company under it would read as one name. Wrapped prose has long lines, or lines that open in lower case.
 */
function joinLines(lines: string[]): string {
  return lines.length >= 2 && lines.every(isBlockLine) ? lines.join('\n') : lines.join(' ');
}

/** Blank lines separate paragraphs; lines within one are joined (joinLines). */
export function splitParagraphs(lines: Line[], from: number, to: number): RawParagraph[] {
  const out: RawParagraph[] = [];
  let buf: string[] = [];
  let first = 0;
  for (let i = from; i < to; i++) {
    const { text, n } = lines[i]!;
    if (text === '') {
      if (buf.length) out.push({ text: joinLines(buf), line: first });
      buf = [];
      continue;
    }
    if (!buf.length) first = n;
    buf.push(text);
  }
  if (buf.length) out.push({ text: joinLines(buf), line: first });
  return out;
}
