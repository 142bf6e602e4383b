import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createProgramFixture, enroll, useSocketTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, post, redeem } from '../helpers/ledger.ts';
import { MAX_POINTS } from '../../src/schemas/limits.ts';

// POST /v1/partner-transfers (incentives.md "Wallets", issue 14 item 5). The races send truly parallel HTTP requests
// over a real socket, so they race on real connections (on a Citus coordinator too: TEST_DATABASE_URL).
let t: TestApp;
let p: ProgramFixture;
let base: string;

useSocketTestProgram(
  (app, program, url) => {
    t = app;
    p = program;
    base = url;
  },
  { env: { DB_POOL_SIZE: '8' } },
);
afterEach(() => expectTrialBalanceOk(t, p.adminKey));

let counter = 0;
const nextExternalId = () => `TR-${process.pid}-${++counter}-${randomUUID().slice(0, 8)}`;

function transfer(memberId: string, points: number, extra: Record<string, unknown> = {}, idempotencyKey?: string) {
  return post(t, p.posKey, '/v1/partner-transfers', { member_id: memberId, partner: 'skymiles', external_id: nextExternalId(), points, ...extra }, idempotencyKey);
}

async function setBonusPercent(percent: number) {
  const res = await t.call({ method: 'PATCH', url: '/v1/program', key: p.adminKey, payload: { settings: { partner_transfer_bonus_percent: percent } } });
  expect(res.statusCode, res.body).toBe(200);
}

