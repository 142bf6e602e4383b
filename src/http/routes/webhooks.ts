import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { FieldError } from '../../errors.ts';
import { EVENT_TYPES } from '../../events/types.ts';
import {
  attemptsOf,
  createEndpoint,
  deleteEndpoint,
  findEndpoint,
  listDeliveries,
  listEndpoints,
  retryDelivery,
  updateEndpoint,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../../webhooks/endpoints.ts';
import { hasCredentials, privateUrlReason } from '../../webhooks/network.ts';
import { ADMIN, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { AUTH_PROBLEMS, PageQuery, pageOf, problems, pageBody } from '../schemas.ts';
import { Id } from '../../schemas/common.ts';
import { decodeCursor, paginate } from '../pagination.ts';

const Url = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2000)
  // The signature authenticates deliveries; a password in the URL could never be sent (fetch refuses it) and would
  // only be copied into logs.
  .refine((url) => !hasCredentials(url), 'must not contain a user name or password (deliveries are authenticated by their signature)')
  .describe(
    'Where deliveries are POSTed; redirects are not followed. It must not contain a user name or password. Unless the operator allows private networks, it must not name localhost or a non-public IP address (loopback, private, link-local), and a host that resolves to one is refused when delivering.',
  );
const EventTypes = z
  .array(z.enum(EVENT_TYPES))
  .max(EVENT_TYPES.length)
  .describe('Event types to deliver; empty or absent: every type');
const Description = z.string().trim().min(1).max(500);
const WebhookId = Id('whk', 'Webhook endpoint');
const DeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);

export const WebhookEndpointSchema = z
  .object({
    id: WebhookId,
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(z.string()).describe('Empty: every event type'),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable().describe('Why the endpoint is disabled: by an admin, or after failing for the whole retry window'),
    failing_since: z.string().nullable().describe('First failed attempt since the last success; failing for the retry window (24 h) disables the endpoint'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });

export const WebhookEndpointCreatedSchema = WebhookEndpointSchema.extend({
  secret: z
    .string()
    .describe('Signing secret (whsec_ + base64), for verifying webhook-signature as Standard Webhooks specifies. Shown only in this response.'),
}).meta({ id: 'WebhookEndpointCreated' });

const WebhookAttemptSchema = z
  .object({
    attempt: z.number().int().describe('1 for the first attempt'),
    started_at: z.string(),
    duration_ms: z.number().int(),
    status_code: z.number().int().nullable().describe("The receiver's HTTP status; null when none came (timeout, connection error)"),
    error: z.string().nullable(),
    response: z.string().nullable().describe("The first kilobyte of the receiver's answer"),
  })
  .meta({ id: 'WebhookAttempt' });

export const WebhookDeliverySchema = z
  .object({
    id: Id('wdl', 'Webhook delivery'),
    webhook_id: WebhookId,
    event_id: z.string().describe('Also the webhook-id header of every attempt'),
    event_type: z.string(),
    status: DeliveryStatus,
    attempt_count: z.number().int().describe('Attempts started so far'),
    next_attempt_at: z
      .string()
      .nullable()
      .describe('Pending deliveries: when the next attempt is due (while one is under way, when its lease ends)'),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
    attempts: z.array(WebhookAttemptSchema).describe('Recorded attempts, oldest first'),
  })
  .meta({ id: 'WebhookDelivery' });

const toEndpointJson = (e: WebhookEndpoint) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  event_types: e.event_types,
  enabled: e.enabled,
  disabled_reason: e.disabled_reason,
  failing_since: e.failing_since?.toISOString() ?? null,
  created_at: e.created_at.toISOString(),
  updated_at: e.updated_at.toISOString(),
});

const toAttemptJson = (a: WebhookAttempt) => ({
  attempt: a.attempt,
  started_at: a.started_at.toISOString(),
  duration_ms: a.duration_ms,
  status_code: a.status_code,
  error: a.error,
  response: a.response,
});

const toDeliveryJson = (d: WebhookDelivery, attempts: WebhookAttempt[]) => ({
  id: d.id,
  webhook_id: d.endpoint_id,
  event_id: d.event_id,
  event_type: d.event_type,
  status: d.status,
  attempt_count: d.attempts,
  next_attempt_at: d.status === 'pending' ? (d.next_attempt_at?.toISOString() ?? null) : null,
  last_status_code: d.last_status_code,
  last_error: d.last_error,
  created_at: d.created_at.toISOString(),
  completed_at: d.completed_at?.toISOString() ?? null,
  attempts: attempts.map(toAttemptJson),
});

const Params = z.object({ id: WebhookId });

