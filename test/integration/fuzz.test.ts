import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { OPERATOR_TOKEN, enroll, type ProgramFixture, type TestApp, useTestProgram } from '../helpers/app.ts';
import { expectTrialBalanceOk } from '../helpers/ledger.ts';

/**
 * Schema-driven fuzzing of every operation in the committed OpenAPI document: requests generated from each
 * operation's own parameter and body schemas, mixed with what clients and attackers really send (NUL bytes, lone
 * surrogates, huge and negative numbers, wrong types, unknown fields and parameters). Whatever comes in, the answer
 * is never a 5xx, its status is one the document lists for the operation, its body matches the documented schema,
 * and the ledger's trial balance stays clean.
 */

type Schema = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
}

const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  components: { schemas: Record<string, Schema> };
};

const DOC_ID = 'openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: false, discriminator: false });
addFormats.default(ajv);
ajv.addSchema({ $id: DOC_ID, components: doc.components });

/** A response schema whose local $refs point into the document registered with Ajv. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(
      Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : rebase(v)]),
    );
  }
  return schema;
}

function resolve(schema: Schema): Schema {
  const ref = schema['$ref'];
  if (typeof ref === 'string') return resolve(doc.components.schemas[ref.replace('#/components/schemas/', '')]!);
  return schema;
}

/** Strings a till, a CRM or an attacker sends. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x\uD800y',
  '\uDFFF',
  '🙂'.repeat(3),
  "'; DROP TABLE members; --",
  '../../etc/passwd',
  '%00',
  'a'.repeat(5000),
  '9'.repeat(23),
  'eyJ2IjoiYWJjIn0',
  '2026-02-30T25:61:00Z',
  '9999-12-31T23:59:59Z',
  '-1',
  'null',
];
const HOSTILE_NUMBERS = [-1, 0, 1, -9007199254740991, 9007199254740991, 2 ** 53 + 1, 1e15, 1e21, 1e308, 0.5, -0.0001];

const hostile = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, null, true, [], {}),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Values for a schema: mostly well-formed (so requests get past validation), sometimes hostile. */
function valueOf(schemaIn: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(schemaIn);
  const alternatives = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueOf(s, depth)));
  if (Array.isArray(schema['allOf'])) return valueOf((schema['allOf'] as Schema[])[0]!, depth);
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  const examples = Array.isArray(schema['examples']) ? (schema['examples'] as unknown[]) : [];
  const type = Array.isArray(schema['type']) ? (schema['type'] as string[])[0] : (schema['type'] as string | undefined);
  const wellFormed = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'object': {
        if (depth > 3) return fc.constant({});
        const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
        const required = new Set((schema['required'] ?? []) as string[]);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [name, property] of Object.entries(properties)) record[name] = valueOf(property, depth + 1);
        const requiredKeys = Object.keys(properties).filter((k) => required.has(k));
        return fc.record(record, { requiredKeys }).map((value) => value as unknown);
      }
      case 'array':
        return fc.array(valueOf((schema['items'] ?? {}) as Schema, depth + 1), { maxLength: 3 });
      case 'integer': {
        const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : -1000;
        const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : 100_000;
        return fc.oneof(fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 100_000) }), fc.constantFrom(min, max));
      }
      case 'number':
        return fc.oneof(fc.double({ min: 0, max: 1000, noNaN: true }), fc.constantFrom(1, 12.5));
      case 'boolean':
        return fc.boolean();
      case 'string':
        if (schema['format'] === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
        if (schema['format'] === 'date') return fc.constantFrom('1990-05-17', '2000-02-29', '2026-12-31');
        if (schema['format'] === 'email') return fc.constantFrom('a@example.com', 'x.y@example.org');
        if (schema['format'] === 'uri') return fc.constantFrom('https://example.com/hook', 'http://127.0.0.1/x', 'https://u:p@example.com/?token=s');
        return fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('AZN', 'USD', 'EUR', 'GBP', '+994501234567', 'R-1'));
      default:
        return fc.constant('x');
    }
  })();
  return fc.oneof(
    { arbitrary: wellFormed, weight: 6 },
    ...(examples.length > 0 ? [{ arbitrary: fc.constantFrom(...examples), weight: 3 }] : []),
    { arbitrary: hostile, weight: 1 },
  );
}

const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, ...op, parameters: op.parameters ?? [] })),
);

let t: TestApp;
let p: ProgramFixture;
const ids: Record<string, string[]> = {};
useTestProgram((app, program) => {
  t = app;
  p = program;
});

