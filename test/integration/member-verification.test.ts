import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProgramFixture } from '../helpers/app.ts';
import { balanceOf, nextReceipt, post, purchase, redeem, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';

// Verified sign-up (incentives.md "One-time passwords and member verification"): a member enrolled with
// verification "otp" is pending, and the code goes out in member.otp_requested.

const START = new Date('2026-06-01T09:00:00.000Z');
const MINUTE = 60_000;

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

let phoneCounter = 0;
const nextPhone = () => `+99450${String(1_000_000 + ++phoneCounter).slice(1)}${process.pid % 10}`;

interface TableEvent {
  id: string;
  type: string;
  member_id: string;
  data: Record<string, unknown> & { otp?: string };
}

/**
 * The member's events as the table holds them, in feed order. Read from the table, not the feed: the feed holds back
 * events while any older transaction of the server is open, and other test files share the server.
 */
async function eventsOf(memberId: string): Promise<TableEvent[]> {
  const { rows } = await t.pool.query(`SELECT id, type, member_id, data FROM events WHERE member_id = $1 ORDER BY db_xid, seq`, [memberId]);
  return rows;
}

async function enrollPending(extra: Record<string, unknown> = {}) {
  const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { phone: nextPhone(), verification: 'otp', ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; phone: string; source: string | null };
}

/** The code of the member's latest member.otp_requested. */
async function latestCode(memberId: string): Promise<string> {
  const requested = (await eventsOf(memberId)).filter((e) => e.type === 'member.otp_requested');
  expect(requested.length).toBeGreaterThan(0);
  return requested.at(-1)!.data.otp!;
}

const verify = (memberId: string, otp: string) => t.call({ method: 'POST', url: `/v1/members/${memberId}/verify`, key: p.posKey, payload: { otp } });
const resend = (memberId: string) => t.call({ method: 'POST', url: `/v1/members/${memberId}/otp`, key: p.posKey });
/** A code that is surely not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('verified sign-up', () => {
  it('should enroll a pending member, send the code in member.otp_requested, and activate them with it', async () => {
    const member = await enrollPending({ source: 'web', name: 'Leyla' });
    expect(member).toMatchObject({ status: 'pending', source: 'web', name: 'Leyla' });
    const listed = await t.call({ method: 'GET', url: `/v1/members?status=pending&phone=${encodeURIComponent(member.phone)}`, key: p.readKey });
    expect(listed.json().data).toEqual([expect.objectContaining({ id: member.id, status: 'pending', source: 'web' })]);

    const events = await eventsOf(member.id);
    expect(events.map((e) => e.type)).toEqual(['member.enrolled', 'member.otp_requested']);
    expect(events[0]!.data).toMatchObject({ member: { id: member.id, status: 'pending', source: 'web' } });
    expect(events[1]!.data).toEqual({
      otp: expect.stringMatching(/^\d{6}$/),
      phone: member.phone,
      expires_at: new Date(START.getTime() + 5 * MINUTE).toISOString(),
      max_attempts: 5,
    });

    const verified = await verify(member.id, events[1]!.data.otp!);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ id: member.id, status: 'active', source: 'web' });
    const card = await t.call({ method: 'GET', url: `/v1/members/${member.id}`, key: p.readKey });
    expect(card.json()).toMatchObject({ status: 'active', source: 'web' });

    const after = await eventsOf(member.id);
    expect(after.map((e) => e.type)).toEqual(['member.enrolled', 'member.otp_requested', 'member.verified']);
    // The events are what the documented schemas say (events.test.ts leaves these two types to this file).
    const { rows } = await t.pool.query<EventRow>(
      `SELECT id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events WHERE member_id = $1`,
      [member.id],
    );
    for (const row of rows) {
      const parsed = EventSchema.safeParse(toEventJson(p.programId, { ...row, shard: '' }));
      expect(parsed.error, `${row.type} ${JSON.stringify(row.data)}`).toBeUndefined();
    }
    expect(after[2]!.data).toMatchObject({ member: { id: member.id, status: 'active' }, previous_status: 'pending' });

    // Now they earn like anyone.
    const earned = await purchase(t, p.posKey, member.id, 1250);
    expect(earned.purchase.points).toBe(100);
  });

  it('should enroll an active member with no source by default, and refuse verification "otp" without a phone', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { name: 'Plain' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'active', source: null });
    expect((await eventsOf(res.json().id)).map((e) => e.type)).toEqual(['member.enrolled']);

    const problem = expectProblem(await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { verification: 'otp' } }), 400, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/phone' })]);
    expectProblem(await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { source: 'fax' } }), 400, 'validation_failed');
    expectProblem(await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { phone: nextPhone(), verification: 'sms' } }), 400, 'validation_failed');
  });

  it('should refuse a pending member every earning and spending with member_pending, and still show the balance', async () => {
    const member = await enrollPending();
    const bought = await post(t, p.posKey, '/v1/purchases', { member_id: member.id, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } });
    expectProblem(bought, 422, 'member_pending');
    expectProblem(await redeem(t, p.posKey, member.id, 10), 422, 'member_pending');
    expectProblem(await post(t, p.posKey, '/v1/holds', { member_id: member.id, points: 10 }), 422, 'member_pending');
    expectProblem(await post(t, p.posKey, '/v1/partner-transfers', { member_id: member.id, partner: 'acme', external_id: 'pending-1', points: 100 }), 422, 'member_pending');
    // A quote is refused as its purchase would be (quotes evaluate promotions, which the program need not have).
    expectProblem(await post(t, p.posKey, '/v1/purchases/quote', { member_id: member.id, amount: { amount: 1250, currency: 'AZN' } }), 422, 'member_pending');
    expect(await balanceOf(t, p.readKey, member.id)).toMatchObject({ available: 0, pending: 0 });
    // Nothing was written for them.
    expect((await eventsOf(member.id)).map((e) => e.type)).toEqual(['member.enrolled', 'member.otp_requested']);
  });

  it('should kill the code after 5 wrong tries, and answer the right one otp_expired from then on', async () => {
    const member = await enrollPending();
    const code = await latestCode(member.id);
    for (let left = 4; left >= 0; left--) {
      const problem = expectProblem(await verify(member.id, wrong(code)), 422, 'otp_invalid');
      expect(problem).toMatchObject({ attempts_left: left });
      expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/otp', location: 'body' })]);
    }
    expect(expectProblem(await verify(member.id, code), 422, 'otp_expired')).toMatchObject({ reason: 'tries_exhausted' });
    expect((await t.call({ method: 'GET', url: `/v1/members/${member.id}`, key: p.readKey })).json().status).toBe('pending');

    // A new code works.
    expect((await resend(member.id)).statusCode).toBe(201);
    expect((await verify(member.id, await latestCode(member.id))).statusCode).toBe(200);
  });

  it('should let a code work for 5 minutes and no longer', async () => {
    const early = await enrollPending();
    const late = await enrollPending();
    t.clock.advance(5 * MINUTE - 1000);
    expect((await verify(early.id, await latestCode(early.id))).statusCode).toBe(200);
    t.clock.advance(1000);
    expect(expectProblem(await verify(late.id, await latestCode(late.id)), 422, 'otp_expired')).toMatchObject({ reason: 'expired' });
  });

  it('should replace the live code with a new one, and limit the codes to 3 per 10 minutes', async () => {
    const member = await enrollPending();
    const first = await latestCode(member.id);
    t.clock.advance(MINUTE);
    const res = await resend(member.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ member_id: member.id, expires_at: new Date(START.getTime() + 6 * MINUTE).toISOString(), max_attempts: 5 });
    const second = await latestCode(member.id);
    expect((await resend(member.id)).statusCode).toBe(201);
    const third = await latestCode(member.id);

    // The fourth within 10 minutes of the first (enrollment's) is refused until the first leaves the window.
    const limited = await resend(member.id);
    expectProblem(limited, 429, 'otp_rate_limited');
    expect(limited.headers['retry-after']).toBe(String(9 * 60));
    expect(limited.json()).toMatchObject({ retry_after: 9 * 60 });
    t.clock.advance(9 * MINUTE - 1000);
    expectProblem(await resend(member.id), 429, 'otp_rate_limited');
    t.clock.advance(1000);
    expect((await resend(member.id)).statusCode).toBe(201);
    const fourth = await latestCode(member.id);

    // Only the last code works: the ones it replaced are wrong codes now.
    for (const old of new Set([first, second, third].filter((c) => c !== fourth))) {
      expectProblem(await verify(member.id, old), 422, 'otp_invalid');
    }
    expect((await verify(member.id, fourth)).statusCode).toBe(200);
  });

  it('should answer 409 member_not_pending to verifying or re-sending for a member who is not pending, and 404 for no member', async () => {
    const member = await enrollPending();
    const code = await latestCode(member.id);
    expect((await verify(member.id, code)).statusCode).toBe(200);
    expect(expectProblem(await verify(member.id, code), 409, 'member_not_pending')).toMatchObject({ member_status: 'active' });
    expectProblem(await resend(member.id), 409, 'member_not_pending');

    const active = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: {} });
    expectProblem(await verify(active.json().id, '123456'), 409, 'member_not_pending');
    expectProblem(await verify('mem_01jz0000000000000000000000', '123456'), 404, 'member_not_found');
  });

  it('should activate exactly once when the right code is presented in parallel', async () => {
    const member = await enrollPending();
    const code = await latestCode(member.id);
    const answers = await Promise.all(Array.from({ length: 8 }, () => verify(member.id, code)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses, answers.map((a) => a.body).join('\n')).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().code).toBe('member_not_pending');
    expect((await eventsOf(member.id)).filter((e) => e.type === 'member.verified')).toHaveLength(1);
    const { rows } = await t.pool.query(`SELECT count(*)::int AS n FROM member_status_changes WHERE member_id = $1 AND status = 'active'`, [member.id]);
    expect(rows[0].n).toBe(1);
  });

  it('should count every wrong try when they come in parallel', async () => {
    const member = await enrollPending();
    const code = await latestCode(member.id);
    const answers = await Promise.all(Array.from({ length: 7 }, () => verify(member.id, wrong(code))));
    const codes = answers.map((a) => a.json().code).sort();
    expect(codes).toEqual(['otp_expired', 'otp_expired', 'otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_invalid']);
    expectProblem(await verify(member.id, code), 422, 'otp_expired');
  });

  it('should never store the code in clear, nor as a plain hash', async () => {
    const member = await enrollPending();
    const code = await latestCode(member.id);
    const { rows } = await t.pool.query(
      `SELECT to_jsonb(o)::text AS row_text, encode(code_hash, 'hex') AS hash, length(salt) AS salt_bytes FROM one_time_passwords o WHERE member_id = $1`,
      [member.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].row_text).not.toContain(code);
    expect(rows[0].salt_bytes).toBe(16);
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].hash).not.toBe(createHash('sha256').update(code).digest('hex'));
    // Two members' hashes differ even for the same code: the salt is random per password.
    const { rows: salts } = await t.pool.query(`SELECT count(DISTINCT salt)::int AS distinct_salts, count(*)::int AS n FROM one_time_passwords`);
    expect(salts[0].distinct_salts).toBe(salts[0].n);
  });

  it('should let an admin set a pending member active, which is a verification', async () => {
    const member = await enrollPending();
    const res = await t.call({ method: 'PATCH', url: `/v1/members/${member.id}`, key: p.adminKey, payload: { status: 'active', status_reason: 'identity checked in store' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await eventsOf(member.id)).map((e) => e.type)).toEqual(['member.enrolled', 'member.otp_requested', 'member.verified']);
    // pending is entered only at enrollment.
    expectProblem(await t.call({ method: 'PATCH', url: `/v1/members/${member.id}`, key: p.adminKey, payload: { status: 'pending' } }), 400, 'validation_failed');
  });
});
