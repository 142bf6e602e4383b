import { beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, enroll, type ProgramFixture, type TestApp, useTestProgram } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, program) => {
  t = app;
  p = program;
});

const enrollRaw = (payload: unknown) => t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: payload as Record<string, unknown> });
const patch = (id: string, payload: Record<string, unknown>) => t.call({ method: 'PATCH', url: `/v1/members/${id}`, key: p.posKey, payload });
const get = (id: string) => t.call({ method: 'GET', url: `/v1/members/${id}`, key: p.readKey });

describe('members', () => {
  describe('POST /v1/members', () => {
    it('should assign an 8-digit loyalty id and return the whole member', async () => {
      const res = await enrollRaw({
        external_ref: 'crm-1',
        phone: '+994501234567',
        name: 'Aysel',
        email: 'aysel@example.com',
        birth_date: '1990-04-30',
        gender: 'female',
        branch: 'Baku-28May',
      });
      expect(res.statusCode).toBe(201);
      // Integrators code against these names; later fields may be added, none renamed.
      expect(res.json()).toMatchObject({
        id: expect.stringMatching(/^mem_[0-9a-z]{26}$/),
        loyalty_id: expect.stringMatching(/^[1-9]\d{7}$/),
        external_ref: 'crm-1',
        status: 'active',
        status_reason: null,
        name: 'Aysel',
        phone: '+994501234567',
        email: 'aysel@example.com',
        birth_date: '1990-04-30',
        gender: 'female',
        branch: 'Baku-28May',
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        updated_at: expect.any(String),
      });
      // The card may carry more (balances, counts); it keeps every field enrollment returned.
      expect((await get(res.json().id)).json()).toMatchObject(res.json());
    });

    it('should enroll a member with no profile at all', async () => {
      const res = await enrollRaw({});
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ external_ref: null, name: null, phone: null, status: 'active' });
    });

    it('should answer 409 member_exists naming the existing member', async () => {
      const first = await enroll(t, p.posKey, { external_ref: 'crm-dup' });
      const problem = expectProblem(await enrollRaw({ external_ref: 'crm-dup' }), 409, 'member_exists');
      expect(problem).toMatchObject({ member_id: first.id, loyalty_id: first.loyalty_id });
    });

    it('should enroll exactly one member when the same external_ref arrives concurrently', async () => {
      const responses = await Promise.all(Array.from({ length: 10 }, () => enrollRaw({ external_ref: 'crm-race' })));
      const statuses = responses.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      const created = responses.find((r) => r.statusCode === 201)!.json();
      for (const r of responses.filter((x) => x.statusCode === 409)) expect(r.json().member_id).toBe(created.id);
    });

    it('should give 200 concurrent enrollments 200 distinct 8-digit loyalty ids', async () => {
      const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => enrollRaw({ name: `Bulk ${i}` })));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(200).fill(201));
      const members = responses.map((r) => r.json() as { id: string; loyalty_id: string });
      expect(members.every((m) => /^[1-9]\d{7}$/.test(m.loyalty_id))).toBe(true);
      expect(new Set(members.map((m) => m.loyalty_id)).size).toBe(200);
      expect(new Set(members.map((m) => m.id)).size).toBe(200);
    });

    describe('validation', () => {
      it.each(['994501234567', '+0994501234567', '+99450', '+994 50 123 45 67', '+9945012345678901', 'phone'])(
        'should refuse phone %s with pointer /phone',
        async (phone) => {
          const problem = expectProblem(await enrollRaw({ phone }), 400, 'validation_failed');
          expect(problem.errors).toEqual([{ pointer: '/phone', location: 'body', message: expect.stringContaining('E.164') }]);
        },
      );

      it.each(['not-an-email', 'a@', '@example.com'])('should refuse email %s with pointer /email', async (email) => {
        const problem = expectProblem(await enrollRaw({ email }), 400, 'validation_failed');
        expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/email', location: 'body' })]);
      });

      it.each(['1990-13-01', '1990-02-30', '30.04.1990', '1990-04-30T00:00:00Z', ''])('should refuse birth_date %s with pointer /birth_date', async (birthDate) => {
        const problem = expectProblem(await enrollRaw({ birth_date: birthDate }), 400, 'validation_failed');
        expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/birth_date', location: 'body' })]);
      });

      it('should refuse an unknown field, pointing at it', async () => {
        const problem = expectProblem(await enrollRaw({ name: 'x', loyalty_id: '12345678' }), 400, 'validation_failed');
        expect(problem.errors).toEqual([{ pointer: '/loyalty_id', location: 'body', message: 'is not a known field' }]);
      });

      it('should point at each unknown field, escaping it as a JSON Pointer', async () => {
        const problem = expectProblem(await enrollRaw({ tier: 'gold', 'a/b~c': 1 }), 400, 'validation_failed');
        expect(problem.errors!.map((e) => e.pointer).sort()).toEqual(['/a~1b~0c', '/tier']);
      });

      it('should report every invalid field at once', async () => {
        const problem = expectProblem(await enrollRaw({ phone: 'x', email: 'y', gender: 'robot', name: '' }), 400, 'validation_failed');
        expect(problem.errors!.map((e) => e.pointer).sort()).toEqual(['/email', '/gender', '/name', '/phone']);
        expect(problem.detail).toBe('The request has 4 invalid fields.');
      });

      it.each([['a JSON array', []], ['a string', 'member'], ['null', null]])('should refuse %s as the body', async (_name, payload) => {
        expectProblem(
          await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) }),
          400,
          'validation_failed',
        );
      });

      it('should not store anything when validation fails', async () => {
        await enrollRaw({ external_ref: 'never-stored', phone: 'bad' });
        const res = await t.call({ method: 'GET', url: '/v1/members?external_ref=never-stored', key: p.readKey });
        expect(res.json().data).toEqual([]);
      });
    });
  });

  describe('GET /v1/members/:id', () => {
    it('should answer 404 member_not_found for an id that does not exist', async () => {
      expectProblem(await get('mem_01jdq3v7f8e9t0sw2p1x5m3k4z'), 404, 'member_not_found');
    });

    it('should answer 404, not 500, for an id that is not a member id at all', async () => {
      for (const id of ['nope', 'key_01jdq3v7f8e9t0sw2p1x5m3k4z', "mem_'; DROP TABLE members;--", '%00']) {
        expectProblem(await get(encodeURIComponent(id)), 404, 'member_not_found');
      }
    });
  });

  describe('PATCH /v1/members/:id', () => {
    it('should update the profile fields it names and keep the others', async () => {
      const member = await enroll(t, p.posKey, { name: 'Old', phone: '+994501000001', branch: 'A' });
      const res = await patch(member.id, { name: 'New', branch: 'B' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: member.id, loyalty_id: member.loyalty_id, name: 'New', branch: 'B', phone: '+994501000001' });
      expect((await get(member.id)).json()).toMatchObject({ name: 'New', branch: 'B', phone: '+994501000001' });
    });

    it('should clear a field set to null', async () => {
      const member = await enroll(t, p.posKey, { name: 'Clear me', email: 'c@example.com', birth_date: '2000-01-01' });
      const res = await patch(member.id, { email: null, birth_date: null });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Clear me', email: null, birth_date: null });
    });

    it('should move updated_at and keep created_at', async () => {
      const member = (await enrollRaw({ name: 'T' })).json();
      await new Promise((r) => setTimeout(r, 5));
      const updated = (await patch(member.id, { name: 'T2' })).json();
      expect(updated.created_at).toBe(member.created_at);
      expect(Date.parse(updated.updated_at)).toBeGreaterThan(Date.parse(member.updated_at));
    });

    it('should record why and when the status changed', async () => {
      const member = await enroll(t, p.posKey);
      const res = await patch(member.id, { status: 'blocked', status_reason: 'card reported stolen' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'blocked', status_reason: 'card reported stolen' });
      const row = await t.db.selectFrom('members').select(['status', 'status_reason', 'status_changed_at']).where('id', '=', member.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'blocked', status_reason: 'card reported stolen', status_changed_at: expect.any(Date) });

      const reactivated = (await patch(member.id, { status: 'active' })).json();
      expect(reactivated).toMatchObject({ status: 'active', status_reason: null });
    });

    it('should refuse a status that does not exist', async () => {
      const member = await enroll(t, p.posKey);
      const problem = expectProblem(await patch(member.id, { status: 'deleted' }), 400, 'validation_failed');
      expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/status' })]);
    });

    it('should answer 409 member_exists when external_ref belongs to another member', async () => {
      await enroll(t, p.posKey, { external_ref: 'taken-ref' });
      const member = await enroll(t, p.posKey, { external_ref: 'mine' });
      expectProblem(await patch(member.id, { external_ref: 'taken-ref' }), 409, 'member_exists');
      expect((await get(member.id)).json().external_ref).toBe('mine');
    });

    it('should let a member keep its own external_ref', async () => {
      const member = await enroll(t, p.posKey, { external_ref: 'self-ref' });
      expect((await patch(member.id, { external_ref: 'self-ref', name: 'Same' })).statusCode).toBe(200);
    });

    it('should refuse fields a member may not change', async () => {
      const member = await enroll(t, p.posKey);
      for (const payload of [{ loyalty_id: '12345678' }, { id: 'mem_x' }, { created_at: '2020-01-01T00:00:00Z' }]) {
        const problem = expectProblem(await patch(member.id, payload), 400, 'validation_failed');
        expect(problem.errors).toEqual([expect.objectContaining({ pointer: `/${Object.keys(payload)[0]}` })]);
      }
      expect((await get(member.id)).json().loyalty_id).toBe(member.loyalty_id);
    });

    it('should validate the phone on update too', async () => {
      const member = await enroll(t, p.posKey);
      const problem = expectProblem(await patch(member.id, { phone: '0501234567' }), 400, 'validation_failed');
      expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/phone' })]);
    });

    it('should answer 404 member_not_found for an unknown member', async () => {
      expectProblem(await patch('mem_01jdq3v7f8e9t0sw2p1x5m3k4z', { name: 'x' }), 404, 'member_not_found');
    });
  });

  describe('GET /v1/members filters', () => {
    let f: ProgramFixture;
    let aysel: { id: string; loyalty_id: string };
    let rashad: { id: string; loyalty_id: string };
    let blocked: { id: string; loyalty_id: string };
    const search = async (query: string) => {
      const res = await t.call({ method: 'GET', url: `/v1/members?${query}`, key: f.readKey });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().data as { id: string }[]).map((m) => m.id);
    };

    beforeAll(async () => {
      // A program of its own, so other tests' members never match.
      f = await createProgramFixture(t);
      aysel = await enroll(t, f.posKey, { name: 'Aysel Mammadova', phone: '+994501234567', branch: 'Baku-28May', external_ref: 'CRM-1' });
      rashad = await enroll(t, f.posKey, { name: 'Rashad Aliyev', phone: '+994557654321', branch: 'Ganja', external_ref: 'CRM-2' });
      blocked = await enroll(t, f.posKey, { name: 'Nigar 100% Aliyeva', phone: '+994709999999', branch: 'Ganja', external_ref: 'CRM-3' });
      await t.call({ method: 'PATCH', url: `/v1/members/${blocked.id}`, key: f.posKey, payload: { status: 'blocked', status_reason: 'fraud' } });
    });

    it('should list every member in enrollment order without a filter', async () => {
      expect(await search('')).toEqual([aysel.id, rashad.id, blocked.id]);
    });

    it('should match q against part of the name, in any case', async () => {
      expect(await search('q=mammad')).toEqual([aysel.id]);
      expect(await search('q=ALIYEV')).toEqual([rashad.id, blocked.id]);
    });

    it('should match q against part of the phone', async () => {
      expect(await search('q=7654')).toEqual([rashad.id]);
      expect(await search(`q=${encodeURIComponent('+99450')}`)).toEqual([aysel.id]);
    });

    it('should match q against the whole loyalty id only', async () => {
      expect(await search(`q=${rashad.loyalty_id}`)).toEqual([rashad.id]);
      expect(await search(`q=${rashad.loyalty_id.slice(0, 7)}x`)).toEqual([]);
    });

    it('should treat LIKE wildcards in q literally', async () => {
      expect(await search('q=%25')).toEqual([blocked.id]);
      expect(await search('q=_')).toEqual([]);
    });

    it('should filter by status, branch, external_ref, loyalty_id and phone', async () => {
      expect(await search('status=blocked')).toEqual([blocked.id]);
      expect(await search('status=active')).toEqual([aysel.id, rashad.id]);
      expect(await search('branch=Ganja')).toEqual([rashad.id, blocked.id]);
      expect(await search('external_ref=CRM-2')).toEqual([rashad.id]);
      expect(await search(`loyalty_id=${aysel.loyalty_id}`)).toEqual([aysel.id]);
      expect(await search(`phone=${encodeURIComponent('+994709999999')}`)).toEqual([blocked.id]);
    });

    it('should combine filters with AND', async () => {
      expect(await search('branch=Ganja&status=active')).toEqual([rashad.id]);
      expect(await search('q=aliyev&status=blocked')).toEqual([blocked.id]);
      expect(await search('branch=Baku-28May&status=blocked')).toEqual([]);
    });

    it('should refuse malformed filters with a query pointer', async () => {
      for (const [query, pointer] of [
        ['status=gone', '/status'],
        ['loyalty_id=123', '/loyalty_id'],
        ['phone=12345', '/phone'],
      ] as const) {
        const problem = expectProblem(await t.call({ method: 'GET', url: `/v1/members?${query}`, key: f.readKey }), 400, 'validation_failed');
        expect(problem.errors).toEqual([expect.objectContaining({ pointer, location: 'query' })]);
      }
    });
  });
});