/** Real ids, so generated requests also reach resources that exist, not only 404s. */
async function seed(): Promise<void> {
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.call({ method: 'POST', url, key: p.adminKey, payload, headers: { 'idempotency-key': `seed-${url}-${Math.random()}` } });
    return res.json();
  };
  const members = await Promise.all([enroll(t, p.posKey), enroll(t, p.posKey)]);
  ids['mem'] = members.map((m) => m.id);
  const purchase = await post('/v1/purchases', { member_id: members[0]!.id, receipt_id: 'seed-1', amount: { amount: 100_000, currency: 'AZN' } });
  ids['pur'] = [purchase.purchase.id];
  const redemption = await post('/v1/redemptions', { member_id: members[0]!.id, points: 10 });
  ids['red'] = [redemption.redemption.id];
  const hold = await post('/v1/holds', { member_id: members[0]!.id, points: 10 });
  ids['hld'] = [hold.hold.id];
}

function pathValue(op: Operation, name: string): fc.Arbitrary<string> {
  const parameter = op.parameters.find((x) => x.in === 'path' && x.name === name);
  const prefix = /\/v1\/(members|purchases|redemptions|holds)\//.exec(op.path)?.[1];
  const real = prefix ? (ids[{ members: 'mem', purchases: 'pur', redemptions: 'red', holds: 'hld' }[prefix]!] ?? []) : [];
  // An empty segment would address another route (or none), not this operation.
  const generated = (parameter ? valueOf(parameter.schema).map(String) : fc.constant('x')).filter((v) => v.length > 0);
  return fc.oneof(...(real.length > 0 ? [fc.constantFrom(...real)] : []), generated, fc.constantFrom('mem_%00', 'x%ED%A0%80', '%F0%9F%99%82', '00000000000000000000000'));
}

const requestFor = (op: Operation) =>
  fc.record({
    path: fc.tuple(...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => pathValue(op, m[1]!).map((v) => [m[1]!, v] as const))),
    query: fc.record(
      Object.fromEntries(op.parameters.filter((x) => x.in === 'query').map((x) => [x.name, valueOf(x.schema)])),
      { requiredKeys: [] },
    ),
    unknownQuery: fc.option(fc.constantFrom({ zz_unknown: '1' }, { after: 'x', cursor: 'y' }), { freq: 4 }),
    body: op.requestBody ? fc.option(valueOf(Object.values(op.requestBody.content)[0]!.schema), { freq: 10 }) : fc.constant(null),
    extraField: fc.option(fc.constantFrom({ zz_extra: 1 }, { member_id: 'mem_\u0000' }), { freq: 5 }),
  });

/** Percent-encodes a path segment; a lone surrogate, which UTF-8 cannot carry, goes as its WTF-8 bytes. */
function encodePathSegment(value: string): string {
  return [...value]
    .map((char) => {
      const code = char.charCodeAt(0);
      if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      }
      return encodeURIComponent(char);
    })
    .join('');
}

function encodeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) v.forEach((item) => params.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item)));
    else params.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

// A fixed seed keeps a run reproducible; FUZZ_SEED and FUZZ_RUNS explore further (a failure names its request).
const RUNS_PER_OPERATION = Number(process.env['FUZZ_RUNS'] ?? 25);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261130);

describe('every operation of openapi/openapi.json under generated and hostile requests', () => {
  it('answers no 5xx, only documented statuses with documented bodies, and keeps the trial balance clean', async () => {
    await seed();
    const problems: string[] = [];
    let seedNumber = SEED;
    for (const op of operations) {
      const samples = fc.sample(requestFor(op), { numRuns: RUNS_PER_OPERATION, seed: seedNumber++ });
      for (const sample of samples) {
        let url = op.path;
        for (const [name, value] of sample.path) url = url.replace(`{${name}}`, /%[0-9A-F]{2}/.test(value) ? value : encodePathSegment(value));
        url += encodeQuery({ ...sample.query, ...(sample.unknownQuery ?? {}) });
        const body = sample.body === null ? undefined : sample.extraField && sample.body && typeof sample.body === 'object' && !Array.isArray(sample.body) ? { ...sample.body, ...sample.extraField } : sample.body;
        const key = op.path === '/v1/programs' && op.method === 'POST' ? OPERATOR_TOKEN : p.adminKey;
        const res = await t.call({
          method: op.method as 'GET',
          url,
          key,
          headers: { 'idempotency-key': `fuzz-${Math.random().toString(36).slice(2)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) as string }),
        });
        const where = `${op.method} ${url} ${body === undefined ? '' : JSON.stringify(body).slice(0, 300)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
        if (res.statusCode >= 500) {
          problems.push(`5xx: ${where}`);
          continue;
        }
        const documented = op.responses[String(res.statusCode)] ?? op.responses['default'];
        if (!documented) {
          problems.push(`undocumented status: ${where}`);
          continue;
        }
        const content = documented.content ? Object.entries(documented.content)[0] : undefined;
        if (content && res.body.length > 0) {
          const validate = ajv.compile(rebase(content[1].schema) as object);
          if (!validate(res.json())) problems.push(`body breaks its schema (${ajv.errorsText(validate.errors)}): ${where}`);
        }
      }
    }
    expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
    await expectTrialBalanceOk(t, p.adminKey);
  }, 300_000);
});
