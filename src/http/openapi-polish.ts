import { z } from 'zod';
import { ID_PREFIX } from '../ids.ts';
import { TRANSACTION_DATA } from '../schemas/transaction-data.ts';
import { OPERATION_TEXTS } from './openapi-operations.ts';
import { PROBLEM_CODES, problemCodesFor } from './problem-codes.ts';

type Json = Record<string, unknown>;
interface Response {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: Json; example?: unknown; examples?: unknown }>;
  'x-problem-codes'?: string[];
}
interface Operation {
  operationId?: string;
  description?: string;
  summary?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  responses: Record<string, Response>;
}
export type Document = Json & { paths: Record<string, Record<string, Operation>>; components: Json & { schemas: Record<string, Json>; headers?: Json } };

const SCHEMA_REF = '#/components/schemas/';
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** The response headers clients rely on, defined once and referenced from the responses that carry them. */
const HEADERS = {
  'X-Request-Id': {
    description: "This request's id: the caller's own x-request-id when it sent a sane one, else a UUID. Quote it when reporting a problem.",
    schema: { type: 'string' },
  },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } },
  'Idempotent-Replayed': {
    description: 'Present (`true`) when this is the stored answer to an earlier request with the same Idempotency-Key, not a new write.',
    schema: { type: 'string', enum: ['true'] },
  },
  RateLimit: {
    description:
      'The API key\'s quota left in the current window (IETF draft-ietf-httpapi-ratelimit-headers): `"default";r=<requests remaining>;t=<seconds until the window resets>`.',
    schema: { type: 'string' },
    example: '"default";r=93;t=41',
  },
  'RateLimit-Policy': {
    description: 'The quota policy (IETF draft-ietf-httpapi-ratelimit-headers): `"default";q=<requests per window>;w=<window seconds>`.',
    schema: { type: 'string' },
    example: '"default";q=100;w=60',
  },
  'WWW-Authenticate': {
    description: 'RFC 6750: `Bearer realm="points-ledger"`, with `error="invalid_token"` when a key was sent and refused.',
    schema: { type: 'string' },
    example: 'Bearer realm="points-ledger", error="invalid_token"',
  },
} as const;

const headerRef = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

/** Problem extensions the service answers, typed; other members stay allowed (RFC 9457 lets problems grow). */
const PROBLEM_EXTENSIONS = {
  available: { type: 'integer', description: 'insufficient_points: points available' },
  requested: { type: 'integer', description: 'insufficient_points: points requested' },
  limit: { type: 'string', description: 'limit_exceeded: which limit (e.g. daily_earn, withdrawal_month); limit_below_used: total_uses or budget' },
  left: { type: 'integer', description: 'limit_below_used: what is left of the limit, not handed out yet' },
  max_active_promotions: { type: 'integer', description: 'too_many_active_promotions: the setting' },
  active: { type: 'integer', description: 'too_many_active_promotions: the active promotions the program has' },
  cap: { type: 'integer', description: 'limit_exceeded: the limit, in points or (with currency) minor units' },
  remaining: { type: 'integer', description: 'limit_exceeded: what the limit still allows, in the unit of cap' },
  currency: { type: 'string', description: 'limit_exceeded on money limits, currency_mismatch: the currency' },
  max_balance: { type: 'integer', description: 'balance_limit_exceeded: the maximum of a balance figure' },
  reversible: { type: 'integer', description: 'reversal_exceeds_redemption: points that can still be reversed' },
  held: { type: 'integer', description: 'capture_exceeds_hold: points the hold holds' },
  member_id: { type: 'string', description: 'The member concerned (member_exists: the existing member)' },
  purchase_id: { type: 'string', description: 'purchase_not_found: the id asked for' },
  redemption_id: { type: 'string', description: 'redemption_not_found: the id asked for' },
  hold_id: { type: 'string', description: 'hold_not_found: the id asked for' },
  receipt_id: { type: 'string', description: 'duplicate_receipt: the receipt already recorded' },
  sku: { type: 'string', description: 'unknown_line, return_exceeds_line, duplicate_line_sku: the sku concerned' },
  returnable_quantity: { type: 'integer', description: 'return_exceeds_line: units of the line left to return' },
  lines_amount: { type: 'integer', description: 'lines_amount_mismatch: what the lines sum to, in minor units' },
  rule: { type: 'string', description: 'member_blocked: the rule that blocked the member (e.g. velocity)' },
  reason: {
    type: 'string',
    description: 'member_blocked: why the rule blocked the member; otp_expired: none, expired, used or tries_exhausted',
  },
  attempts_left: { type: 'integer', description: 'otp_invalid: wrong codes the one-time password still takes before it dies' },
  member_status: { type: 'string', description: 'member_not_pending: the member\'s status' },
  expired_at: { type: 'string', format: 'date-time', description: 'renewal_window_closed: when the points expired' },
  window_closed_at: { type: 'string', format: 'date-time', description: 'renewal_window_closed: when the window closed' },
  latest: { type: 'string', format: 'date-time', description: 'as_of_in_future, as_of_out_of_range: the latest as_of accepted' },
  retry_after: { type: 'integer', description: 'rate_limited, otp_rate_limited, overloaded: seconds to wait (also in Retry-After)' },
} as const;

