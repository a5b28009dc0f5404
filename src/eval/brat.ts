/**
 * Reads brat standoff annotations (the PolNeAR layout: `T1<TAB>Source 201 220<TAB>text`, `E1<TAB>Attribution:T4
 * Content:T3 Cue:T2 Source:T1`). Offsets are UTF-16 code units of the .txt (end exclusive); a span broken in pieces
 * has `start end;start end`. A malformed line is an error naming the file and line: a scorer that silently skips
 * annotations would report figures on a different corpus than it claims.
 */
export interface BratSpan {
  id: string;
  type: string;
  pieces: Array<[number, number]>;
  text: string;
}

export interface BratRelation {
  id: string;
  /** role → span id, e.g. { Source: 'T1', Content: 'T3', Cue: 'T2', Attribution: 'T4' } */
  args: Record<string, string>;
}

export interface BratDocument {
  spans: Map<string, BratSpan>;
  relations: BratRelation[];
}

export function readBrat(ann: string, file = 'annotations'): BratDocument {
  const spans = new Map<string, BratSpan>();
  const relations: BratRelation[] = [];
  const lines = ann.split(/\r?\n/);
  let lastWasSpan = false;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    // A span whose text holds a line break goes on over the next lines (some PolNeAR files); the scorer reads a
    // span's words from the article by its offsets, so the rest of that text is not needed.
    if (lastWasSpan && !/^[A-Z#]\d*\t/.test(line)) return;
    lastWasSpan = line.startsWith('T');
    const [id, body, text] = line.split('\t');
    if (!id || body === undefined) throw new Error(`${where}: expected "ID<TAB>annotation", got ${JSON.stringify(line.slice(0, 60))}`);
    if (id.startsWith('T')) {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(body);
      if (!m) throw new Error(`${where}: span ${id} has no "Type start end": ${JSON.stringify(body)}`);
      const pieces = m[2]!.split(';').map((p) => p.split(' ').map(Number) as [number, number]);
      if (pieces.some(([s, e]) => e < s)) throw new Error(`${where}: span ${id} ends before it starts`);
      spans.set(id, { id, type: m[1]!, pieces, text: text ?? '' });
    } else if (id.startsWith('E') || id.startsWith('R')) {
      const args: Record<string, string> = {};
      for (const part of body.trim().split(/\s+/)) {
        const [role, ref] = part.split(':');
        if (!role || !ref) throw new Error(`${where}: relation ${id} has an argument without "Role:Id": ${JSON.stringify(part)}`);
        args[role] = ref;
      }
      relations.push({ id, args });
    }
    // Other brat lines (notes "#", attributes "A", normalisations "N") carry nothing the scorer uses.
  });
  for (const r of relations) {
    for (const [role, ref] of Object.entries(r.args)) {
      if (!spans.has(ref)) throw new Error(`${file}: relation ${r.id} names ${role}:${ref}, which is not a span of the file`);
    }
  }
  return { spans, relations };
}

/** The span's own words, read from the article (pieces joined by a space), so its text never depends on the .ann's copy. */
export const spanText = (text: string, span: BratSpan): string => span.pieces.map(([s, e]) => text.slice(s, e)).join(' ');
