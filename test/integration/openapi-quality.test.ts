import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { OPENAPI_PATH } from '../../src/http/openapi-document.ts';
import { PROBLEM_CODES } from '../../src/http/problem-codes.ts';
import { TRANSACTION_TYPES } from '../../src/schemas/ledger.ts';
import { type ProgramFixture, type TestApp, enroll, useTestProgram } from '../helpers/app.ts';
import { post, purchase } from '../helpers/ledger.ts';

/** Properties of the committed document that make generated clients clean (issue 11). */

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  description?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  responses: Record<
    string,
    { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: Json; example?: unknown; examples?: unknown }>; 'x-problem-codes'?: string[] }
  >;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Document;
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => HTTP_METHODS.has(method))
    .map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, method, op })),
);
const successes = operations.flatMap(({ where, op }) =>
  Object.entries(op.responses)
    .filter(([status]) => status.startsWith('2'))
    .map(([status, response]) => ({ where: `${where} ${status}`, response })),
);
const schemaOf = (ref: unknown) => document.components.schemas[String(ref).replace('#/components/schemas/', '')];

/** Every code the source can answer: literal codes of domain errors, problems sent directly, and ledger refusals. */
function codesInSource(): Set<string> {
  const root = new URL('../../src/', import.meta.url).pathname;
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') || f.endsWith('.sql'));
  const codes = new Set<string>();
  const patterns = [
    /(?:DomainError|AuthError)\(\s*'[a-z_]+',\s*'([a-z_]+)'/g,
    /(?:ConflictError|UnprocessableError)\(\s*'([a-z_]+)'/g,
    /super\(\s*'[a-z_]+',\s*'([a-z_]+)'/g,
    /sendProblem\([^,]+,[^,]+,\s*\d{3},\s*'([a-z_]+)'/g,
  ];
  // The error handler picks Fastify's client-error codes by status.
  const problem = readFileSync(join(root, 'http/problem.ts'), 'utf8');
  for (const match of problem.matchAll(/\? '([a-z_]+)' :|: '([a-z_]+)';\n\s+return sendProblem/g)) codes.add((match[1] ?? match[2])!);
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const pattern of file.endsWith('.sql') ? [/'error',\s*'([a-z_]+[a-z])'/g] : patterns) for (const match of text.matchAll(pattern)) codes.add(match[1]!);
    for (const match of text.matchAll(/NotFoundError\('([a-z_]+)'/g)) codes.add(`${match[1]}_not_found`);
    // Codes built from a status: 'member_' || v_status, 'hold_' || status.
    if (file.endsWith('.sql')) for (const match of text.matchAll(/'error',\s*'(member|hold)_' \|\|/g)) codes.add(`${match[1]}_*`);
  }
  const refusals = readFileSync(join(root, 'ledger/sql-call.ts'), 'utf8');
  const table = refusals.slice(refusals.indexOf('const REFUSALS'), refusals.indexOf('/** Raised for a business refusal'));
  for (const match of table.matchAll(/^ {2}([a-z_]+): \{/gm)) codes.add(match[1]!);
  return codes;
}

function refsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) into.add(child.slice('#/components/schemas/'.length));
      else refsIn(child, into);
    }
  }
  return into;
}