export function operationsOf(document: Document): { where: string; op: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
  );
}

const EXAMPLE_TIME = '2026-03-01T09:30:00.000Z';
const EXAMPLE_ID_TAIL = '_01jdq3v7f8e9t0sw2p1x5m3k4z';
const PREFIX_OF_NAME: Record<string, string> = Object.fromEntries(
  Object.entries(ID_PREFIX).map(([kind, prefix]) => [kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), prefix]),
);
Object.assign(PREFIX_OF_NAME, { api_key: 'key', key: 'key', rate_set: 'rts', event: 'evt', delivery: 'wdl', webhook: 'whk', endpoint: 'whk' });
/** Values a reader recognises, by property name, for strings whose schema says no more than `string`. */
const NAMED_SAMPLES: Record<string, string> = {
  name: 'Aysel Mammadova',
  phone: '+994501234567',
  email: 'aysel@example.com',
  birth_date: '1990-04-12',
  branch: 'Baku Nizami',
  external_ref: 'CRM-10042',
  receipt_id: 'R-2026-000173',
  store_id: 'store-7',
  reason: 'goodwill',
  currency: 'AZN',
  home_currency: 'AZN',
  timezone: 'Asia/Baku',
  url: 'https://crm.example.com/hooks/loyalty',
  description: 'CRM sync',
};
const PATTERN_SAMPLES: Record<string, string> = { '^[A-Z]{3}$': 'AZN', '^[a-z][a-z0-9_]{0,31}$': 'gold', '^\\d{8}$': '40017265', '^\\d+[dmy]$': '30d', '^([01][0-9]|2[0-3]):[0-5][0-9]$': '09:00' };

/** The id prefix for a property `<kind>_id`, or for `id` of a schema named after its kind. */
function idPrefix(property: string, owner: string): string | undefined {
  if (property.endsWith('_id')) return PREFIX_OF_NAME[property.slice(0, -3)];
  if (property !== 'id') return undefined;
  if (owner.endsWith('Event')) return 'evt';
  const kind = owner.replace(/(Recorded|Created|Issued|Captured|Voided|Card|Detail)$/, '').replace(/[A-Z]/g, (c, i: number) => (i ? '_' : '') + c.toLowerCase());
  return PREFIX_OF_NAME[kind] ?? PREFIX_OF_NAME[kind.replace(/^webhook_/, '')];
}

