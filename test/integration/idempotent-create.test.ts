import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, createProgramFixture, useTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';

// Idempotency-Key on the creating POSTs outside the ledger: optional, and when sent a retry gets the first response.
let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, fixture) => ((t = app), (p = fixture)), { env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });

interface Creation {
  name: string;
  url: string;
  key: () => string;
  body: (n: number) => Record<string, unknown>;
  /** How many resources the body of `n` created. */
  count: (n: number) => Promise<number>;
}

const countRows = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(t.db)).rows[0]!.n);

const creations: Creation[] = [
  {
    name: 'members',
    url: '/v1/members',
    key: () => p.adminKey,
    body: (n) => ({ name: `Idem member ${n}` }),
    count: (n) => countRows(sql<{ n: string }>`SELECT count(*) AS n FROM members WHERE program_id = ${p.programId} AND name = ${`Idem member ${n}`}`),
  },
  {
    name: 'programs',
    url: '/v1/programs',
    key: () => OPERATOR_TOKEN,
    body: (n) => ({ name: `Idem program ${n}` }),
    count: (n) => countRows(sql<{ n: string }>`SELECT count(*) AS n FROM programs WHERE name = ${`Idem program ${n}`}`),
  },
  {
    name: 'api-keys',
    url: '/v1/api-keys',
    key: () => p.adminKey,
    body: (n) => ({ role: 'pos', name: `idem till ${n}` }),
    count: (n) => countRows(sql<{ n: string }>`SELECT count(*) AS n FROM api_keys WHERE program_id = ${p.programId} AND name = ${`idem till ${n}`}`),
  },
  {
    name: 'webhooks',
    url: '/v1/webhooks',
    key: () => p.adminKey,
    body: (n) => ({ url: `http://127.0.0.1:9/hook-${n}` }),
    count: (n) => countRows(sql<{ n: string }>`SELECT count(*) AS n FROM webhook_endpoints WHERE program_id = ${p.programId} AND url = ${`http://127.0.0.1:9/hook-${n}`}`),
  },
];

let counter = 0;

describe.each(creations)('Idempotency-Key on POST $url', (c) => {
  const create = (body: Record<string, unknown>, idempotencyKey?: string) =>
    t.call({ method: 'POST', url: c.url, key: c.key(), payload: body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });

  it('should answer a retry with the first response, marked as replayed, and create one resource', async () => {
    const n = ++counter;
    const idem = randomUUID();
    const first = await create(c.body(n), idem);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await create(c.body(n), idem);
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    // The same resource, secrets included: a client that lost the first answer needs them.
    expect(retry.body).toBe(first.body);
    expect(await c.count(n)).toBe(1);
  });

  it('should refuse the key with another body: 422 idempotency_key_reused', async () => {
    const n = ++counter;
    const idem = randomUUID();
    expect((await create(c.body(n), idem)).statusCode).toBe(201);
    const other = await create(c.body(++counter), idem);
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('should create one resource for concurrent duplicates', async () => {
    const n = ++counter;
    const idem = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => create(c.body(n), idem)));
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(201);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    expect(await c.count(n)).toBe(1);
  });

  it('should still create without the header', async () => {
    const n = ++counter;
    expect((await create(c.body(n))).statusCode).toBe(201);
    expect((await create(c.body(n))).statusCode).toBe(201);
    expect(await c.count(n)).toBe(2);
  });
});

describe('Idempotency-Key scope', () => {
  it('should keep one program\'s keys apart from another\'s', async () => {
    const other = await createProgramFixture(t);
    const idem = randomUUID();
    const mine = await t.call({ method: 'POST', url: '/v1/members', key: p.adminKey, payload: { name: 'Scoped' }, headers: { 'idempotency-key': idem } });
    const theirs = await t.call({ method: 'POST', url: '/v1/members', key: other.adminKey, payload: { name: 'Scoped' }, headers: { 'idempotency-key': idem } });
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('should refuse a key already used for another operation', async () => {
    const idem = randomUUID();
    expect((await t.call({ method: 'POST', url: '/v1/members', key: p.adminKey, payload: { name: 'First' }, headers: { 'idempotency-key': idem } })).statusCode).toBe(201);
    const keyCreation = await t.call({ method: 'POST', url: '/v1/api-keys', key: p.adminKey, payload: { role: 'read' }, headers: { 'idempotency-key': idem } });
    expect(keyCreation.statusCode).toBe(422);
    expect(keyCreation.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('should validate the header like ledger writes do', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/members', key: p.adminKey, payload: {}, headers: { 'idempotency-key': 'has space' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ location: 'header', pointer: '/idempotency-key' });
  });
});
