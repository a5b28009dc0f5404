import type { Tx } from '../db/client.ts';

/**
 * Paragraph positions are unique per article and both databases check that unique key row by row during an
 * UPDATE, so "position = position + 1" over a range can collide with a neighbour half-way. Rows are moved through
 * a temporary range far above any real position first, then back to their final place: no step ever collides.
 */
const PARKING = 1_000_000_000;

/** Moves positions ≥ from by `delta` (+1 to open a gap, -1 to close one). */
export async function shiftPositions(tx: Tx, articleId: number, from: number, delta: 1 | -1): Promise<void> {
  const moved = await tx.paragraph.updateMany({
    where: { articleId, position: { gte: from, lt: PARKING } },
    data: { position: { increment: PARKING } },
  });
  if (moved.count === 0) return;
  await tx.paragraph.updateMany({
    where: { articleId, position: { gte: PARKING } },
    data: { position: { decrement: PARKING - delta } },
  });
}

/** Parks every paragraph of the article, so each can then be set to any final position without a clash. */
export async function parkAll(tx: Tx, articleId: number): Promise<void> {
  await tx.paragraph.updateMany({ where: { articleId }, data: { position: { increment: PARKING } } });
}
