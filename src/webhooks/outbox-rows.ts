import crypto from 'node:crypto';
import type { EntityType, RevisionInput } from '../history/record-revision.ts';
import { type EventSource, type EventType, eventTypeOf, orderingKeyOf } from './events.ts';

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

/** An enabled endpoint and the event types it takes. */
export interface Subscriber {
  id: number;
  events: readonly string[];
}

/** An endpoint row as a subscriber; `events` is JSON (text when read without Prisma, from SQLite). */
export function toSubscriber(row: { id: number; events: unknown }): Subscriber {
  const events = typeof row.events === 'string' ? (JSON.parse(row.events) as unknown) : row.events;
  return { id: row.id, events: Array.isArray(events) ? events.filter((e): e is string => typeof e === 'string') : [] };
}

/**
 * One outbox row (webhook_events) and the endpoints it goes to (a webhook_deliveries row each). The entity's id may
 * be allocated after planning (the bulk ingest's rows get theirs before they are written): `entity.ref.id` and
 * `data()` are read when the row is written.
 */
export interface PlannedEvent {
  /** 0 until allocated */
  id: number;
  /** the idempotency id sent as webhook-id */
  messageId: string;
  type: EventType;
  timestamp: string;
  entity: { type: EntityType; ref: { id: number } };
  endpointIds: number[];
  data(): ArticleEventData | PersonEventData;
}

export interface PlannedDelivery {
  event: PlannedEvent;
  endpointId: number;
}

/**
 * The outbox row a history entry makes, for every writer: recordRevision's (emit-events.ts) and the ingest's
 * planner (src/ingest/bulk/plan-batch.ts, beside the revision row). Null when the entry announces nothing
 * (eventTypeOf) or no enabled endpoint subscribes to its event: an endpoint receives the events of changes made
 * after it was registered.
 */
export function planEvent(
  input: EventSource,
  entity: PlannedEvent['entity'],
  subscribers: readonly Subscriber[],
  data: PlannedEvent['data'],
): PlannedEvent | null {
  const type = eventTypeOf(input);
  if (!type) return null;
  const endpointIds = subscribers.filter((s) => s.events.includes(type)).map((s) => s.id);
  if (!endpointIds.length) return null;
  return { id: 0, messageId: `msg_${crypto.randomUUID()}`, type, timestamp: new Date().toISOString(), entity, endpointIds, data };
}

export const deliveriesOf = (events: PlannedEvent[]): PlannedDelivery[] => events.flatMap((event) => event.endpointIds.map((endpointId) => ({ event, endpointId })));

export const orderingKeyOfEvent = (e: PlannedEvent) => orderingKeyOf(e.entity.type, e.entity.ref.id);

export const payloadOf = (e: PlannedEvent): EventPayload => ({ type: e.type, timestamp: e.timestamp, data: e.data() });

/** What an article event says, from the entry and the article as the change left it. */
export function articleEventData(
  input: Pick<RevisionInput, 'action' | 'actor' | 'version'>,
  articleId: number,
  article: { slug?: unknown; status?: unknown; version?: unknown },
): ArticleEventData {
  return {
    articleId,
    slug: typeof article.slug === 'string' ? article.slug : null,
    version: input.version ?? (typeof article.version === 'number' ? article.version : null),
    status: typeof article.status === 'string' ? article.status : null,
    actor: input.actor.name,
    action: input.action,
  };
}
