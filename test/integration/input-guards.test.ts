import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, enroll, useTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, nextReceipt, post, purchase } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, program) => {
  t = app;
  p = program;
});

const NUL = '\u0000';
// JSON can carry a lone surrogate as an escape; PostgreSQL text cannot store it.
const LONE_SURROGATE = '\ud800';

/** A JSON body as the client wrote it: JSON.stringify would keep the escapes, so the server sees them as they are. */
function rawPost(key: string, url: string, json: string) {
  return t.call({ method: 'POST', url, key, payload: json, headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() } });
}

function expectInvalid(res: { statusCode: number; headers: Record<string, unknown>; body: string }, pointer: string, location: string) {
  const problem = expectProblem(res as Parameters<typeof expectProblem>[0], 400, 'validation_failed');
  expect(problem.errors, res.body).toEqual([expect.objectContaining({ pointer, location })]);
}

async function memberCount(key: string) {
  const res = await t.call({ method: 'GET', url: '/v1/members?limit=200', key });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { data: unknown[] }).data.length;
}

async function transactionsOf(memberId: string) {
  const res = await t.call({ method: 'GET', url: `/v1/members/${memberId}/transactions`, key: p.readKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { data: unknown[] };
}

describe('NUL bytes and lone surrogates', () => {
  let memberId: string;

  beforeAll(async () => {
    memberId = (await enroll(t, p.posKey, { name: 'Aysel' })).id;
    await purchase(t, p.posKey, memberId, 1250);
  });

  it.each([
    ['a NUL in a member name', `{"name":"Ay${'\\u0000'}sel"}`],
    ['a lone surrogate in a member name', `{"name":"Ay${'\\ud800'}sel"}`],
    ['a lone low surrogate in a member name', `{"name":"${'\\udc00'}"}`],
  ])('refuses %s with 400 pointing at it, and enrols nobody', async (_name, json) => {
    const before = await memberCount(p.readKey);
    expectInvalid(await rawPost(p.posKey, '/v1/members', json), '/name', 'body');
    expect(await memberCount(p.readKey)).toBe(before);
  });

  it('accepts a well-formed surrogate pair (an emoji) where text is free', async () => {
    const res = await rawPost(p.posKey, '/v1/members', `{"name":"Ay ${'\\ud83d\\ude00'}"}`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe('Ay \u{1f600}');
  });

  it('refuses a NUL in a profile update, and the member is unchanged', async () => {
    const res = await t.call({ method: 'PATCH', url: `/v1/members/${memberId}`, key: p.posKey, payload: { branch: `Baku${NUL}` } });
    expectInvalid(res, '/branch', 'body');
    const member = await t.call({ method: 'GET', url: `/v1/members/${memberId}`, key: p.readKey });
    expect(member.json().branch).toBeNull();
  });

  it('refuses a NUL in a purchase receipt id, and nothing reaches the ledger', async () => {
    const before = await balanceOf(t, p.readKey, memberId);
    const { data } = await transactionsOf(memberId);
    const res = await post(t, p.posKey, '/v1/purchases', { member_id: memberId, receipt_id: `R${NUL}1`, amount: { amount: 1250, currency: 'AZN' } });
    expectInvalid(res, '/receipt_id', 'body');
    expect(await balanceOf(t, p.readKey, memberId)).toEqual(before);
    expect((await transactionsOf(memberId)).data).toEqual(data);
    await expectTrialBalanceOk(t, p.adminKey);
  });

  it('refuses a NUL in a member id inside a body with 400 (a body field, not a path)', async () => {
    const res = await post(t, p.posKey, '/v1/purchases', { member_id: `mem_${NUL}`, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } });
    expectInvalid(res, '/member_id', 'body');
  });

  it.each([
    ['a NUL in a value', { type: 'login', data: { note: `a${NUL}b` } }, '/data/note'],
    ['a lone surrogate deep inside', { type: 'login', data: { items: [{ ok: 'fine' }, { label: `x${LONE_SURROGATE}` }] } }, '/data/items/1/label'],
    ['a NUL in a key', { type: 'login', data: { [`k${NUL}`]: 1 } }, `/data/k${NUL}`],
    ['a NUL in a key that needs escaping', { type: 'login', data: { [`a/b~${NUL}`]: 1 } }, `/data/a~1b~0${NUL}`],
  ])('refuses activity data with %s, pointing at it, and records nothing', async (_name, body, pointer) => {
    const { data } = await transactionsOf(memberId);
    const res = await post(t, p.posKey, `/v1/members/${memberId}/activities`, body);
    expectInvalid(res, pointer, 'body');
    expect((await transactionsOf(memberId)).data).toEqual(data);
  });

  it('refuses a webhook URL with a NUL, and registers nothing', async () => {
    const list = async () => (await t.call({ method: 'GET', url: '/v1/webhooks', key: p.adminKey })).json().data.length as number;
    const before = await list();
    const res = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url: `https://hooks.example.com/${NUL}` } });
    expectInvalid(res, '/url', 'body');
    expect(await list()).toBe(before);
  });

  it('refuses a program name with a lone surrogate', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/v1/programs',
      key: OPERATOR_TOKEN,
      payload: `{"name":"Shop ${'\\ud800'}","settings":{}}`,
      headers: { 'content-type': 'application/json' },
    });
    expectInvalid(res, '/name', 'body');
  });

  it('refuses an API key name with a NUL, and issues no key', async () => {
    const list = async () => (await t.call({ method: 'GET', url: '/v1/api-keys', key: p.adminKey })).json().data.length as number;
    const before = await list();
    const res = await t.call({ method: 'POST', url: '/v1/api-keys', key: p.adminKey, payload: { role: 'read', name: `till ${NUL}` } });
    expectInvalid(res, '/name', 'body');
    expect(await list()).toBe(before);
  });

  it.each([
    ['GET', '/v1/members/mem_%00', 'member_not_found'],
    ['GET', '/v1/members/%00', 'member_not_found'],
    ['GET', '/v1/members/mem_%00/transactions', 'member_not_found'],
    ['GET', '/v1/members/mem_%00/balance', 'member_not_found'],
    ['PATCH', '/v1/members/mem_%00', 'member_not_found'],
    ['GET', '/v1/webhooks/whk_%00', 'webhook_not_found'],
    ['DELETE', '/v1/api-keys/key_%00', 'api_key_not_found'],
  ])('answers %s %s with the ordinary 404', async (method, url, code) => {
    const res = await t.call({ method: method as 'GET', url, key: p.adminKey, ...(method === 'PATCH' ? { payload: { branch: 'Baku' } } : {}) });
    expectProblem(res, 404, code);
  });

  it('answers a path id with a NUL on a write with 404 and writes nothing', async () => {
    const res = await post(t, p.posKey, '/v1/holds/hld_%00/capture', {});
    expect(res.statusCode, res.body).toBe(404);
    await expectTrialBalanceOk(t, p.adminKey);
  });

  it.each([
    ['q', '/v1/members?q=%00'],
    ['branch', '/v1/members?branch=Baku%00'],
    ['member_id', '/v1/events?member_id=mem_%00'],
  ])('refuses a NUL in the query parameter %s with 400 pointing at it', async (name, url) => {
    expectInvalid(await t.call({ method: 'GET', url, key: p.adminKey }), `/${name}`, 'query');
  });

  it.each(['%ED%A0%80', '%ED%B0%80', '%FF', '%C0%80', '%00%00'])('never answers 5xx to the query q=%s', async (encoded) => {
    const res = await t.call({ method: 'GET', url: `/v1/members?q=${encoded}`, key: p.readKey });
    expect(res.statusCode, res.body).toBeLessThan(500);
  });
});

