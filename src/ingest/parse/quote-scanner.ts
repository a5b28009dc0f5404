import { findMarks, type Family, type Mark } from './quote-marks.ts';
import type { Warnings } from './parse-error.ts';

/** One paragraph's share of a quotation: the raw content between the marks (or to the paragraph's end). */
export interface QuotePart {
  paragraph: number; // 0-based index
  contentStart: number;
  contentEnd: number;
  /** Offset of the opening mark, or -1 when the part continues a quote from the previous paragraph. */
  openMark: number;
  /** Offset of the closing mark, or -1 when the part runs to the paragraph's end. */
  closeMark: number;
}

export interface QuoteSpan {
  family: Family;
  parts: QuotePart[];
  closed: boolean;
}

interface Open {
  family: Family;
  parts: QuotePart[];
  openMark: number;
  contentStart: number;
  /** A possessive-looking closer skipped in this paragraph ("benefits’ for"): the close if no other mark comes. */
  skipped?: number;
}

/**
 * UK house style uses single marks as the primary quotation marks. The article is single-primary when its clear opening
 * single marks outnumber its opening double marks (in US style singles appear only nested, so they never outnumber).
 */
export function detectSinglePrimary(marksByParagraph: Mark[][]): boolean {
  let singles = 0;
  let doubles = 0;
  for (const marks of marksByParagraph) {
    for (const m of marks) {
      if (m.family === 'single' && m.canOpen && !m.canClose) singles++;
      else if (m.family === 'double' && m.canOpen) doubles += m.canClose ? 0.5 : 1;
    }
  }
  return singles > doubles;
}

/** Ends the open quotation in paragraph `pi` at `end` (its closing mark, or -1 when it has none) and records it. */
function closeAt(spans: QuoteSpan[], o: Open, pi: number, end: number, closeMark: number): void {
  o.parts.push({ paragraph: pi, contentStart: o.contentStart, contentEnd: end, openMark: o.openMark, closeMark });
  spans.push({ family: o.family, parts: o.parts, closed: closeMark >= 0 });
}

/**
 * Pairs quotation marks paragraph by paragraph in one pass. A quote left open at a paragraph's end continues when the next
 * paragraph opens with a mark of the same family (newspaper convention); otherwise it ends at the paragraph's end with a
 * warning. Inside a quote, marks of the other family are nested quotes and ignored.
 */
export function scanQuotes(paragraphs: string[], warnings: Warnings): QuoteSpan[] {
  const marksBy = paragraphs.map(findMarks);
  const singlePrimary = detectSinglePrimary(marksBy);
  const primary: Family = singlePrimary ? 'single' : 'double';
  const spans: QuoteSpan[] = [];
  let carried: Open | null = null;

  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p = paragraphs[pi]!;
    const marks = marksBy[pi]!;
    // Next closing-capable single mark and next double mark after each position, so a secondary-family single mark
    // opens a quote only when its partner exists (otherwise it is an apostrophe) — decided without backtracking.
    const nextSingleClose = new Array<number>(marks.length + 1).fill(Infinity);
    const nextDouble = new Array<number>(marks.length + 1).fill(Infinity);
    for (let k = marks.length - 1; k >= 0; k--) {
      const m = marks[k]!;
      nextSingleClose[k] = m.family === 'single' && m.canClose ? k : nextSingleClose[k + 1]!;
      nextDouble[k] = m.family === 'double' ? k : nextDouble[k + 1]!;
    }

    let open: Open | null = null;
    let k = 0;
    if (carried !== null) {
      const c: Open = carried;
      open = { family: c.family, parts: c.parts, openMark: -1, contentStart: 1 };
      k = 1; // the continuation's opening mark at offset 0
      carried = null;
    }

    for (; k < marks.length; k++) {
      const m = marks[k]!;
      if (!open) {
        if (!m.canOpen) continue;
        if (m.family === 'single' && !singlePrimary && !(nextSingleClose[k + 1]! < nextDouble[k + 1]!)) continue;
        open = { family: m.family, parts: [], openMark: m.index, contentStart: m.index + (m.width ?? 1) };
        continue;
      }
      if (m.family !== open.family) continue;
      if (m.canClose && !(m.canOpen && !m.canClose)) {
        // "the players’ union" inside a single-quoted quotation: skip it when a later mark can close instead.
        if (m.possessiveLike && nextSingleClose[k + 1]! < Infinity) {
          open.skipped ??= m.index;
          continue;
        }
        closeAt(spans, open, pi, m.index, m.index);
        open = null;
      } else if (m.canOpen && m.family === primary && open.skipped !== undefined) {
        // "had ‘measurable benefits’ for health. ‘We’ve seen it,’ she said": the skipped `s’` was the closer after all.
        closeAt(spans, open, pi, open.skipped, open.skipped);
        open = { family: m.family, parts: [], openMark: m.index, contentStart: m.index + (m.width ?? 1) };
      } else if (m.canOpen && m.family === primary) {
        // A fresh opening mark while one is open: the earlier quote lost its closing mark.
        const at = open.openMark + 1;
        warnings.add(() => `paragraph ${pi + 1}: a quotation opened at character ${at} has no closing mark before the next quotation`);
        closeAt(spans, open, pi, m.index, -1);
        open = { family: m.family, parts: [], openMark: m.index, contentStart: m.index + (m.width ?? 1) };
      }
    }

    if (open) {
      const next = paragraphs[pi + 1];
      const nextFirst = next === undefined ? undefined : marksBy[pi + 1]![0];
      if (next !== undefined && nextFirst && nextFirst.index === 0 && nextFirst.canOpen && nextFirst.family === open.family) {
        open.parts.push({ paragraph: pi, contentStart: open.contentStart, contentEnd: p.length, openMark: open.openMark, closeMark: -1 });
        carried = open;
      } else if (open.skipped !== undefined) {
        closeAt(spans, open, pi, open.skipped, open.skipped);
      } else {
        const at = open.openMark >= 0 ? `character ${open.openMark + 1}` : 'the start';
        warnings.add(() => `paragraph ${pi + 1}: a quotation opened at ${at} is never closed; it is taken to run to the end of the paragraph`);
        closeAt(spans, open, pi, p.length, -1);
      }
    }
  }
  return spans;
}
