import crypto from 'node:crypto';
import type { Tx } from '../db/client.ts';
import type { RevisionInput } from '../history/record-revision.ts';
import { type EventOf, type EventType, eventOf } from './events.ts';

/** The JSON body every receiver gets (Standard Webhooks: type, timestamp, data). */
export interface EventPayload {
  type: EventType;
  timestamp: string;
  data: ArticleEventData | PersonEventData;
}

export interface ArticleEventData {
  articleId: number;
  slug: string | null;
  /** the article's version after the change (its ETag's number); for a deletion, its last version */
  version: number | null;
  status: string | null;
  actor: string;
  /** the history entry's action ("paragraph.update", "article.publish-scheduled", …) */
  action: string;
}

export interface PersonEventData {
  personId: number;
  /** the person merged away into personId */
  mergedPersonId: number | null;
  version: number | null;
  actor: string;
  action: string;
}

/**
 * Writes the outbox rows for these history entries, inside the transaction that makes the change: an event row
 * for each entry that announces one and has a subscriber, and a pending delivery for each enabled endpoint that
 * subscribes to it. The change and its deliveries commit together or not at all; the delivery worker
 * (deliver-webhooks.ts) sends them afterwards. With no endpoint subscribed nothing is written (an endpoint receives
 * the events of changes made after it was registered).
 */
export async function emitEvents(tx: Tx, inputs: RevisionInput[]): Promise<void> {
  const events = inputs.flatMap((input) => {
    const event = eventOf(input);
    return event ? [{ input, event }] : [];
  });
  if (!events.length) return;
  // A handful of rows at most; read in this transaction so an endpoint registered before the commit is seen.
  const endpoints = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, events: true }, orderBy: { id: 'asc' } });
  if (!endpoints.length) return;
  for (const { input, event } of events) {
    const targets = endpoints.filter((e) => Array.isArray(e.events) && e.events.includes(event.type));
    if (!targets.length) continue;
    const payload: EventPayload = { type: event.type, timestamp: new Date().toISOString(), data: await eventData(tx, input, event) };
    const row = await tx.webhookEvent.create({
      data: { messageId: `msg_${crypto.randomUUID()}`, type: event.type, payload: JSON.parse(JSON.stringify(payload)) },
      select: { id: true },
    });
    await tx.webhookDelivery.createMany({ data: targets.map((t) => ({ endpointId: t.id, eventId: row.id, orderingKey: event.orderingKey })) });
  }
}

async function eventData(tx: Tx, input: RevisionInput, event: EventOf): Promise<ArticleEventData | PersonEventData> {
  if (event.type === 'person.merged') {
    const merged = (input.before as { merged?: { id?: unknown } } | null | undefined)?.merged?.id;
    return { personId: input.entityId, mergedPersonId: typeof merged === 'number' ? merged : null, version: input.version ?? null, actor: input.actor.name, action: input.action };
  }
  const row = await tx.article.findUnique({ where: { id: input.entityId }, select: { slug: true, status: true, version: true } });
  // A deleted article is described by what history kept of it (its snapshot), when the row itself is gone.
  const kept = (row ?? input.before ?? {}) as { slug?: unknown; status?: unknown; version?: unknown };
  return {
    articleId: input.entityId,
    slug: typeof kept.slug === 'string' ? kept.slug : null,
    version: input.version ?? (typeof kept.version === 'number' ? kept.version : null),
    status: typeof kept.status === 'string' ? kept.status : null,
    actor: input.actor.name,
    action: input.action,
  };
}
