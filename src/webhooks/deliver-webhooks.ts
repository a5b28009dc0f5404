import { Webhook } from 'standardwebhooks';
import type { WebhookConfig } from '../config/index.ts';
import type { Db } from '../db/client.ts';
import { type SendResult, sendWebhook } from './send-webhook.ts';

export type Sender = typeof sendWebhook;

const BATCH = 100;
/** A claim outlives the request by this much, so a slow answer is never sent twice by a second process. */
const CLAIM_MARGIN_MS = 5_000;

/**
 * One round of the delivery worker, which runs in every server process: find the deliveries that are due and at
 * the head of their queue (no earlier delivery of the same endpoint and ordering key is still pending), claim each
 * with a conditional UPDATE (only one process wins a row; a claim left by a crashed process expires), send them,
 * and record the outcome. Returns how many were sent (delivered or not), so the caller can run again at once while
 * there is a backlog.
 *
 * At least once: a delivery is marked delivered only after the receiver answered 2xx, so a crash in between sends
 * it again with the same webhook-id, which a receiver uses to drop the repeat. In order per article: a delivery waits
 * while an earlier one to the same endpoint about the same article is pending (also while that one waits to be
 * retried); one that failed for good no longer holds the others back.
 */
export async function deliverDueWebhooks(db: Db, config: WebhookConfig, holder: string, send: Sender = sendWebhook): Promise<number> {
  const now = new Date();
  const due = await db.webhookDelivery.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }], endpoint: { enabled: true } },
    orderBy: { eventId: 'asc' },
    take: BATCH,
    select: { id: true, endpointId: true, orderingKey: true, eventId: true },
  });
  if (!due.length) return 0;
  const heads = await queueHeads(db, due);
  const claimUntil = new Date(now.getTime() + config.timeoutMs + CLAIM_MARGIN_MS);
  const claimed: number[] = [];
  for (const d of heads) {
    const { count } = await db.webhookDelivery.updateMany({
      where: { id: d.id, status: 'pending', OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { claimedBy: holder, claimedUntil: claimUntil },
    });
    if (count === 1) claimed.push(d.id);
  }
  if (!claimed.length) return 0;
  const rows = await db.webhookDelivery.findMany({
    where: { id: { in: claimed } },
    select: {
      id: true,
      attempts: true,
      endpointId: true,
      orderingKey: true,
      eventId: true,
      endpoint: { select: { url: true, secret: true } },
      event: { select: { messageId: true, payload: true, createdAt: true } },
    },
  });
  await Promise.all(
    rows.map(async (row) => {
      const body = JSON.stringify(row.event.payload);
      const sentAt = new Date();
      let result: SendResult;
      try {
        const signature = new Webhook(row.endpoint.secret).sign(row.event.messageId, sentAt, body);
        const headers = { 'webhook-id': row.event.messageId, 'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)), 'webhook-signature': signature };
        result = await send(row.endpoint.url, headers, body, { timeoutMs: config.timeoutMs, allowPrivateNetworks: config.allowPrivateNetworks });
      } catch (e) {
        result = { ok: false, status: null, error: e instanceof Error ? e.message : String(e) };
      }
      await recordOutcome(db, config, holder, row, result, sentAt);
    }),
  );
  return rows.length;
}

/** Of the due deliveries, those with no earlier pending one for the same endpoint and ordering key (one per queue). */
async function queueHeads<T extends { id: number; endpointId: number; orderingKey: string; eventId: number }>(db: Db, due: T[]): Promise<T[]> {
  const first = new Map<string, T>();
  for (const d of due) {
    const key = `${d.endpointId}\u0000${d.orderingKey}`;
    if (!first.has(key)) first.set(key, d);
  }
  const candidates = [...first.values()];
  const blocked = await db.webhookDelivery.findMany({
    where: {
      status: 'pending',
      OR: candidates.map((c) => ({ endpointId: c.endpointId, orderingKey: c.orderingKey, eventId: { lt: c.eventId } })),
    },
    select: { endpointId: true, orderingKey: true },
    distinct: ['endpointId', 'orderingKey'],
  });
  const blockedKeys = new Set(blocked.map((b) => `${b.endpointId}\u0000${b.orderingKey}`));
  return candidates.filter((c) => !blockedKeys.has(`${c.endpointId}\u0000${c.orderingKey}`));
}

async function recordOutcome(
  db: Db,
  config: WebhookConfig,
  holder: string,
  row: { id: number; attempts: number; endpointId: number; orderingKey: string; eventId: number },
  result: SendResult,
  sentAt: Date,
): Promise<void> {
  const attempts = row.attempts + 1;
  const common = { attempts, lastAttemptAt: sentAt, lastStatusCode: result.status, claimedBy: null, claimedUntil: null };
  // Only while the claim is still ours: had it expired and another process sent it, its record stands.
  const mine = { id: row.id, claimedBy: holder };
  if (result.ok) {
    await db.webhookDelivery.updateMany({ where: mine, data: { ...common, status: 'delivered', deliveredAt: new Date(), lastError: null } });
    return;
  }
  const error = result.error.slice(0, 1000);
  if (attempts >= config.maxAttempts) {
    await db.webhookDelivery.updateMany({ where: mine, data: { ...common, status: 'failed', lastError: error } });
    return;
  }
  const nextAttemptAt = new Date(Date.now() + retryDelay(config, attempts));
  await db.webhookDelivery.updateMany({ where: mine, data: { ...common, nextAttemptAt, lastError: error } });
  // The ones queued behind it wait as long: they would only be found blocked until then.
  await db.webhookDelivery.updateMany({
    where: { endpointId: row.endpointId, orderingKey: row.orderingKey, status: 'pending', eventId: { gt: row.eventId }, nextAttemptAt: { lt: nextAttemptAt } },
    data: { nextAttemptAt },
  });
}

/** Exponential backoff: base, 2×base, 4×base, … up to the maximum, with up to 10 % jitter so receivers are not hit in step. */
export function retryDelay(config: Pick<WebhookConfig, 'retryBaseMs' | 'retryMaxMs'>, attempts: number): number {
  const delay = Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(delay * (1 + Math.random() * 0.1));
}
