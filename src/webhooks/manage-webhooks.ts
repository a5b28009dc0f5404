import crypto from 'node:crypto';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { decodeCursor, encodeCursor, page } from '../http/cursor.ts';
import { toIso } from '../http/schemas.ts';
import { isPrivateAddress, literalAddress } from './address-guard.ts';
import type { CreateWebhookBody, DeliveryView, PatchWebhookBody, WebhookView } from './schemas.ts';

const select = { id: true, url: true, events: true, description: true, enabled: true, createdAt: true, updatedAt: true } as const;

type Row = { id: number; url: string; events: unknown; description: string | null; enabled: boolean; createdAt: Date; updatedAt: Date };

const toView = (r: Row): WebhookView => ({
  ...r,
  events: Array.isArray(r.events) ? (r.events as string[]) : [],
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const webhookNotFound = (id: number) => new AppError('not_found', `No webhook with id ${id}`);

/** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
const newSecret = () => `whsec_${crypto.randomBytes(32).toString('base64')}`;

/**
 * Refuses at registration what delivery would refuse anyway: a URL whose host is a private or loopback address
 * (or "localhost"). Names are checked again when each delivery resolves them (send-webhook.ts).
 */
export function assertDeliverableUrl(url: string, allowPrivateNetworks: boolean): void {
  if (allowPrivateNetworks) return;
  const host = new URL(url).hostname.toLowerCase();
  const literal = literalAddress(host);
  if ((literal && isPrivateAddress(literal)) || host === 'localhost' || host.endsWith('.localhost')) {
    throw new AppError('unprocessable', `${host} is a private or loopback address; webhooks go to public addresses (WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1 allows others)`, {
      issues: [{ path: ['body', 'url'], message: 'a private or loopback address' }],
    });
  }
}

export async function createWebhook(db: Db, body: CreateWebhookBody): Promise<WebhookView & { secret: string }> {
  const secret = newSecret();
  const row = await db.webhookEndpoint.create({
    data: { url: body.url, events: body.events, description: body.description ?? null, enabled: body.enabled ?? true, secret },
    select,
  });
  return { ...toView(row), secret };
}

export async function listWebhooks(db: Db): Promise<WebhookView[]> {
  return (await db.webhookEndpoint.findMany({ orderBy: { id: 'asc' }, select })).map(toView);
}

export async function getWebhook(db: Db, id: number): Promise<WebhookView> {
  const row = await db.webhookEndpoint.findUnique({ where: { id }, select });
  if (!row) throw webhookNotFound(id);
  return toView(row);
}

export async function updateWebhook(db: Db, id: number, patch: PatchWebhookBody): Promise<WebhookView> {
  const { count } = await db.webhookEndpoint.updateMany({ where: { id }, data: patch });
  if (count === 0) throw webhookNotFound(id);
  return getWebhook(db, id);
}

/** Deletes the endpoint with its deliveries (pending ones are never sent). */
export async function deleteWebhook(db: Db, id: number): Promise<void> {
  const { count } = await db.webhookEndpoint.deleteMany({ where: { id } });
  if (count === 0) throw webhookNotFound(id);
}

/** Newest first, keyset on the delivery id. */
export async function listDeliveries(
  db: Db,
  endpointId: number,
  input: { status?: DeliveryView['status']; cursor?: string; limit: number },
): Promise<{ data: DeliveryView[]; nextCursor: string | null }> {
  await getWebhook(db, endpointId);
  const after = input.cursor ? decodeCursor(input.cursor, 'deliveries') : null;
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId, ...(input.status ? { status: input.status } : {}), ...(after ? { id: { lt: after.id } } : {}) },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    select: {
      id: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastAttemptAt: true,
      lastStatusCode: true,
      lastError: true,
      deliveredAt: true,
      createdAt: true,
      event: { select: { messageId: true, type: true, payload: true } },
    },
  });
  const result = page(rows, input.limit, (last) => encodeCursor('deliveries', null, last.id));
  return {
    data: result.data.map((r) => ({
      id: r.id,
      messageId: r.event.messageId,
      type: r.event.type,
      status: r.status as DeliveryView['status'],
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
      lastAttemptAt: toIso(r.lastAttemptAt),
      lastStatusCode: r.lastStatusCode,
      lastError: r.lastError,
      deliveredAt: toIso(r.deliveredAt),
      createdAt: r.createdAt.toISOString(),
      payload: r.event.payload,
    })),
    nextCursor: result.nextCursor,
  };
}