describe('unknown query parameters', () => {
  it.each([
    ['a list', 'GET', '/v1/members?limit=5&colour=red', '/colour'],
    ['a list, beside a known filter', 'GET', '/v1/members?status=active&sort=name', '/sort'],
    ['a route without query parameters', 'GET', '/v1/program?expand=all', '/expand'],
    ['the event feed', 'GET', '/v1/events?since=0', '/since'],
    ['the trial balance', 'GET', '/v1/audit/trial-balance?x=1', '/x'],
  ])('refuses one on %s with 400 naming it', async (_name, method, url, pointer) => {
    expectInvalid(await t.call({ method: method as 'GET', url, key: p.adminKey }), pointer, 'query');
  });

  it('refuses one on a write, and nothing is written', async () => {
    const member = await enroll(t, p.posKey);
    const res = await t.call({
      method: 'POST',
      url: '/v1/purchases?dry_run=true',
      key: p.posKey,
      payload: { member_id: member.id, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } },
      headers: { 'idempotency-key': randomUUID() },
    });
    expectInvalid(res, '/dry_run', 'query');
    expect((await transactionsOf(member.id)).data).toEqual([]);
  });

  it('leaves the public probes alone: a parameter a probe tool adds does not fail liveness or readiness', async () => {
    expect((await t.call({ method: 'GET', url: '/healthz?nocache=1' })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/readyz?nocache=1' })).statusCode).toBe(200);
  });

  it('still accepts the documented parameters', async () => {
    const res = await t.call({ method: 'GET', url: '/v1/members?limit=5&status=active', key: p.readKey });
    expect(res.statusCode, res.body).toBe(200);
  });
});
