import { z } from 'zod';
import { endpoint } from '../http/endpoint.ts';
import { IdParams, PageMeta } from '../http/schemas.ts';
import { assertDeliverableUrl, createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, updateWebhook } from './manage-webhooks.ts';
import { CreateWebhookBody, CreatedWebhook, DeliveriesQuery, DeliveryView, PatchWebhookBody, WebhookView } from './schemas.ts';

const tag = 'webhooks';

export const create = endpoint({
  operationId: 'createWebhook',
  summary: 'Register a webhook endpoint (admins); the response holds its signing secret, shown once',
  description: 'Each event is POSTed as JSON, signed as the Standard Webhooks specification says (webhook-id, webhook-timestamp, webhook-signature), at least once, in order per article, retried with exponential backoff.',
  tag,
  body: { type: 'json', schema: CreateWebhookBody },
  responses: { 201: { description: 'registered', schema: CreatedWebhook, location: true } },
  errors: [422],
  async handle({ body, db, config }) {
    assertDeliverableUrl(body.url, config.webhooks.allowPrivateNetworks);
    const webhook = await createWebhook(db, body);
    return { status: 201, body: webhook, location: `/api/webhooks/${webhook.id}` };
  },
});

export const list = endpoint({
  operationId: 'listWebhooks',
  summary: 'The registered webhook endpoints (admins), without their secrets',
  tag,
  responses: { 200: { description: 'every endpoint, oldest first', schema: z.object({ data: z.array(WebhookView) }) } },
  async handle({ db }) {
    return { status: 200, body: { data: await listWebhooks(db) } };
  },
});

export const get = endpoint({
  operationId: 'getWebhook',
  summary: 'One webhook endpoint (admins)',
  tag,
  params: IdParams,
  responses: { 200: { description: 'the endpoint', schema: WebhookView } },
  errors: [404],
  async handle({ params, db }) {
    return { status: 200, body: await getWebhook(db, params.id) };
  },
});

export const patch = endpoint({
  operationId: 'updateWebhook',
  summary: 'Change a webhook endpoint’s URL, events or description, or disable it with {"enabled": false} (admins)',
  tag,
  params: IdParams,
  body: { type: 'json', schema: PatchWebhookBody },
  responses: { 200: { description: 'the endpoint', schema: WebhookView } },
  errors: [404, 422],
  async handle({ params, body, db, config }) {
    if (body.url !== undefined) assertDeliverableUrl(body.url, config.webhooks.allowPrivateNetworks);
    return { status: 200, body: await updateWebhook(db, params.id, body) };
  },
});

export const remove = endpoint({
  operationId: 'deleteWebhook',
  summary: 'Delete a webhook endpoint and its deliveries (admins)',
  tag,
  params: IdParams,
  responses: { 204: { description: 'deleted' } },
  errors: [404],
  async handle({ params, db }) {
    await deleteWebhook(db, params.id);
    return { status: 204 };
  },
});

export const deliveries = endpoint({
  operationId: 'listWebhookDeliveries',
  summary: 'The deliveries to a webhook endpoint, newest first, with their status (admins)',
  tag,
  params: IdParams,
  query: DeliveriesQuery,
  responses: { 200: { description: 'a page of deliveries', schema: z.object({ data: z.array(DeliveryView), meta: PageMeta }) } },
  errors: [404],
  async handle({ params, query, db }) {
    const limit = query.limit ?? 20;
    const { data, nextCursor } = await listDeliveries(db, params.id, { status: query.status, cursor: query.cursor, limit });
    return { status: 200, body: { data, meta: { limit, nextCursor } } };
  },
});
