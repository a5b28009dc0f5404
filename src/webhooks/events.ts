import type { RevisionInput } from '../history/record-revision.ts';

/** What receivers can subscribe to. Each history entry (record-revision.ts) becomes at most one of these. */
export const EVENT_TYPES = [
  'article.created',
  'article.updated',
  'article.published',
  'article.unpublished',
  'article.deleted',
  'article.restored',
  'article.purged',
  'person.merged',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const ARTICLE_ACTIONS: Record<string, EventType> = {
  'article.create': 'article.created',
  'article.fill-stub': 'article.created',
  'ingest.create': 'article.created',
  'article.delete': 'article.deleted',
  'article.restore': 'article.restored',
  'article.purge': 'article.purged',
};

/** What of a history entry decides its event: known before the entity has an id (the bulk ingest plans first). */
export type EventSource = Pick<RevisionInput, 'entityType' | 'action' | 'before' | 'after'>;

/**
 * The event a history entry announces, or null. On an article: a change of status to or from published is
 * article.published / article.unpublished whatever the action (an editor's PATCH, the schedule, a revision restored,
 * an import whose text gives another status); creations, deletions, restores and purges have their own events; every
 * other change to the article or anything in it (paragraphs, quotes, people, related links, a re-ingest, a person
 * merged into it) is article.updated. On a person: only a merge (person.merge on the person kept) is announced.
 */
export function eventTypeOf(input: EventSource): EventType | null {
  if (input.entityType === 'person') return input.action === 'person.merge' ? 'person.merged' : null;
  const from = statusIn(input.before);
  const to = statusIn(input.after);
  if (to === 'published' && from !== undefined && from !== 'published') return 'article.published';
  if (from === 'published' && to !== undefined && to !== 'published') return 'article.unpublished';
  return ARTICLE_ACTIONS[input.action] ?? 'article.updated';
}

/** Deliveries with the same key reach a receiver in the order their changes were committed. */
export const orderingKeyOf = (entityType: RevisionInput['entityType'], entityId: number) => `${entityType}:${entityId}`;

function statusIn(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || !('status' in value)) return undefined;
  const status = (value as { status: unknown }).status;
  return typeof status === 'string' ? status : undefined;
}
