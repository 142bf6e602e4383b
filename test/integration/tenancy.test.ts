import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, issueKey, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
let a: ProgramFixture;
let b: ProgramFixture;
let memberOfA: { id: string; loyalty_id: string };

beforeAll(async () => {
  t = await createTestApp();
  [a, b] = await Promise.all([createProgramFixture(t), createProgramFixture(t)]);
  memberOfA = await enroll(t, a.posKey, { external_ref: 'shared-ref', name: 'Leyla of A', phone: '+994501112233', branch: 'Center' });
  await enroll(t, b.posKey, { external_ref: 'b-only', name: 'Murad of B', branch: 'Center' });
});
afterAll(() => t.close());

describe('tenant isolation', () => {
  it("should answer 404 member_not_found when another program reads a member, with every role", async () => {
    for (const key of [b.readKey, b.posKey, b.adminKey]) {
      expectProblem(await t.call({ method: 'GET', url: `/v1/members/${memberOfA.id}`, key }), 404, 'member_not_found');
    }
    expect((await t.call({ method: 'GET', url: `/v1/members/${memberOfA.id}`, key: a.readKey })).statusCode).toBe(200);
  });

  it("should answer 404 member_not_found when another program updates a member, and change nothing", async () => {
    expectProblem(
      await t.call({ method: 'PATCH', url: `/v1/members/${memberOfA.id}`, key: b.posKey, payload: { name: 'hijacked', status: 'blocked' } }),
      404,
      'member_not_found',
    );
    const member = (await t.call({ method: 'GET', url: `/v1/members/${memberOfA.id}`, key: a.readKey })).json();
    expect(member).toMatchObject({ name: 'Leyla of A', status: 'active' });
  });

  it("should never list another program's members, whatever the filter", async () => {
    const queries = ['', '?q=Leyla', `?q=${memberOfA.loyalty_id}`, '?phone=%2B994501112233', '?external_ref=shared-ref', `?loyalty_id=${memberOfA.loyalty_id}`, '?branch=Center'];
    for (const query of queries) {
      const res = await t.call({ method: 'GET', url: `/v1/members${query}`, key: b.readKey });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.map((m: { id: string }) => m.id), query).not.toContain(memberOfA.id);
    }
    const all = (await t.call({ method: 'GET', url: '/v1/members?branch=Center', key: b.readKey })).json();
    expect(all.data.map((m: { name: string }) => m.name)).toEqual(['Murad of B']);
  });

  it('should let each program use the same external_ref for its own member', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/members', key: b.posKey, payload: { external_ref: 'shared-ref' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().id).not.toBe(memberOfA.id);
  });

  it("should answer 404 when an admin revokes another program's key, and leave that key working", async () => {
    const keyOfA = await issueKey(t, a.adminKey, 'read');
    expectProblem(await t.call({ method: 'DELETE', url: `/v1/api-keys/${keyOfA.id}`, key: b.adminKey }), 404, 'api_key_not_found');
    expect((await t.call({ method: 'GET', url: '/v1/members', key: keyOfA.secret })).statusCode).toBe(200);
  });

  it("should never list another program's API keys", async () => {
    const keyOfA = await issueKey(t, a.adminKey, 'pos');
    const listed = (await t.call({ method: 'GET', url: '/v1/api-keys?limit=200', key: b.adminKey })).json();
    expect(listed.data.map((k: { id: string }) => k.id)).not.toContain(keyOfA.id);
    expect(listed.data).toHaveLength(3);
  });

  it('should show each key its own program', async () => {
    expect((await t.call({ method: 'GET', url: '/v1/program', key: a.readKey })).json().id).toBe(a.programId);
    expect((await t.call({ method: 'GET', url: '/v1/program', key: b.readKey })).json().id).toBe(b.programId);
  });
});
