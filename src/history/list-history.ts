import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { decodeCursor, encodeCursor, page } from '../http/cursor.ts';
import { DateTime } from '../http/schemas.ts';
import type { EntityType } from './record-revision.ts';

export const Revision = z
  .object({
    id: z.number().int(),
    action: z.string().meta({ example: 'quote.update' }),
    actor: z.string().meta({ description: 'the token name of the editor, or "ingest"/"seed"' }),
    version: z.number().int().nullable().meta({ description: 'the entity’s version after the change' }),
    before: z.unknown().meta({ description: 'what changed, as it was (null for creations)' }),
    after: z.unknown().meta({ description: 'what changed, as it became (null for deletions)' }),
    createdAt: DateTime,
  })
  .meta({ id: 'Revision' });
export type Revision = z.infer<typeof Revision>;

/** Newest first, keyset on the revision id (its (entity_type, entity_id, id) index serves this exactly). */
export async function listHistory(db: Db, entityType: EntityType, entityId: number, input: { cursor?: string; limit: number }): Promise<{ data: Revision[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor, 'history') : null;
  const rows = await db.revision.findMany({
    where: { entityType, entityId, ...(after ? { id: { lt: after.id } } : {}) },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    select: { id: true, action: true, actor: true, version: true, before: true, after: true, createdAt: true },
  });
  const result = page(rows, input.limit, (last) => encodeCursor('history', null, last.id));
  return {
    data: result.data.map((r) => ({ ...r, before: r.before ?? null, after: r.after ?? null, createdAt: r.createdAt.toISOString() })),
    nextCursor: result.nextCursor,
  };
}

/** History outlives what it describes: a deleted entity still has its history; one that never existed has none. */
export async function hasHistory(db: Db, entityType: EntityType, entityId: number): Promise<boolean> {
  return (await db.revision.findFirst({ where: { entityType, entityId }, select: { id: true } })) !== null;
}