async function send(body: unknown, idempotencyKey: string = randomUUID()) {
  const res = await fetch(`${base}/v1/partner-transfers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.posKey}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') };
}

async function transactionsOf(memberId: string, type?: string) {
  const res = await t.call({ method: 'GET', url: `/v1/members/${memberId}/transactions${type ? `?type=${type}` : ''}`, key: p.readKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { type: string; points: number; resource_id: string; data: Record<string, unknown> }[];
}

describe('partner transfers: the bonus', () => {
  it('should credit 1,000 points as 1,100 and show the transfer, its transaction and the balance', async () => {
    const m = await enroll(t, p.posKey);
    const externalId = nextExternalId();
    const res = await post(t, p.posKey, '/v1/partner-transfers', { member_id: m.id, partner: 'skymiles', external_id: externalId, points: 1000 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    const body = res.json();
    expect(body.partner_transfer).toEqual({
      id: expect.stringMatching(/^ptr_/),
      member_id: m.id,
      partner: 'skymiles',
      external_id: externalId,
      points: 1000,
      bonus: 100,
      credited: 1100,
      lot_id: expect.stringMatching(/^lot_/),
      occurred_at: expect.any(String),
    });
    expect(body.transaction).toMatchObject({
      type: 'partner_transfer',
      points: 1100,
      member_id: m.id,
      resource_id: body.partner_transfer.id,
      data: { partner: 'skymiles', external_id: externalId, points: 1000, bonus: 100, bonus_percent: 10, debt_paid: 0 },
      entries: [
        { account: 'available', amount: 1100 },
        { account: 'issued', amount: -1100 },
      ],
    });
    // Spendable at once, and counted as earned.
    expect(body.balance).toMatchObject({ available: 1100, pending: 0, lifetime: { earned: 1100 } });
    expect((await redeem(t, p.posKey, m.id, 1100)).statusCode).toBe(201);
  });

  it('should round the bonus down: 15 points credit 16', async () => {
    const m = await enroll(t, p.posKey);
    const res = await transfer(m.id, 15);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().partner_transfer).toMatchObject({ points: 15, bonus: 1, credited: 16 });
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(16);
  });

  it('should follow partner_transfer_bonus_percent: 25 and 0', async () => {
    const m = await enroll(t, p.posKey);
    try {
      await setBonusPercent(25);
      expect((await transfer(m.id, 1000)).json().partner_transfer).toMatchObject({ points: 1000, bonus: 250, credited: 1250 });
      expect((await transfer(m.id, 15)).json().partner_transfer).toMatchObject({ points: 15, bonus: 3, credited: 18 });
      await setBonusPercent(0);
      const none = await transfer(m.id, 1000);
      expect(none.json().partner_transfer).toMatchObject({ points: 1000, bonus: 0, credited: 1000 });
      expect(none.json().transaction.data).toMatchObject({ bonus: 0, bonus_percent: 0 });
      expect((await balanceOf(t, p.readKey, m.id)).available).toBe(1250 + 18 + 1000);
    } finally {
      await setBonusPercent(10);
    }
  });

  it('should refuse a bonus percent that is not a whole number from 0 to 100, with a pointer', async () => {
    for (const percent of [-1, 101, 2.5, '10']) {
      const res = await t.call({ method: 'PATCH', url: '/v1/program', key: p.adminKey, payload: { settings: { partner_transfer_bonus_percent: percent } } });
      expect(res.statusCode, String(percent)).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ pointer: '/settings/partner_transfer_bonus_percent' })]);
    }
    const program = await t.call({ method: 'GET', url: '/v1/program', key: p.adminKey });
    expect(program.json().settings.partner_transfer_bonus_percent).toBe(10);
  });

  it('should pay an open debt first, like every credit', async () => {
    const m = await enroll(t, p.posKey);
    const bought = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextExternalId(), amount: { amount: 1250, currency: 'AZN' } });
    expect(bought.statusCode, bought.body).toBe(201);
    expect((await redeem(t, p.posKey, m.id, 100)).statusCode).toBe(201);
    const returned = await post(t, p.posKey, `/v1/purchases/${bought.json().purchase.id}/returns`, { receipt_id: nextExternalId(), amount: { amount: 1250, currency: 'AZN' } });
    expect(returned.statusCode, returned.body).toBe(201);
    expect((await balanceOf(t, p.readKey, m.id)).debt).toBe(100);
    const res = await transfer(m.id, 1000);
    expect(res.json().transaction.data).toMatchObject({ debt_paid: 100 });
    expect(res.json().balance).toMatchObject({ available: 1000, debt: 0 });
  });

  it('should show in the history, the statement and the event feed as points.earned', async () => {
    const m = await enroll(t, p.posKey);
    const before = new Date(Date.now() - 60_000).toISOString();
    const body = (await transfer(m.id, 200)).json();
    expect(await transactionsOf(m.id, 'partner_transfer')).toEqual([expect.objectContaining({ type: 'partner_transfer', points: 220, resource_id: body.partner_transfer.id })]);
    const statement = await t.call({ method: 'GET', url: `/v1/members/${m.id}/statement?from=${encodeURIComponent(before)}`, key: p.readKey });
    expect(statement.statusCode, statement.body).toBe(200);
    expect(statement.json()).toMatchObject({
      opening: { available: 0 },
      movements: [expect.objectContaining({ type: 'partner_transfer', points: 220, changes: { available: 220 } })],
      closing: { available: 220 },
    });
    const events = await t.call({ method: 'GET', url: '/v1/events?limit=1000', key: p.readKey });
    expect(events.statusCode, events.body).toBe(200);
    const mine = events.json().data.filter((e: { member_id: string; type: string }) => e.member_id === m.id && e.type !== 'member.enrolled');
    expect(mine).toEqual([expect.objectContaining({ type: 'points.earned', data: expect.objectContaining({ transaction: expect.objectContaining({ type: 'partner_transfer', points: 220 }) }) })]);
  });
});

describe('partner transfers: once per partner and external_id', () => {
  it('should answer the same transfer again with the first answer, replayed, whatever its Idempotency-Key', async () => {
    const m = await enroll(t, p.posKey);
    const body = { member_id: m.id, partner: 'skymiles', external_id: nextExternalId(), points: 1000 };
    const first = await post(t, p.posKey, '/v1/partner-transfers', body);
    const again = await post(t, p.posKey, '/v1/partner-transfers', body);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(1100);
    expect(await transactionsOf(m.id)).toHaveLength(1);
    // That second key now answers the same, like any Idempotency-Key.
    const key = randomUUID();
    await post(t, p.posKey, '/v1/partner-transfers', body, key);
    const byKey = await post(t, p.posKey, '/v1/partner-transfers', body, key);
    expect(byKey.statusCode).toBe(201);
    expect(byKey.json()).toEqual(first.json());
  });

  it('should honour the Idempotency-Key: a retry replays, another body with the key is 422 idempotency_key_reused', async () => {
    const m = await enroll(t, p.posKey);
    const key = randomUUID();
    const first = await transfer(m.id, 300, {}, key);
    expect(first.statusCode).toBe(201);
    const retry = await post(t, p.posKey, '/v1/partner-transfers', { member_id: m.id, partner: 'skymiles', external_id: first.json().partner_transfer.external_id, points: 300 }, key);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const reused = await transfer(m.id, 300, {}, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(330);
  });

  it('should refuse the same partner and external_id with other points or another member: 409 partner_transfer_mismatch', async () => {
    const m = await enroll(t, p.posKey);
    const other = await enroll(t, p.posKey);
    const body = { member_id: m.id, partner: 'skymiles', external_id: nextExternalId(), points: 1000 };
    const first = await post(t, p.posKey, '/v1/partner-transfers', body);
    for (const changed of [{ points: 999 }, { member_id: other.id }]) {
      const res = await post(t, p.posKey, '/v1/partner-transfers', { ...body, ...changed });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        code: 'partner_transfer_mismatch',
        partner: 'skymiles',
        external_id: body.external_id,
        partner_transfer_id: first.json().partner_transfer.id,
      });
    }
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(1100);
    expect((await balanceOf(t, p.readKey, other.id)).available).toBe(0);
  });

  it('should keep external ids apart per partner and per program', async () => {
    const m = await enroll(t, p.posKey);
    const externalId = nextExternalId();
    expect((await transfer(m.id, 100, { external_id: externalId })).statusCode).toBe(201);
    const otherPartner = await transfer(m.id, 100, { external_id: externalId, partner: 'railmiles' });
    expect(otherPartner.statusCode).toBe(201);
    expect(otherPartner.headers['idempotent-replayed']).toBeUndefined();
    const q = await createProgramFixture(t);
    const n = await enroll(t, q.posKey);
    const otherProgram = await post(t, q.posKey, '/v1/partner-transfers', { member_id: n.id, partner: 'skymiles', external_id: externalId, points: 100 });
    expect(otherProgram.statusCode, otherProgram.body).toBe(201);
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(220);
    await expectTrialBalanceOk(t, q.adminKey);
  });

  it('should credit exactly once for 20 parallel identical requests with distinct Idempotency-Keys', async () => {
    const m = await enroll(t, p.posKey);
    const body = { member_id: m.id, partner: 'skymiles', external_id: nextExternalId(), points: 1000 };
    const results = await Promise.all(Array.from({ length: 20 }, () => send(body)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(results.filter((r) => r.replayed === 'true')).toHaveLength(19);
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(1100);
    expect(await transactionsOf(m.id)).toHaveLength(1);
  });

  it('should credit exactly one member when two members race for one partner transfer', async () => {
    const a = await enroll(t, p.posKey);
    const b = await enroll(t, p.posKey);
    const body = { partner: 'skymiles', external_id: nextExternalId(), points: 500 };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send({ ...body, member_id: i % 2 === 0 ? a.id : b.id })));
    const credited = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(credited.length + refused.length).toBe(20);
    // One member won: all its requests got the first answer, every request for the other was refused.
    const winner = JSON.parse(credited[0]!.text).partner_transfer.member_id as string;
    expect(credited).toHaveLength(10);
    expect(credited.every((r) => JSON.parse(r.text).partner_transfer.member_id === winner)).toBe(true);
    expect(credited.filter((r) => r.replayed !== 'true')).toHaveLength(1);
    for (const r of refused) expect(JSON.parse(r.text).code).toBe('partner_transfer_mismatch');
    const balances = [(await balanceOf(t, p.readKey, a.id)).available, (await balanceOf(t, p.readKey, b.id)).available].sort((x, y) => x - y);
    expect(balances).toEqual([0, 550]);
  });
});

describe('partner transfers: refusals', () => {
  it('should refuse a blocked member with 423 member_blocked and a deactivated one with 422 member_deactivated', async () => {
    for (const [status, code, http] of [['blocked', 'member_blocked', 423], ['deactivated', 'member_deactivated', 422]] as const) {
      const m = await enroll(t, p.posKey);
      const patched = await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: p.adminKey, payload: { status, status_reason: 'test' } });
      expect(patched.statusCode, patched.body).toBe(200);
      const res = await transfer(m.id, 100);
      expect(res.statusCode, res.body).toBe(http);
      expect(res.json()).toMatchObject({ code, member_id: m.id });
      expect((await balanceOf(t, p.readKey, m.id)).available).toBe(0);
    }
  });

  it('should still replay a transfer recorded before the member was blocked', async () => {
    const m = await enroll(t, p.posKey);
    const body = { member_id: m.id, partner: 'skymiles', external_id: nextExternalId(), points: 100 };
    const first = await post(t, p.posKey, '/v1/partner-transfers', body);
    await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: p.adminKey, payload: { status: 'blocked', status_reason: 'test' } });
    const again = await post(t, p.posKey, '/v1/partner-transfers', body);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    // A new transfer is refused.
    expect((await transfer(m.id, 100)).statusCode).toBe(423);
  });

  it('should refuse points that are not a positive integer within the single-write maximum, with a pointer', async () => {
    const m = await enroll(t, p.posKey);
    for (const points of [0, -5, 1.5, MAX_POINTS + 1, '100']) {
      const res = await transfer(m.id, points as number);
      expect(res.statusCode, String(points)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ pointer: '/points', location: 'body' })] });
    }
    // Within the maximum, but not with its bonus: one transaction carries at most MAX_POINTS.
    const res = await transfer(m.id, MAX_POINTS);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'amount_too_large', max_points: MAX_POINTS, errors: [expect.objectContaining({ pointer: '/points' })] });
    const largest = Math.floor((MAX_POINTS * 100) / 110);
    const ok = await transfer(m.id, largest);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().partner_transfer.credited).toBeLessThanOrEqual(MAX_POINTS);
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(ok.json().partner_transfer.credited);
  });

  it('should refuse missing or malformed fields, an unknown member, and a read key', async () => {
    const m = await enroll(t, p.posKey);
    for (const [field, value] of [['partner', 'Sky Miles'], ['partner', ''], ['external_id', ''], ['external_id', 'x'.repeat(101)]] as const) {
      const res = await transfer(m.id, 100, { [field]: value });
      expect(res.statusCode, `${field}=${value}`).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ pointer: `/${field}` })]);
    }
    const extra = await transfer(m.id, 100, { bonus: 5 });
    expect(extra.statusCode).toBe(400);
    const unknown = await transfer('mem_01jdq3v7f8e9t0sw2p1x5m3k4z', 100);
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.json().code).toBe('member_not_found');
    const read = await post(t, p.readKey, '/v1/partner-transfers', { member_id: m.id, partner: 'skymiles', external_id: nextExternalId(), points: 100 });
    expect(read.statusCode).toBe(403);
    const admin = await post(t, p.adminKey, '/v1/partner-transfers', { member_id: m.id, partner: 'skymiles', external_id: nextExternalId(), points: 100 });
    expect(admin.statusCode, admin.body).toBe(201);
  });
});

const onCluster = inject('clusterWorkers').length > 0;

describe.skipIf(!onCluster)('partner transfers on the Citus cluster', () => {
  async function nodeOf(table: string, value: string): Promise<string> {
    const { rows } = await t.pool.query<{ node: string }>(
      `SELECT n.nodename || ':' || n.nodeport AS node FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid)
        WHERE p.shardid = get_shard_id_for_distribution_column($1, $2::text)`,
      [table, value],
    );
    return rows[0]!.node;
  }

  it("should keep each transfer's row on its external_id's worker, committed with the credit on the member's", async () => {
    const { rows: placed } = await t.pool.query<{ column: string }>(
      `SELECT column_to_column_name(logicalrelid, partkey) AS column FROM pg_dist_partition WHERE logicalrelid = 'partner_transfers'::regclass`,
    );
    expect(placed).toEqual([{ column: 'external_id' }]);
    const m = await enroll(t, p.posKey);
    const memberNode = await nodeOf('members', m.id);
    // One external id whose row lives on the member's worker and one on another worker: both commit with the credit.
    const candidates = Array.from({ length: 64 }, nextExternalId);
    const nodes = await Promise.all(candidates.map((id) => nodeOf('partner_transfers', id)));
    const here = candidates[nodes.indexOf(memberNode)]!;
    const elsewhere = candidates[nodes.findIndex((node) => node !== memberNode)]!;
    for (const externalId of [here, elsewhere]) {
      const res = await transfer(m.id, 10, { external_id: externalId });
      expect(res.statusCode, res.body).toBe(201);
      const { rows } = await t.pool.query('SELECT id, member_id, points, bonus FROM partner_transfers WHERE external_id = $1', [externalId]);
      expect(rows).toEqual([{ id: res.json().partner_transfer.id, member_id: m.id, points: 10, bonus: 1 }]);
      const again = await transfer(m.id, 10, { external_id: externalId });
      expect(again.headers['idempotent-replayed']).toBe('true');
    }
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(22);
  });
});
