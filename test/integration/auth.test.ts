import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { OPERATOR_TOKEN, UNREACHABLE_DATABASE_URL, createProgram, createTestApp, enroll, issueKey, type ProgramFixture, type TestApp, useTestProgram } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, program) => {
  t = app;
  p = program;
});

describe('authentication', () => {
  it('should answer 401 unauthenticated without an Authorization header', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/v1/members' }), 401, 'unauthenticated');
  });

  it.each([
    ['a Basic header', () => `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['a bare Bearer', () => 'Bearer'],
    ['a Bearer with two tokens', () => `Bearer ${p.readKey} extra`],
    ['the key without Bearer', () => p.readKey],
  ])('should answer 401 unauthenticated for %s', async (_name, header) => {
    expectProblem(await t.call({ method: 'GET', url: '/v1/members', headers: { authorization: header() } }), 401, 'unauthenticated');
  });

  it('should answer 401 unauthenticated for a key that does not exist', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: 'plk_notarealkey0000000000000000000000000000' }), 401, 'unauthenticated');
  });

  it('should accept the scheme name in any case', async () => {
    const res = await t.call({ method: 'GET', url: '/v1/members', headers: { authorization: `bearer ${p.readKey}` } });
    expect(res.statusCode).toBe(200);
  });

  it('should not accept the operator token as an API key', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: OPERATOR_TOKEN }), 401, 'unauthenticated');
  });
});

describe('roles', () => {
  it('should let read, pos and admin keys read members', async () => {
    for (const key of [p.readKey, p.posKey, p.adminKey]) expect((await t.call({ method: 'GET', url: '/v1/members', key })).statusCode).toBe(200);
  });

  it('should answer 403 forbidden when a read key enrolls a member', async () => {
    const problem = expectProblem(await t.call({ method: 'POST', url: '/v1/members', key: p.readKey, payload: {} }), 403, 'forbidden');
    expect(problem.detail).toContain('read');
  });

  it('should answer 403 forbidden when a read key updates a member', async () => {
    const member = await enroll(t, p.posKey);
    expectProblem(await t.call({ method: 'PATCH', url: `/v1/members/${member.id}`, key: p.readKey, payload: { name: 'x' } }), 403, 'forbidden');
  });

  it('should answer 403 forbidden when a pos key issues an API key', async () => {
    expectProblem(await t.call({ method: 'POST', url: '/v1/api-keys', key: p.posKey, payload: { role: 'admin' } }), 403, 'forbidden');
  });

  it('should answer 403 forbidden when a pos or read key lists or revokes API keys', async () => {
    const victim = await issueKey(t, p.adminKey, 'read');
    for (const key of [p.posKey, p.readKey]) {
      expectProblem(await t.call({ method: 'GET', url: '/v1/api-keys', key }), 403, 'forbidden');
      expectProblem(await t.call({ method: 'DELETE', url: `/v1/api-keys/${victim.id}`, key }), 403, 'forbidden');
    }
    expect((await t.call({ method: 'GET', url: '/v1/members', key: victim.secret })).statusCode).toBe(200);
  });

  it('should check the key before validating the body, so a forbidden caller learns nothing about the schema', async () => {
    expectProblem(await t.call({ method: 'POST', url: '/v1/members', key: p.readKey, payload: { phone: 'nope' } }), 403, 'forbidden');
    expectProblem(await t.call({ method: 'POST', url: '/v1/members', payload: { phone: 'nope' } }), 401, 'unauthenticated');
  });
});

describe('POST /v1/programs', () => {
  it('should create a program and its first admin key with the operator token', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/programs', key: OPERATOR_TOKEN, payload: { name: 'Coffee Club' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.program).toMatchObject({ id: expect.stringMatching(/^prg_/), name: 'Coffee Club' });
    expect(body.api_key).toMatchObject({ id: expect.stringMatching(/^key_/), role: 'admin', secret: expect.stringMatching(/^plk_/) });
    expect((await t.call({ method: 'GET', url: '/v1/program', key: body.api_key.secret })).json()).toMatchObject({ id: body.program.id });
  });

  it('should answer 401 without a token or with a wrong operator token', async () => {
    expectProblem(await t.call({ method: 'POST', url: '/v1/programs', payload: { name: 'x' } }), 401, 'unauthenticated');
    expectProblem(await t.call({ method: 'POST', url: '/v1/programs', key: `${OPERATOR_TOKEN}x`, payload: { name: 'x' } }), 401, 'unauthenticated');
    expectProblem(await t.call({ method: 'POST', url: '/v1/programs', key: 'short', payload: { name: 'x' } }), 401, 'unauthenticated');
  });

  it('should not accept an admin API key in place of the operator token', async () => {
    expectProblem(await t.call({ method: 'POST', url: '/v1/programs', key: p.adminKey, payload: { name: 'x' } }), 401, 'unauthenticated');
  });

  it('should answer 403 operator_disabled when the service has no operator token', async () => {
    // The token is checked before any query, so this app needs no database.
    const bare = await createTestApp({ env: { OPERATOR_TOKEN: '' }, databaseUrl: UNREACHABLE_DATABASE_URL });
    try {
      expectProblem(await bare.call({ method: 'POST', url: '/v1/programs', key: OPERATOR_TOKEN, payload: { name: 'x' } }), 403, 'operator_disabled');
    } finally {
      await bare.close();
    }
  });
});

describe('API keys', () => {
  it('should return the secret only when the key is created', async () => {
    const issued = await t.call({ method: 'POST', url: '/v1/api-keys', key: p.adminKey, payload: { role: 'pos', name: 'till 3' } });
    expect(issued.statusCode).toBe(201);
    const key = issued.json();
    expect(key).toMatchObject({ id: expect.stringMatching(/^key_/), role: 'pos', name: 'till 3', secret: expect.stringMatching(/^plk_/), revoked_at: null });
    expect(key.secret_hint).toBe(key.secret.slice(0, key.secret_hint.length));

    const list = await t.call({ method: 'GET', url: '/v1/api-keys?limit=200', key: p.adminKey });
    expect(list.statusCode).toBe(200);
    const listed = list.json().data.find((k: { id: string }) => k.id === key.id);
    expect(listed).toMatchObject({ id: key.id, role: 'pos', secret_hint: key.secret_hint });
    expect(listed).not.toHaveProperty('secret');
    expect(list.body).not.toContain(key.secret);
  });

  it('should store only a hash of the secret', async () => {
    const key = await issueKey(t, p.adminKey, 'read');
    const row = await t.db.selectFrom('api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(row.secret_hash.equals(createHash('sha256').update(key.secret).digest())).toBe(true);
    const { rows } = await sql<{ dump: string }>`SELECT string_agg(k::text, ' ') AS dump FROM api_keys k`.execute(t.db);
    expect(rows[0]!.dump).not.toContain(key.secret);
    expect(rows[0]!.dump).not.toContain(key.secret.slice(10));
  });

  it('should refuse a revoked key on the very next request', async () => {
    const key = await issueKey(t, p.adminKey, 'pos');
    expect((await t.call({ method: 'GET', url: '/v1/members', key: key.secret })).statusCode).toBe(200);

    const revoked = await t.call({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, key: p.adminKey });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: key.id, revoked_at: expect.any(String) });

    const problem = expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: key.secret }), 401, 'unauthenticated');
    expect(problem.detail).toMatch(/revoked/);
  });

  it('should keep the first revocation time when a key is revoked twice', async () => {
    const key = await issueKey(t, p.adminKey, 'read');
    const first = (await t.call({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, key: p.adminKey })).json();
    const second = await t.call({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, key: p.adminKey });
    expect(second.statusCode).toBe(200);
    expect(second.json().revoked_at).toBe(first.revoked_at);
  });

  it('should let an admin revoke its own key, after which it is refused', async () => {
    const { api_key } = await createProgram(t);
    expect((await t.call({ method: 'DELETE', url: `/v1/api-keys/${api_key.id}`, key: api_key.secret })).statusCode).toBe(200);
    expectProblem(await t.call({ method: 'GET', url: '/v1/api-keys', key: api_key.secret }), 401, 'unauthenticated');
  });

  it('should answer 404 api_key_not_found for an unknown key id', async () => {
    expectProblem(await t.call({ method: 'DELETE', url: '/v1/api-keys/key_01jdq3v7f8e9t0sw2p1x5m3k4z', key: p.adminKey }), 404, 'api_key_not_found');
  });

  it('should validate the role', async () => {
    const problem = expectProblem(await t.call({ method: 'POST', url: '/v1/api-keys', key: p.adminKey, payload: { role: 'root' } }), 400, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/role', location: 'body' })]);
  });
});
