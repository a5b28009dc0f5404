import type { Tx } from '../db/client.ts';
import type { RevisionInput } from '../history/record-revision.ts';
import { eventTypeOf } from './events.ts';
import {
  type ArticleEventData,
  type PersonEventData,
  type PlannedDelivery,
  type PlannedEvent,
  type Subscriber,
  articleEventData,
  deliveriesOf,
  orderingKeyOfEvent,
  payloadOf,
  planEvent,
  toSubscriber,
} from './outbox-rows.ts';

/**
 * Writes the outbox rows for these history entries (recordRevision's), inside the transaction that makes the change:
 * an event row for each entry that announces one and has a subscriber (planEvent, as the ingest's planner does),
 * and a pending delivery for each endpoint that subscribes to it. The change and its deliveries commit together or
 * not at all; the delivery worker (deliver-webhooks.ts) sends them afterwards.
 */
export async function emitEvents(tx: Tx, inputs: RevisionInput[]): Promise<void> {
  if (!inputs.some((input) => eventTypeOf(input))) return;
  const subscribers = await readSubscribers(tx);
  if (!subscribers.length) return;
  const events: PlannedEvent[] = [];
  for (const input of inputs) {
    // Read only for an entry that makes an event; planEvent's rows are written after the loop.
    let data: ArticleEventData | PersonEventData | undefined;
    const event = planEvent(input, { type: input.entityType, ref: { id: input.entityId } }, subscribers, () => data!);
    if (!event) continue;
    data = await eventData(tx, input);
    events.push(event);
  }
  await writeOutbox(tx, events, deliveriesOf(events));
}

/**
 * The enabled endpoints, read in the writer's transaction so an endpoint registered before the commit is seen (a
 * handful of rows at most). The bulk ingest reads the same per batch (BulkConnection.lookup).
 */
export async function readSubscribers(tx: Tx): Promise<Subscriber[]> {
  const rows = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, events: true }, orderBy: { id: 'asc' } });
  return rows.map(toSubscriber);
}

/** Planned outbox rows through Prisma: one statement for the events, one for their deliveries. */
export async function writeOutbox(tx: Tx, events: PlannedEvent[], deliveries: PlannedDelivery[]): Promise<void> {
  if (!events.length) return;
  const created = await tx.webhookEvent.createManyAndReturn({
    data: events.map((e) => ({ messageId: e.messageId, type: e.type, payload: JSON.parse(JSON.stringify(payloadOf(e))) })),
    select: { id: true, messageId: true },
  });
  const byMessage = new Map(created.map((c) => [c.messageId, c.id]));
  for (const e of events) e.id = byMessage.get(e.messageId)!;
  await tx.webhookDelivery.createMany({ data: deliveries.map((d) => ({ endpointId: d.endpointId, eventId: d.event.id, orderingKey: orderingKeyOfEvent(d.event) })) });
}

async function eventData(tx: Tx, input: RevisionInput): Promise<ArticleEventData | PersonEventData> {
  if (input.entityType === 'person') {
    const merged = (input.before as { merged?: { id?: unknown } } | null | undefined)?.merged?.id;
    return { personId: input.entityId, mergedPersonId: typeof merged === 'number' ? merged : null, version: input.version ?? null, actor: input.actor.name, action: input.action };
  }
  const row = await tx.article.findUnique({ where: { id: input.entityId }, select: { slug: true, status: true, version: true } });
  // A deleted article is described by what history kept of it (its snapshot), when the row itself is gone.
  return articleEventData(input, input.entityId, (row ?? input.before ?? {}) as Record<string, unknown>);
}