/** A value the schema accepts, built from its examples, defaults and enums, for the responses that show none. */
function sample(schema: Json | undefined, schemas: Record<string, Json>, property = '', owner = '', depth = 0): unknown {
  if (!schema || depth > 12) return null;
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF)) {
    const name = ref.slice(SCHEMA_REF.length);
    return sample(schemas[name], schemas, property, name, depth + 1);
  }
  if (Array.isArray(schema['examples']) && schema['examples'].length > 0) return schema['examples'][0];
  if (schema['default'] !== undefined) return schema['default'];
  if (schema['const'] !== undefined) return schema['const'];
  if (Array.isArray(schema['enum'])) return schema['enum'].find((v) => v !== null) ?? schema['enum'][0];
  const union = (schema['oneOf'] ?? schema['anyOf']) as Json[] | undefined;
  if (union) return sample(union.find((branch) => branch['type'] !== 'null') ?? union[0], schemas, property, owner, depth + 1);
  const types = ([] as unknown[]).concat(schema['type'] ?? (schema['properties'] ? 'object' : []));
  // A nullable field nothing tells more about shows its null (a last page's next_cursor, a reason never given).
  if (types.includes('null') && types.includes('string') && !NAMED_SAMPLES[property] && !idPrefix(property, owner) && !property.endsWith('_at')) return null;
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, Json>;
      const value: Json = Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, sample(child, schemas, key, owner, depth + 1)]));
      const additional = schema['additionalProperties'];
      if (Object.keys(properties).length === 0 && additional && typeof additional === 'object') value['AZN'] = sample(additional as Json, schemas, '', owner, depth + 1);
      return value;
    }
    case 'array':
      return depth > 8 ? [] : [sample(schema['items'] as Json, schemas, property, owner, depth + 1)];
    case 'integer':
    case 'number': {
      const min = Number(schema['minimum'] ?? (schema['exclusiveMinimum'] !== undefined ? Number(schema['exclusiveMinimum']) + 1 : 0));
      const max = Number(schema['maximum'] ?? Number.MAX_SAFE_INTEGER);
      return Math.min(Math.max(type === 'integer' ? 120 : 1.5, min), max);
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string': {
      if (schema['format'] === 'date-time') return EXAMPLE_TIME;
      if (schema['format'] === 'date') return EXAMPLE_TIME.slice(0, 10);
      if (schema['format'] === 'uri') return 'https://crm.example.com/hooks/loyalty';
      const pattern = schema['pattern'];
      if (typeof pattern === 'string') return PATTERN_SAMPLES[pattern] ?? (pattern.includes('T(?:') ? EXAMPLE_TIME : EXAMPLE_TIME.slice(0, 10));
      const prefix = idPrefix(property, owner);
      const text = prefix ? prefix + EXAMPLE_ID_TAIL : property.endsWith('_at') ? EXAMPLE_TIME : (NAMED_SAMPLES[property] ?? (property.replace(/_/g, ' ') || 'text'));
      return text.padEnd(Number(schema['minLength'] ?? 0), 'x').slice(0, Number(schema['maxLength'] ?? text.length));
    }
    default:
      return null;
  }
}

function applyOperationTexts(document: Document): void {
  for (const { op } of operationsOf(document)) {
    const text = op.operationId ? OPERATION_TEXTS[op.operationId] : undefined;
    if (!text) continue;
    if (!op.description && text.description) op.description = text.description;
    for (const [status, response] of Object.entries(op.responses)) {
      if (status.startsWith('2')) response.description = text.success;
    }
  }
}

function addSuccessExamples(document: Document): void {
  for (const { op } of operationsOf(document)) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (!status.startsWith('2')) continue;
      for (const media of Object.values(response.content ?? {})) {
        if (media.example === undefined && media.examples === undefined) media.example = sample(media.schema, document.components.schemas);
      }
    }
  }
}