describe('openapi/openapi.json generates clean code', () => {
  it('should reference every component schema from a path or a webhook, directly or through other components', () => {
    const reached = refsIn([document.paths, document.webhooks], new Set());
    const queue = [...reached];
    while (queue.length > 0) {
      for (const name of refsIn(document.components.schemas[queue.pop()!], new Set())) {
        if (!reached.has(name)) {
          reached.add(name);
          queue.push(name);
        }
      }
    }
    const unreachable = Object.keys(document.components.schemas).filter((name) => !reached.has(name));
    expect(unreachable).toEqual([]);
  });

  it('should keep an *Input twin only where it differs from its output schema', () => {
    const schemas = document.components.schemas;
    // A twin is alike when it equals its output once its references to twins that are alike themselves are read as
    // outputs; a reference to a twin that really differs (PromotionLimitsInput names MoneyInput) keeps it apart.
    const alike = new Set(Object.keys(schemas).filter((name) => name.endsWith('Input') && schemas[name.replace(/Input$/, '')]));
    for (let changed = true; changed; ) {
      changed = false;
      for (const name of alike) {
        const input = JSON.stringify(schemas[name]).replace(/"#\/components\/schemas\/(\w+)Input"/g, (ref, base: string) => (alike.has(`${base}Input`) ? `"#/components/schemas/${base}"` : ref));
        if (input !== JSON.stringify(schemas[name.replace(/Input$/, '')])) {
          alike.delete(name);
          changed = true;
        }
      }
    }
    expect([...alike]).toEqual([]);
  });

  it('should map every discriminator value to a schema among its oneOf', () => {
    const checked: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      const discriminator = schema['discriminator'] as { mapping?: Record<string, string> } | undefined;
      if (!discriminator?.mapping) continue;
      const branches = ((schema['oneOf'] ?? schema['anyOf']) as { $ref?: string }[]).map((b) => b.$ref);
      for (const [value, ref] of Object.entries(discriminator.mapping)) {
        expect(branches, `${name}: ${value}`).toContain(ref);
      }
      checked.push(name);
    }
    expect(checked).toContain('Event');
  });

  it('should describe every operation and every success response, with an example that matches its schema', () => {
    const ajv = new Ajv2020({ strict: false, discriminator: false });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'doc', components: document.components });
    for (const { where, op } of operations) expect(op.description, where).toEqual(expect.any(String));
    for (const { where, response } of successes) {
      expect(response.description, where).not.toMatch(/^(Default Response)?$/);
      for (const [type, media] of Object.entries(response.content ?? {})) {
        expect(media.example ?? media.examples, `${where} ${type}`).toBeDefined();
        const schema = JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/', '"doc#/components/'));
        expect(ajv.validate(schema, media.example), `${where}: ${ajv.errorsText()}`).toBe(true);
      }
    }
    expect(JSON.stringify(document)).not.toContain('Default Response');
  });

  it('should give every list one page shape: data, next_cursor and has_more', () => {
    const lists = successes.filter(({ response }) => {
      const schema = schemaOf(response.content?.['application/json']?.schema?.['$ref']);
      return (schema?.['properties'] as Record<string, Json> | undefined)?.['data']?.['type'] === 'array';
    });
    expect(lists.map((l) => l.where)).toEqual(
      expect.arrayContaining(['GET /v1/members 200', 'GET /v1/api-keys 200', 'GET /v1/events 200', 'GET /v1/rates 200', 'GET /v1/webhooks 200']),
    );
    for (const { where, response } of lists) {
      const schema = schemaOf(response.content!['application/json']!.schema!['$ref'])!;
      expect(Object.keys(schema['properties'] as Json).sort(), where).toEqual(['data', 'has_more', 'next_cursor']);
      expect(schema['required'], where).toEqual(expect.arrayContaining(['data', 'has_more', 'next_cursor']));
    }
  });

  it('should list in Problem.code every code the source answers', () => {
    const problem = document.components.schemas['Problem']!['properties'] as Record<string, Json>;
    const documented = new Set(problem['code']!['enum'] as string[]);
    expect([...documented].sort()).toEqual(Object.keys(PROBLEM_CODES).sort());
    const answered = codesInSource();
    expect(answered.size).toBeGreaterThan(30);
    const missing = [...answered].filter((code) => (code.endsWith('_*') ? ![...documented].some((d) => d.startsWith(code.slice(0, -1))) : !documented.has(code)));
    expect(missing).toEqual([]);
  });

  it('should type a transaction per type: a union discriminated by type, whose data is that type\'s schema', () => {
    for (const name of ['Transaction', 'TransactionDetail']) {
      const union = document.components.schemas[name]!;
      const mapping = (union['discriminator'] as { propertyName: string; mapping: Record<string, string> }).mapping;
      expect(Object.keys(mapping).sort(), name).toEqual([...TRANSACTION_TYPES].sort());
      for (const [type, ref] of Object.entries(mapping)) {
        const properties = schemaOf(ref)!['properties'] as Record<string, Json>;
        expect(properties['type'], `${name} ${type}`).toEqual({ type: 'string', const: type });
        expect(schemaOf(properties['data']!['$ref'])!['type'], `${name} ${type}`).toBe('object');
      }
    }
  });

  it('should type the problem extensions clients read', () => {
    const problem = document.components.schemas['Problem']!['properties'] as Record<string, Json>;
    for (const name of ['available', 'requested', 'limit', 'cap', 'remaining', 'currency', 'max_balance', 'retry_after']) {
      expect(problem[name]?.['type'], name).toEqual(expect.any(String));
    }
  });

  it('should name on every error response the codes it can carry', () => {
    // ledger.ts documents 409 on every write; only some writes have a refusal that answers it.
    const noConflict = new Set(['recordReturn', 'redeemPoints', 'reverseRedemption', 'createHold', 'adjustPoints', 'createConversion', 'recordActivity']);
    for (const { where, op } of operations) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400 && !(s === '409' && noConflict.has(op.operationId!)))) {
        expect(response['x-problem-codes'], `${where} ${status}`).toEqual(expect.arrayContaining([expect.any(String)]));
        for (const code of response['x-problem-codes']!) expect(response.description, `${where} ${status}`).toContain(`\`${code}\``);
      }
    }
    const redeem = operations.find((o) => o.op.operationId === 'redeemPoints')!.op;
    expect(redeem.responses['422']!['x-problem-codes']).toContain('insufficient_points');
    expect(redeem.responses['423']!['x-problem-codes']).toEqual(['member_blocked']);
  });

  it('should document the headers clients rely on', () => {
    for (const { where, op } of operations) {
      const idempotent = (op.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
      for (const [status, response] of Object.entries(op.responses)) {
        const headers = Object.keys(response.headers ?? {});
        const at = `${where} ${status}`;
        expect(headers, at).toContain('X-Request-Id');
        if (status === '429' || status === '503') expect(headers, at).toContain('Retry-After');
        if (status === '401') expect(headers, at).toContain('WWW-Authenticate');
        if (idempotent && status.startsWith('2')) expect(headers, at).toContain('Idempotent-Replayed');
        if (op.security?.length && (status.startsWith('2') || status === '429')) expect(headers, at).toEqual(expect.arrayContaining(['RateLimit', 'RateLimit-Policy']));
      }
    }
  });
});