export const webhookRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, config, webhookWorker }) => {
  // The delivery worker also refuses to connect to such addresses, whatever a hostname resolves to then.
  const checkUrl = (url: string | undefined) => {
    if (url === undefined || config.WEBHOOK_ALLOW_PRIVATE_NETWORKS) return;
    const reason = privateUrlReason(url);
    if (reason) throw new FieldError('/url', `must not point to this host or a private network: ${reason}`);
  };

  app.post(
    '/v1/webhooks',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createWebhook',
        summary: 'Register a webhook endpoint',
        description:
          'Events committed from now on are POSTed to the URL, signed as Standard Webhooks specifies (webhook-id, webhook-timestamp, webhook-signature). An attempt times out after 10 s; failed attempts are retried with exponential backoff for 24 h, and an endpoint failing that long is disabled. The response is the only one that shows the signing secret.',
        tags: ['webhooks'],
        security: bearerSecurity,
        body: z
          .object({ url: Url, event_types: EventTypes.optional(), description: Description.optional(), enabled: z.boolean().optional().describe('Default: true') })
          .strict()
          .meta({ examples: [{ url: 'https://crm.example.com/hooks/loyalty', event_types: ['points.earned', 'tier.changed'], description: 'CRM sync' }] }),
        headers: OptionalIdempotencyHeaders,
        response: { 201: WebhookEndpointCreatedSchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request, reply) => {
      checkUrl(request.body.url);
      return sendCreated(request, reply, { db, clock }, programOf(request), 'createWebhook', async (trx) => {
        const endpoint = await createEndpoint(trx, clock, programOf(request), request.body);
        return { ...toEndpointJson(endpoint), secret: endpoint.secret };
      });
    },
  );

  app.get(
    '/v1/webhooks',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'listWebhooks',
        summary: "List this program's webhook endpoints (without secrets)",
        tags: ['webhooks'],
        security: bearerSecurity,
        querystring: PageQuery,
        response: { 200: pageOf(WebhookEndpointSchema, 'WebhookEndpointPage', 'A page of webhook endpoints'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, ['id'] as const);
      const rows = await listEndpoints(db, programOf(request), { limit: request.query.limit + 1, after: after?.id });
      const page = paginate(rows, request.query.limit, (e) => ({ id: e.id }));
      return pageBody(page.data.map(toEndpointJson), page.next_cursor);
    },
  );

  app.get(
    '/v1/webhooks/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'getWebhook',
        summary: 'A webhook endpoint (without its secret)',
        tags: ['webhooks'],
        security: bearerSecurity,
        params: Params,
        response: { 200: WebhookEndpointSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => toEndpointJson(await findEndpoint(db, programOf(request), request.params.id)),
  );

  app.patch(
    '/v1/webhooks/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'updateWebhook',
        summary: 'Change a webhook endpoint, or disable or re-enable it',
        description:
          '`enabled: true` re-enables an endpoint (an admin disabled it, or it failed for 24 h): its failure record is cleared, its pending deliveries are retried at once, and the events it missed while disabled follow. `enabled: false` stops deliveries; events are kept for it until it is re-enabled.',
        tags: ['webhooks'],
        security: bearerSecurity,
        params: Params,
        body: z
          .object({ url: Url.optional(), event_types: EventTypes.optional(), description: Description.nullable().optional(), enabled: z.boolean().optional() })
          .strict()
          .meta({ examples: [{ enabled: true }] }),
        response: { 200: WebhookEndpointSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      checkUrl(request.body.url);
      const { endpoint, reenabled } = await updateEndpoint(db, clock, programOf(request), request.params.id, request.body);
      if (reenabled) webhookWorker?.kick();
      return toEndpointJson(endpoint);
    },
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'deleteWebhook',
        summary: 'Delete a webhook endpoint',
        description: 'Its pending deliveries stop; its delivery history goes with it.',
        tags: ['webhooks'],
        security: bearerSecurity,
        params: Params,
        response: { 204: z.null().describe('Deleted'), ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request, reply) => {
      await deleteEndpoint(db, programOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'listWebhookDeliveries',
        summary: "An endpoint's deliveries, newest first, each with its attempts",
        tags: ['webhooks'],
        security: bearerSecurity,
        params: Params,
        querystring: PageQuery.extend({ status: DeliveryStatus.optional() }),
        response: { 200: pageOf(WebhookDeliverySchema, 'WebhookDeliveryPage', "A page of an endpoint's deliveries, newest first"), ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const before = decodeCursor(cursor, ['id'] as const);
      const rows = await listDeliveries(db, programOf(request), request.params.id, { status }, { limit: limit + 1, before: before?.id });
      const page = paginate(rows, limit, (d) => ({ id: d.id }));
      return pageBody(page.data.map((d) => toDeliveryJson(d, d.attempt_log)), page.next_cursor);
    },
  );

  app.post(
    '/v1/webhooks/:id/deliveries/:delivery_id/retry',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'retryWebhookDelivery',
        summary: 'Send a delivery again now',
        description:
          'Queues another attempt at once, whatever the delivery\'s status; a failed delivery gets one more attempt. A disabled endpoint receives it once re-enabled. 409 delivery_in_progress while an attempt is under way.',
        tags: ['webhooks'],
        security: bearerSecurity,
        params: z.object({ id: WebhookId, delivery_id: Id('wdl', 'Webhook delivery') }),
        response: { 202: WebhookDeliverySchema, ...problems(...AUTH_PROBLEMS, 404, 409) },
      },
    },
    async (request, reply) => {
      const delivery = await retryDelivery(db, clock, programOf(request), request.params.id, request.params.delivery_id);
      webhookWorker?.kick();
      return reply.code(202).send(toDeliveryJson(delivery, await attemptsOf(db, delivery.id)));
    },
  );
};
