import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProgramFixture, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, recordLedgerCalls, runJobAt, useLedgerTestProgram, type FixedClockTestApp, type SentLedgerCall } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { endPromotions } from '../helpers/promotions.ts';
import { forgetActivePromotions } from '../../src/promotions/promotions.ts';

// The promotions' segment condition (analytics.md "Segments": a segment feeds promotions): the member must be in any
// of the named segments at the purchase's time, evaluated in the purchase's facts read (no round trip of its own).

const START = new Date('2026-03-02T08:00:00Z');

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

async function createSegment(body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await post(t, p.adminKey, '/v1/segments', { name: `segment ${randomUUID().slice(0, 6)}`, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function createPromotion(segmentIds: string[], extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await post(t, p.adminKey, '/v1/promotions', {
    name: `promo ${randomUUID().slice(0, 6)}`,
    effect: { type: 'points_bonus', points: 50 },
    conditions: { segment: { segment_ids: segmentIds } },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function quote(memberId: string) {
  const res = await t.call({ method: 'POST', url: '/v1/purchases/quote', key: p.posKey, payload: { member_id: memberId, amount: { amount: 1250, currency: 'AZN' } } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { applied: { promotion_id: string; points: number }[]; rejected: { promotion_id: string; reason: string }[]; points: { extra: number } };
}

const buy = (memberId: string) => post(t, p.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } });

describe('the segment condition', () => {
  it('applies to members of a dynamic segment and rejects the others with reason segment', async () => {
    await endPromotions(t, p.programId);
    const baku = await createSegment({ kind: 'dynamic', rule: { branch: { in: ['Baku'] } } });
    const promo = await createPromotion([baku.id]);
    const inside = await enroll(t, p.posKey, { branch: 'Baku' });
    const outside = await enroll(t, p.posKey, { branch: 'Ganja' });

    const yes = await quote(inside.id);
    expect(yes.applied).toEqual([expect.objectContaining({ promotion_id: promo.id, points: 50 })]);
    expect(yes.points.extra).toBe(50);
    const no = await quote(outside.id);
    expect(no.applied).toEqual([]);
    expect(no.rejected).toEqual([{ promotion_id: promo.id, reason: 'segment' }]);

    // The purchase: 100 points for 12.50 AZN, plus the bonus for the member in the segment only.
    const bought = await buy(inside.id);
    expect(bought.statusCode, bought.body).toBe(201);
    expect(bought.json().transaction.points).toBe(150);
    expect((await buy(outside.id)).json().transaction.points).toBe(100);
  });

  it("evaluates the rule as of the purchase's time: a first purchase is not in 'bought before'", async () => {
    await endPromotions(t, p.programId);
    // Every figure the facts read computes on the member's worker: purchases, spend (with its FX subquery), balance,
    // tier and status as of the purchase's time.
    const returning = await createSegment({
      kind: 'dynamic',
      rule: {
        all: [
          { purchase_count: { min: 1 } },
          { total_spent: { min: 1250 } },
          { balance: { min: 100 } },
          { tier: { in: ['bronze'] } },
          { status: { in: ['active'] } },
          { last_purchase: { after: START.toISOString() } },
        ],
      },
    });
    const promo = await createPromotion([returning.id]);
    const m = await enroll(t, p.posKey);
    expect((await quote(m.id)).rejected).toEqual([{ promotion_id: promo.id, reason: 'segment' }]);
    expect((await buy(m.id)).json().transaction.points).toBe(100);
    t.clock.set(new Date(START.getTime() + 60_000));
    expect((await quote(m.id)).applied.map((a) => a.promotion_id)).toEqual([promo.id]);
    expect((await buy(m.id)).json().transaction.points).toBe(150);
  });

  it('follows a static list as it changes, and any of several segments will do', async () => {
    await endPromotions(t, p.programId);
    const list = await createSegment({ kind: 'static' });
    const ganja = await createSegment({ kind: 'dynamic', rule: { branch: { in: ['Ganja'] } } });
    const promo = await createPromotion([list.id, ganja.id]);
    const a = await enroll(t, p.posKey, { branch: 'Baku' });
    const g = await enroll(t, p.posKey, { branch: 'Ganja' });
    expect((await quote(a.id)).rejected).toEqual([{ promotion_id: promo.id, reason: 'segment' }]);
    expect((await quote(g.id)).applied.map((x) => x.promotion_id)).toEqual([promo.id]);
    expect((await t.call({ method: 'PUT', url: `/v1/segments/${list.id}/members/${a.id}`, key: p.adminKey })).statusCode).toBe(200);
    expect((await quote(a.id)).applied.map((x) => x.promotion_id)).toEqual([promo.id]);
    expect((await t.call({ method: 'DELETE', url: `/v1/segments/${list.id}/members/${a.id}`, key: p.adminKey })).json()).toEqual({ removed: true });
    expect((await quote(a.id)).rejected).toEqual([{ promotion_id: promo.id, reason: 'segment' }]);
  });

  it('never refuses a purchase over a stored rule that no longer parses: the member is simply not in that segment', async () => {
    await endPromotions(t, p.programId);
    const broken = await createSegment({ kind: 'dynamic', rule: { branch: { in: ['Baku'] } } });
    const fine = await createSegment({ kind: 'dynamic', rule: { gender: { in: ['female'] } } });
    const promo = await createPromotion([broken.id, fine.id]);
    await t.pool.query(`UPDATE segments SET rule = '{"shoe_size": {"in": ["42"]}}' WHERE id = $1`, [broken.id]);
    forgetActivePromotions(p.programId);
    const baku = await enroll(t, p.posKey, { branch: 'Baku' });
    const woman = await enroll(t, p.posKey, { branch: 'Baku', gender: 'female' });
    expect((await quote(baku.id)).rejected).toEqual([{ promotion_id: promo.id, reason: 'segment' }]);
    expect((await quote(woman.id)).applied.map((a) => a.promotion_id)).toEqual([promo.id]);
  });

  it('reads segment membership in the facts call: a purchase is still two ledger calls', async () => {
    await endPromotions(t, p.programId);
    const baku = await createSegment({ kind: 'dynamic', rule: { all: [{ branch: { in: ['Baku'] } }, { age: { min: 18 } }, { attribute: { key: 'vip', equals: true } }] } });
    await createPromotion([baku.id]);
    const m = await enroll(t, p.posKey, { branch: 'Baku', birth_date: '1990-01-01', attributes: { vip: true } });
    const sent: SentLedgerCall[] = [];
    recordLedgerCalls(t, sent);
    expect((await buy(m.id)).json().transaction.points).toBe(150);
    // Batched or not, two calls: the facts read, which carries the segment's predicate, and the earn.
    const calls = sent.map((s) => s.text + JSON.stringify(s.values));
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain('ledger_promotion_facts');
    expect(calls[0]).toContain(baku.id);
    expect(calls[0]).toContain('m.branch');
    expect(calls[1]).toContain('ledger_earn');
  });

  it('reads an rfm_segment condition from the segment the rfm job last stored for the member (member_rfm), in the same facts call', async () => {
    await endPromotions(t, p.programId);
    const x = await enroll(t, p.posKey);
    expect((await buy(x.id)).statusCode).toBe(201);
    // Scored now against the program's other buyers: whatever X's segment is, the job stores it.
    const live = (await t.call({ method: 'GET', url: `/v1/members/${x.id}/rfm`, key: p.readKey })).json();
    expect(live.segment).not.toBeNull();
    const seg = await createSegment({ kind: 'dynamic', rule: { rfm_segment: { in: [live.segment] } } });
    const promo = await createPromotion([seg.id]);
    // Before the job has run for X, nothing is stored: not in the segment, though the live scores say so.
    await t.pool.query('DELETE FROM member_rfm WHERE member_id = $1', [x.id]);
    expect((await quote(x.id)).rejected).toEqual([{ promotion_id: promo.id, reason: 'segment' }]);
    await runJobAt(t, p.adminKey, 'rfm', t.clock.now());
    expect((await t.pool.query('SELECT segment FROM member_rfm WHERE member_id = $1', [x.id])).rows).toEqual([{ segment: live.segment }]);
    const sent: SentLedgerCall[] = [];
    recordLedgerCalls(t, sent);
    expect((await quote(x.id)).applied.map((a) => a.promotion_id)).toEqual([promo.id]);
    expect(sent.map((c) => c.text + JSON.stringify(c.values)).join()).toContain('member_rfm');
    // A member the job has not scored (no purchase) has no stored segment.
    const y = await enroll(t, p.posKey);
    expect((await quote(y.id)).rejected).toEqual([{ promotion_id: promo.id, reason: 'segment' }]);
  });

  it('refuses a promotion naming an unknown or another program\'s segment, and a segment an active promotion uses cannot be deleted', async () => {
    await endPromotions(t, p.programId);
    const seg = await createSegment({ kind: 'dynamic', rule: { gender: { in: ['female'] } } });
    const other = await createProgramFixture(t);
    const theirs = (await post(t, other.adminKey, '/v1/segments', { name: 'theirs', kind: 'static' })).json();
    const refused = expectProblem(
      await post(t, p.adminKey, '/v1/promotions', {
        name: 'x',
        effect: { type: 'points_bonus', points: 5 },
        conditions: { segment: { segment_ids: [seg.id, 'seg_01jdq3v7f8e9t0sw2p1x5m3k4z', theirs.id] } },
      }),
      422,
      'invalid_promotion',
    );
    expect(refused.errors!.map((e) => e.pointer)).toEqual(['/conditions/segment/segment_ids/1', '/conditions/segment/segment_ids/2']);

    const promo = await createPromotion([seg.id]);
    const inUse = expectProblem(await t.call({ method: 'DELETE', url: `/v1/segments/${seg.id}`, key: p.adminKey }), 409, 'segment_in_use');
    expect(inUse.promotion_ids).toEqual([promo.id]);
    // Paused, the promotion lets go; reactivating it then names a segment that no longer exists.
    expect((await t.call({ method: 'PATCH', url: `/v1/promotions/${promo.id}`, key: p.adminKey, payload: { status: 'paused' } })).statusCode).toBe(200);
    expect((await t.call({ method: 'DELETE', url: `/v1/segments/${seg.id}`, key: p.adminKey })).statusCode).toBe(204);
    const back = expectProblem(await t.call({ method: 'PATCH', url: `/v1/promotions/${promo.id}`, key: p.adminKey, payload: { status: 'active' } }), 422, 'invalid_promotion');
    expect(back.errors!.map((e) => e.pointer)).toEqual(['/conditions/segment/segment_ids/0']);
  });
});
