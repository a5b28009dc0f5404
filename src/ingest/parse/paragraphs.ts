import type { Line } from './hygiene.ts';

export interface RawParagraph {
  text: string;
  /** First input line of the paragraph, for messages. */
  line: number;
}

/** Blank lines separate paragraphs; lines within one are joined by a space (hard-wrapped text is one paragraph). */
export function splitParagraphs(lines: Line[], from: number, to: number): RawParagraph[] {
  const out: RawParagraph[] = [];
  let buf: string[] = [];
  let first = 0;
  for (let i = from; i < to; i++) {
    const { text, n } = lines[i]!;
    if (text === '') {
      if (buf.length) out.push({ text: buf.join(' '), line: first });
      buf = [];
      continue;
    }
    if (!buf.length) first = n;
    buf.push(text);
  }
  if (buf.length) out.push({ text: buf.join(' '), line: first });
  return out;
}
