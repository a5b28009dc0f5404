/**
 * Whether two texts that land on one slug are versions of one story (a correction, a wire write-through) or two
 * stories that happen to share a headline or the first words of their lead. Told by the paragraphs they share, from a
 * MinHash sketch: 16 numbers per text, so a run of any size can remember every slug it wrote.
 */
const SLOTS = 16;
const SEEDS = Array.from({ length: SLOTS }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** For each slot, the least of the paragraphs' hashes under that slot's mix. */
export function paragraphSketch(paragraphs: string[]): Uint32Array {
  const sketch = new Uint32Array(SLOTS).fill(0xffffffff);
  for (const p of paragraphs) {
    const h = fnv1a(p.trim());
    for (let i = 0; i < SLOTS; i++) {
      const x = Math.imul(h ^ SEEDS[i]!, 0x85ebca6b) >>> 0;
      const mixed = (x ^ (x >>> 13)) >>> 0;
      if (mixed < sketch[i]!) sketch[i] = mixed;
    }
  }
  return sketch;
}

/** About the share of paragraphs the two texts have in common (Jaccard): 1 for the same paragraphs, 0 for none. */
export function sharedParagraphs(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SLOTS; i++) if (a[i] === b[i]) same++;
  return same / SLOTS;
}

/** Versions of one story share at least this share of their paragraphs; two stories share none. */
export const SAME_STORY = 0.4;
