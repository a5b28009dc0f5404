import { z } from 'zod';
import { CursorQuery, DateTime, LimitQuery, optionalText } from '../http/schemas.ts';
import { EVENT_TYPES } from './events.ts';

const Url = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000).meta({ example: 'https://example.org/hooks/news' });
const Events = z
  .array(z.enum(EVENT_TYPES))
  .min(1)
  .max(EVENT_TYPES.length)
  .refine((list) => new Set(list).size === list.length, 'list each event once')
  .meta({ description: `the events to receive: ${EVENT_TYPES.join(', ')}`, uniqueItems: true });

export const CreateWebhookBody = z
  .strictObject({
    url: Url,
    events: Events,
    description: optionalText(500),
    enabled: z.boolean().optional().meta({ description: 'default true' }),
  })
  .meta({ id: 'CreateWebhook' });
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const PatchWebhookBody = z
  .strictObject({
    url: Url.optional(),
    events: Events.optional(),
    description: optionalText(500),
    enabled: z.boolean().optional().meta({ description: 'false disables it: no new deliveries, and pending ones wait until it is enabled again' }),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .meta({ id: 'PatchWebhook', minProperties: 1 });
export type PatchWebhookBody = z.infer<typeof PatchWebhookBody>;

export const WebhookView = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    enabled: z.boolean(),
    createdAt: DateTime,
    updatedAt: DateTime,
  })
  .meta({ id: 'Webhook' });
export type WebhookView = z.infer<typeof WebhookView>;

export const CreatedWebhook = WebhookView.extend({
  secret: z.string().meta({
    description: 'the signing secret (Standard Webhooks, "whsec_…"): shown in this response only',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  }),
}).meta({ id: 'CreatedWebhook' });

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed']);

export const DeliveriesQuery = z.strictObject({
  status: DeliveryStatus.optional().meta({ description: 'only deliveries in this state' }),
  cursor: CursorQuery,
  limit: LimitQuery,
});

export const DeliveryView = z
  .object({
    id: z.number().int(),
    messageId: z.string().meta({ description: 'the webhook-id header: the same on every attempt (the idempotency id)' }),
    type: z.string().meta({ example: 'article.published' }),
    status: DeliveryStatus,
    attempts: z.number().int(),
    nextAttemptAt: DateTime.nullable().meta({ description: 'when it is tried next (null once delivered or failed)' }),
    lastAttemptAt: DateTime.nullable(),
    lastStatusCode: z.number().int().nullable().meta({ description: 'the receiver’s HTTP status on the last attempt (null: no answer)' }),
    lastError: z.string().nullable(),
    deliveredAt: DateTime.nullable(),
    createdAt: DateTime,
    payload: z.unknown().meta({ description: 'the JSON body sent: {type, timestamp, data}' }),
  })
  .meta({ id: 'WebhookDelivery' });
export type DeliveryView = z.infer<typeof DeliveryView>;
