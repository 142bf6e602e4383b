import { EVENT_DEFINITIONS } from './schemas.ts';
import { EVENT_TYPES } from './types.ts';

const header = (name: string, description: string, example: string) => ({
  name,
  in: 'header' as const,
  required: true,
  description,
  schema: { type: 'string' as const },
  example,
});

/** The Standard Webhooks headers every delivery carries (https://www.standardwebhooks.com). */
const STANDARD_WEBHOOK_HEADERS = [
  header('webhook-id', 'The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.', 'evt_01jdq3v7f8e9t0sw2p1x5m3k4z'),
  header('webhook-timestamp', 'Unix seconds when this attempt was signed; reject values far from your clock to stop replays.', '1772359200'),
  header(
    'webhook-signature',
    'Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).',
    'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  ),
];

/**
 * The OpenAPI 3.1 `webhooks` section: one POST per event type, its body that event's schema. The schemas are
 * components (src/events/schemas.ts registers them), so both documents — /openapi.json and openapi/openapi.json —
 * reference the same definitions the feed uses.
 */
export function eventWebhooks() {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => {
      const { id, summary } = EVENT_DEFINITIONS[type];
      return [
        type,
        {
          post: {
            operationId: `on${id.replace(/Event$/, '')}`,
            summary: type,
            description: `${summary}\n\nDelivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to \`${type}\`, signed per Standard Webhooks: the \`webhook-id\`, \`webhook-timestamp\` and \`webhook-signature\` headers. Delivery is at least once: answer 2xx quickly, and use \`webhook-id\` to drop duplicates.`,
            tags: ['events'],
            security: [],
            parameters: STANDARD_WEBHOOK_HEADERS,
            requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${id}` } } } },
            responses: {
              '200': { description: 'Received. Any 2xx status counts as delivered.' },
              '400': { description: 'Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried.' },
            },
          },
        },
      ];
    }),
  );
}
