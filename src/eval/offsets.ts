/**
 * Maps the parser's offsets (a UTF-16 offset in one of its paragraphs) back to offsets of the file it read. The parser
 * collapses whitespace, joins a paragraph's lines and drops paragraphs (masthead, captions), so a paragraph's text is
 * not a slice of the file. Without whitespace it is: each paragraph is found in the file's non-whitespace characters,
 * in reading order from where the previous one ended, and an offset maps through the count of non-whitespace
 * characters before it. A paragraph that cannot be found (a parser rewrite of its characters) maps to null.
 */
interface Squeezed {
  chars: string;
  /** original offset of each kept character */
  at: number[];
}

const squeeze = (s: string): Squeezed => {
  let chars = '';
  const at: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (/\s/u.test(s[i]!)) continue;
    chars += s[i];
    at.push(i);
  }
  return { chars, at };
};

export class OffsetMap {
  private readonly file: Squeezed;
  /** for each parser paragraph: its squeezed form and the index in the file's squeezed text where it starts, or -1 */
  private readonly paragraphs: Array<{ sq: Squeezed; from: number }>;

  constructor(fileText: string, paragraphTexts: string[]) {
    this.file = squeeze(fileText);
    let cursor = 0;
    this.paragraphs = paragraphTexts.map((t) => {
      const sq = squeeze(t);
      let from = this.file.chars.indexOf(sq.chars, cursor);
      if (from < 0) from = this.file.chars.indexOf(sq.chars);
      if (from >= 0) cursor = from + sq.chars.length;
      return { sq, from };
    });
  }

  /** File offset of `offset` in paragraph `index` (0-based); `end` maps an exclusive end offset. */
  fileOffset(index: number, offset: number, end = false): number | null {
    const p = this.paragraphs[index];
    if (!p || p.from < 0) return null;
    // The number of non-whitespace characters before the offset (or, for an end, up to it).
    let k = 0;
    while (k < p.sq.at.length && p.sq.at[k]! < offset) k++;
    if (end) return k === 0 ? this.file.at[p.from]! : this.file.at[p.from + k - 1]! + 1;
    if (k >= p.sq.at.length) return this.file.at[p.from + p.sq.at.length - 1]! + 1;
    return this.file.at[p.from + k]!;
  }
}