const takesIdempotencyKey = (op: Operation) => (op.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');

function documentHeaders(document: Document): void {
  document.components.headers = { ...document.components.headers, ...HEADERS };
  for (const { op } of operationsOf(document)) {
    const idempotent = takesIdempotencyKey(op);
    const limited = op.security !== undefined && op.security.length > 0;
    for (const [status, response] of Object.entries(op.responses)) {
      const headers: Record<string, unknown> = { ...response.headers, 'X-Request-Id': headerRef('X-Request-Id') };
      const code = Number(status);
      if (idempotent && (code < 300 || [404, 409, 422, 423].includes(code))) headers['Idempotent-Replayed'] = headerRef('Idempotent-Replayed');
      if (limited && (code < 300 || code === 429)) {
        headers['RateLimit'] = headerRef('RateLimit');
        headers['RateLimit-Policy'] = headerRef('RateLimit-Policy');
      }
      if (code === 429 || code === 503) headers['Retry-After'] = headerRef('Retry-After');
      if (code === 401) headers['WWW-Authenticate'] = headerRef('WWW-Authenticate');
      response.headers = headers;
    }
  }
}

function documentProblems(document: Document): void {
  const problem = document.components.schemas['Problem'];
  if (!problem) return;
  const properties = (problem['properties'] ?? {}) as Record<string, Json>;
  properties['code'] = { ...properties['code'], enum: Object.keys(PROBLEM_CODES) };
  problem['properties'] = { ...properties, ...PROBLEM_EXTENSIONS };
  for (const { op } of operationsOf(document)) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 400 || !op.operationId) continue;
      const codes = problemCodesFor(op.operationId, Number(status), takesIdempotencyKey(op));
      if (codes.length === 0) continue;
      response['x-problem-codes'] = codes;
      const list = codes.map((code) => `\`${code}\` (${PROBLEM_CODES[code].description})`).join('; ');
      response.description = `${(response.description ?? 'Error').replace(/\.$/, '')}. Codes: ${list}.`;
    }
  }
}

const pascal = (type: string) => type.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());

/**
 * `data` depends on the transaction's type. Each transaction schema becomes a union discriminated by `type`: one
 * variant per type, whose `data` is that type's schema (src/schemas/transaction-data.ts), so a generated client
 * narrows `data` by switching on `type`.
 */
function typeTransactionData(document: Document): void {
  const schemas = document.components.schemas;
  for (const [type, schema] of Object.entries(TRANSACTION_DATA)) {
    // The schema is registered under its id, so zod answers a $ref into $defs: the definition is the component.
    const id = String(z.globalRegistry.get(schema)?.id ?? `${pascal(type)}TransactionData`);
    const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Json & { $defs?: Record<string, Json> };
    const { id: _id, ...json } = generated.$defs?.[id] ?? generated;
    delete json['$schema'];
    schemas[id] = json;
  }
  for (const name of ['Transaction', 'TransactionDetail']) {
    const base = schemas[name];
    if (!base?.['properties']) continue;
    const mapping: Record<string, string> = {};
    for (const [type, schema] of Object.entries(TRANSACTION_DATA)) {
      const variant = `${pascal(type)}${name}`;
      const dataId = String(z.globalRegistry.get(schema)?.id ?? `${pascal(type)}TransactionData`);
      schemas[variant] = {
        ...base,
        properties: {
          ...(base['properties'] as Json),
          type: { type: 'string', const: type },
          data: { $ref: SCHEMA_REF + dataId },
        },
      };
      mapping[type] = SCHEMA_REF + variant;
    }
    schemas[name] = {
      description: `${String(base['description'] ?? 'A ledger transaction')}: one schema per transaction type, whose \`data\` holds that type's figures.`,
      oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: 'type', mapping },
    };
  }
}

/** What a generated client needs beyond the schemas: descriptions, examples, headers and the codes of each problem. */
export function polishOpenApi(document: Document): Document {
  typeTransactionData(document);
  applyOperationTexts(document);
  addSuccessExamples(document);
  documentHeaders(document);
  documentProblems(document);
  return document;
}