describe('what the document promises, answered', () => {
  let t: TestApp;
  let p: ProgramFixture;
  useTestProgram((app, program) => {
    t = app;
    p = program;
  });

  it('should challenge a request without a key with WWW-Authenticate: Bearer, and a refused key with invalid_token', async () => {
    const bare = await t.call({ method: 'GET', url: '/v1/program' });
    expect(bare.statusCode).toBe(401);
    expect(bare.headers['www-authenticate']).toBe('Bearer realm="points-ledger"');
    const refused = await t.call({ method: 'GET', url: '/v1/program', key: 'plk_not_a_real_key_0123456789abcdef' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="points-ledger", error="invalid_token"');
  });

  it('should send the IETF RateLimit and RateLimit-Policy fields instead of x-ratelimit-*', async () => {
    const res = await t.call({ method: 'GET', url: '/v1/program', key: p.readKey });
    expect(res.statusCode).toBe(200);
    expect(res.headers['ratelimit']).toMatch(/^"default";r=\d+;t=\d+$/);
    expect(res.headers['ratelimit-policy']).toMatch(/^"default";q=\d+;w=\d+$/);
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('should answer transactions whose data matches the schema of their type', async () => {
    const member = await enroll(t, p.posKey, {});
    await purchase(t, p.posKey, member.id, 1250, { store_id: 'store-7' });
    expect((await post(t, p.adminKey, '/v1/adjustments', { member_id: member.id, points: 500, reason: 'goodwill' })).statusCode).toBe(201);
    expect((await post(t, p.adminKey, '/v1/adjustments', { member_id: member.id, points: -20, reason: 'correction' })).statusCode).toBe(201);
    const redemption = await post(t, p.posKey, '/v1/redemptions', { member_id: member.id, points: 40 });
    expect(redemption.statusCode, redemption.body).toBe(201);
    expect((await post(t, p.posKey, `/v1/redemptions/${redemption.json().redemption.id}/reversal`, { points: 10 })).statusCode).toBe(201);
    const hold = await post(t, p.posKey, '/v1/holds', { member_id: member.id, points: 30 });
    expect(hold.statusCode, hold.body).toBe(201);
    expect((await post(t, p.posKey, `/v1/holds/${hold.json().hold.id}/capture`, { points: 20 })).statusCode).toBe(201);
    const other = await post(t, p.posKey, '/v1/holds', { member_id: member.id, points: 5 });
    expect((await post(t, p.posKey, `/v1/holds/${other.json().hold.id}/void`, {})).statusCode).toBe(201);

    const history = await t.call({ method: 'GET', url: `/v1/members/${member.id}/transactions?limit=50`, key: p.readKey });
    expect(history.statusCode).toBe(200);
    const ajv = new Ajv2020({ strict: false, discriminator: false });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'doc', components: document.components });
    const page = JSON.parse(JSON.stringify(document.paths['/v1/members/{id}/transactions']!['get']!.responses['200']!.content!['application/json']!.schema).replaceAll('"#/components/', '"doc#/components/'));
    expect(ajv.validate(page, history.json()), ajv.errorsText()).toBe(true);
    const types = (history.json().data as { type: string }[]).map((txn) => txn.type);
    expect(types).toEqual(expect.arrayContaining(['earn', 'adjust', 'redeem', 'reversal', 'hold', 'capture', 'void']));
    const earn = (history.json().data as { type: string; data: Json }[]).find((txn) => txn.type === 'earn')!;
    expect(earn.data).toMatchObject({ amount: 1250, currency: 'AZN', rate: expect.any(Number), store_id: 'store-7', debt_paid: 0, lot_id: expect.any(String) });
    // Every declared key of a type's data is one the ledger writes.
    for (const txn of history.json().data as { type: string; data: Json }[]) {
      const declared = Object.keys((schemaOf(`#/components/schemas/${txn.type.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase())}TransactionData`)!['properties'] ?? {}) as Json);
      for (const key of Object.keys(txn.data)) expect(declared, `${txn.type}: ${key}`).toContain(key);
    }
  });

  it('should answer has_more on every list', async () => {
    await enroll(t, p.posKey, {});
    await enroll(t, p.posKey, {});
    const first = await t.call({ method: 'GET', url: '/v1/members?limit=1', key: p.readKey });
    expect(first.json()).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    const last = await t.call({ method: 'GET', url: `/v1/members?limit=5&cursor=${encodeURIComponent(first.json().next_cursor)}`, key: p.readKey });
    expect(last.json()).toMatchObject({ has_more: false, next_cursor: null });
    for (const url of ['/v1/api-keys', '/v1/rates', '/v1/webhooks', `/v1/members/${first.json().data[0].id}/transactions`]) {
      const res = await t.call({ method: 'GET', url, key: p.adminKey });
      expect(res.statusCode, url).toBe(200);
      expect(res.json(), url).toMatchObject({ data: expect.any(Array), has_more: false, next_cursor: null });
    }
  });
});
