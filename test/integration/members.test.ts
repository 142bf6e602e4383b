import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let p: ProgramFixture;

beforeAll(async () => {
  t = await createTestApp();
  p = await createProgramFixture(t);
});
afterAll(() => t.close());

describe('members', () => {
  describe('POST /v1/members', () => {
    it('assigns an 8-digit loyalty id', async () => {
      const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { external_ref: 'crm-1', phone: '+994501234567', name: 'Aysel' } });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ external_ref: 'crm-1', status: 'active', loyalty_id: expect.stringMatching(/^[1-9]\d{7}$/) });
      expect(res.json().id).toMatch(/^mem_/);
    });

    it('answers 409 member_exists naming the existing member', async () => {
      const first = await enroll(t, p.posKey, { external_ref: 'crm-dup' });
      const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { external_ref: 'crm-dup' } });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'member_exists', member_id: first.id });
    });
  });
});
