import type { Tx } from '../db/client.ts';
import { dialectOf } from '../db/dialect.ts';
import { Prisma } from '../generated/sqlite/client.ts';
import { emitEvents } from '../webhooks/emit-events.ts';
import { type ArticleSnapshot, loadArticleSnapshot } from './article-snapshot.ts';

export type EntityType = 'article' | 'person';

/** Who makes a change: an API token's editor, or a command-line tool ("ingest"). */
export interface Actor {
  name: string;
  tokenId?: number | null;
}

export interface RevisionInput {
  entityType: EntityType;
  entityId: number;
  /**
   * dotted verb: "article.create", "paragraph.update", "quote.delete", "person.merge", "ingest.update",
   * "article.delete" (to the trash), "article.restore", "article.purge", "article.revision.restore", …
   */
  action: string;
  actor: Actor;
  /** the entity's version after the change */
  version?: number | null;
  before?: unknown;
  after?: unknown;
  /**
   * Articles: the content as it stands after the change, for GET /api/articles/:id/revisions/:n. Left out, it is read
   * from the tables (in this transaction, after the change); 'unchanged' for entries that move the version without
   * changing the content (the trash and back) — a version without a snapshot reads as the newest one before it.
   */
  snapshot?: ArticleSnapshot | 'unchanged';
}

/** A revisions row, its JSON columns as JSON text: what every writer stores for one history entry. */
export interface RevisionRow {
  entityType: EntityType;
  entityId: number;
  action: string;
  actor: string;
  tokenId: number | null;
  version: number | null;
  before: string | null;
  after: string | null;
  snapshot: string | null;
}

/**
 * The one description of a history entry. Both writers store exactly this: recordRevision below (Prisma, every API
 * write and the per-article import) and the bulk ingest, whose planner calls it per article
 * (src/ingest/bulk/plan-batch.ts) and writes the rows set-based. The event a history entry announces is planned
 * beside it the same way on both paths (planEvent in src/webhooks/outbox-rows.ts): recordRevision through
 * emitEvents, the planner next to this row.
 */
export function revisionRow(input: Omit<RevisionInput, 'snapshot'> & { snapshot: ArticleSnapshot | null }): RevisionRow {
  return {
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    actor: input.actor.name,
    tokenId: input.actor.tokenId ?? null,
    version: input.version ?? null,
    before: toJsonText(input.before),
    after: toJsonText(input.after),
    snapshot: toJsonText(input.snapshot),
  };
}

/**
 * Appends one history entry: the single entry point for every write made through Prisma. Always called inside the
 * transaction that makes the change, after it, so a change and its history entry are written together or not at
 * all, and the snapshot read here is the content the change left.
 */
export async function recordRevision(tx: Tx, input: RevisionInput): Promise<void> {
  const snapshot =
    input.entityType !== 'article' || input.version == null || input.snapshot === 'unchanged'
      ? null
      : (input.snapshot ?? (await loadArticleSnapshot(tx, input.entityId)));
  await storeRevisionRows(tx, [revisionRow({ ...input, snapshot })]);
  await emitEvents(tx, [input]);
}

/**
 * Revision rows, for recordRevision and the per-article import's planned rows (write-planned-rows.ts). In SQL, with the
 * JSON as the text revisionRow made (as the bulk ingest stores it): through the model, Prisma walked and copied the
 * snapshot of a long article (1 MB of JSON for 2,000 paragraphs) on the calling thread for 0.4–1 s on a busy machine,
 * holding every other request (issue 21); the text as one parameter takes a tenth.
 */
export async function storeRevisionRows(tx: Tx, rows: RevisionRow[]): Promise<void> {
  const json = (text: string | null) => (text !== null && dialectOf(tx) === 'postgresql' ? Prisma.sql`CAST(${text} AS jsonb)` : Prisma.sql`${text}`);
  for (const row of rows) {
    await tx.$executeRaw`
      INSERT INTO "revisions" ("entity_type", "entity_id", "action", "actor", "token_id", "version", "before", "after", "snapshot", "created_at")
      VALUES (${row.entityType}, ${row.entityId}, ${row.action}, ${row.actor}, ${row.tokenId}, ${row.version},
              ${json(row.before)}, ${json(row.after)}, ${json(row.snapshot)}, ${new Date()})`;
  }
}

// Dates and other non-JSON values become their JSON form; undefined and null become SQL NULL.
function toJsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

