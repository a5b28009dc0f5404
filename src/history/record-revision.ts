import type { Tx } from '../db/client.ts';
import { emitEvents } from '../webhooks/emit-events.ts';

export type EntityType = 'article' | 'person';

/** Who makes a change: an API token's editor, or a command-line tool ("ingest"). */
export interface Actor {
  name: string;
  tokenId?: number | null;
}

export interface RevisionInput {
  entityType: EntityType;
  entityId: number;
  /** dotted verb: "article.create", "paragraph.update", "quote.delete", "person.merge", "ingest.update", … */
  action: string;
  actor: Actor;
  /** the entity's version after the change */
  version?: number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one history entry, and the webhook event it announces (src/webhooks/emit-events.ts). Always called inside
 * the transaction that makes the change, so a change, its history entry and its event are written together or not
 * at all.
 */
export async function recordRevision(tx: Tx, input: RevisionInput): Promise<void> {
  await tx.revision.create({
    data: {
      entityType: input.entityType,
      entityId: input.entityId,
      action: input.action,
      actor: input.actor.name,
      tokenId: input.actor.tokenId ?? null,
      version: input.version ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
    },
  });
  await emitEvents(tx, [input]);
}

// Dates and other non-JSON values become their JSON form; undefined becomes SQL NULL.
function toJson(value: unknown) {
  return value === undefined || value === null ? undefined : JSON.parse(JSON.stringify(value));
}
