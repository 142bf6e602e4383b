import { describe, expect, it } from 'vitest';
import {
  allocationsOf,
  balanceOf,
  createMember,
  date,
  entriesOf,
  insertLot,
  lotsOf,
  remainingOf,
  transactionsOf,
  uid,
  unbalancedTransactions,
  useSqlDatabase,
  type MemberFixture,
} from '../helpers/sql.ts';

const db = useSqlDatabase();

const NOW = '2025-06-01T12:00:00Z';
const FAR = '2026-06-01T00:00:00Z';

interface Settled {
  holds_expired: number;
  points_matured: number;
  points_expired: number;
}

/** pl_settle(member, program, as_of, now, holds, mature, expire) under the member's lock. */
async function settle(m: MemberFixture, asOf = NOW, now = NOW, steps: { holds?: boolean; mature?: boolean; expire?: boolean } = {}) {
  return db().locked<Settled>(m.memberId, 'SELECT pl_settle($1, $2, $3::timestamptz, $4::timestamptz, $5, $6, $7)', [
    m.memberId,
    m.programId,
    asOf,
    now,
    steps.holds ?? true,
    steps.mature ?? true,
    steps.expire ?? true,
  ]);
}

/**
 * An active hold of `points` drawn from `lotId` (its draw's allocation, the lot's remaining and the held balance in
 * step), expiring at `expiresAt`. Returns the hold id and the hold's transaction id.
 */
async function insertHold(m: MemberFixture, lotId: string, points: number, expiresAt: string) {
  const holdId = uid('hld');
  const txnId = uid('txn');
  await db().rows(`UPDATE lots SET remaining = remaining - $3 WHERE member_id = $1 AND id = $2`, [m.memberId, lotId, points]);
  await db().rows(`INSERT INTO lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, points) VALUES ($1, $2, $3, $2, $4, $5)`, [
    m.memberId,
    txnId,
    lotId,
    m.programId,
    -points,
  ]);
  await db().rows(`UPDATE member_balances SET available = available - $2, held = held + $2 WHERE member_id = $1`, [m.memberId, points]);
  await db().rows(
    `INSERT INTO holds (member_id, id, program_id, txn_id, points, status, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, 'active', $6, '2025-01-01T00:00:00Z')`,
    [m.memberId, holdId, m.programId, txnId, points, expiresAt],
  );
  return { holdId, txnId };
}

async function holdOf(m: MemberFixture, holdId: string) {
  const [row] = await db().rows<{ status: string; closed_at: Date | null }>('SELECT status, closed_at FROM holds WHERE member_id = $1 AND id = $2', [m.memberId, holdId]);
  return row;
}

const byType = async (m: MemberFixture, type: string) => (await transactionsOf(db(), m.memberId)).filter((t) => t.type === type);

describe('pl_settle', () => {
  describe('holds', () => {
    it('releases a hold past its expiry back to the lot it drew from, at the hold’s expiry', async () => {
      const m = await createMember(db());
      const lot = await insertLot(db(), m, { granted: 100, expiresAt: FAR });
      const hold = await insertHold(m, lot, 40, '2025-05-20T00:00:00Z');

      expect(await settle(m)).toEqual({ holds_expired: 1, points_matured: 0, points_expired: 0 });

      expect(await holdOf(m, hold.holdId)).toEqual({ status: 'expired', closed_at: date(NOW) });
      expect(await remainingOf(db(), m.memberId)).toEqual({ [lot]: 100 });
      const [released] = await byType(m, 'hold_expire');
      expect(released).toMatchObject({ points: 40, ref_id: hold.holdId, occurred_at: date('2025-05-20T00:00:00Z'), recorded_at: date(NOW) });
      expect(await entriesOf(db(), m.memberId, released!.id)).toEqual({ held: -40, available: 40 });
      expect((await allocationsOf(db(), m.memberId)).filter((a) => a.txn_id === released!.id)).toEqual([
        { txn_id: released!.id, lot_id: lot, ref_txn_id: hold.txnId, program_id: m.programId, points: 40 },
      ]);
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 100, held: 0 });
    });

    it('releases a hold expiring exactly at as_of and keeps one expiring after it', async () => {
      const m = await createMember(db());
      const lot = await insertLot(db(), m, { granted: 100, expiresAt: FAR });
      const due = await insertHold(m, lot, 30, NOW);
      const later = await insertHold(m, lot, 20, '2025-06-01T12:00:00.001Z');

      expect((await settle(m)).holds_expired).toBe(1);

      expect((await holdOf(m, due.holdId))!.status).toBe('expired');
      expect(await holdOf(m, later.holdId)).toEqual({ status: 'active', closed_at: null });
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 80, held: 20 });
      expect(await remainingOf(db(), m.memberId)).toEqual({ [lot]: 80 });
    });
  });

  describe('maturity', () => {
    it('matures the due pending lots in one transaction at the latest of their maturity instants', async () => {
      const m = await createMember(db());
      const first = await insertLot(db(), m, { granted: 100, matured: false, maturesAt: '2025-05-10T00:00:00Z', expiresAt: FAR });
      const second = await insertLot(db(), m, { granted: 100, remaining: 60, matured: false, maturesAt: '2025-05-20T00:00:00Z', expiresAt: FAR });
      const notYet = await insertLot(db(), m, { granted: 25, matured: false, maturesAt: '2025-06-10T00:00:00Z', expiresAt: FAR });

      expect(await settle(m)).toEqual({ holds_expired: 0, points_matured: 160, points_expired: 0 });

      const txns = await transactionsOf(db(), m.memberId);
      expect(txns.map((t) => [t.type, t.points, t.occurred_at, t.recorded_at])).toEqual([['mature', 160, date('2025-05-20T00:00:00Z'), date(NOW)]]);
      expect(await entriesOf(db(), m.memberId, txns[0]!.id)).toEqual({ pending: -160, available: 160 });
      const matured = Object.fromEntries((await lotsOf(db(), m.memberId)).map((l) => [l.id, l.matured]));
      expect(matured).toEqual({ [first]: true, [second]: true, [notYet]: false });
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 160, pending: 25, version: 1 });
    });

    it('matures a lot whose maturity is exactly as_of', async () => {
      const m = await createMember(db());
      await insertLot(db(), m, { granted: 10, matured: false, maturesAt: NOW, expiresAt: FAR });

      expect((await settle(m)).points_matured).toBe(10);
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 10, pending: 0 });
    });

    it('marks a fully clawed-back pending lot matured without a transaction', async () => {
      const m = await createMember(db());
      await insertLot(db(), m, { granted: 10, remaining: 0, matured: false, maturesAt: '2025-05-01T00:00:00Z', expiresAt: FAR });

      expect((await settle(m)).points_matured).toBe(0);
      expect((await lotsOf(db(), m.memberId))[0]!.matured).toBe(true);
      expect(await transactionsOf(db(), m.memberId)).toEqual([]);
    });
  });

  describe('expiry', () => {
    it('expires each lot past its expiry in a transaction of its own, at the lot’s expiry instant', async () => {
      const m = await createMember(db());
      const earlier = await insertLot(db(), m, { id: uid('lot'), granted: 100, remaining: 30, expiresAt: '2025-05-01T00:00:00Z' });
      const later = await insertLot(db(), m, { id: uid('lot'), granted: 50, expiresAt: '2025-05-15T00:00:00Z' });
      const alive = await insertLot(db(), m, { granted: 70, expiresAt: FAR });

      expect(await settle(m)).toEqual({ holds_expired: 0, points_matured: 0, points_expired: 80 });

      const txns = await transactionsOf(db(), m.memberId);
      expect(txns.map((t) => [t.type, t.points, t.ref_id, t.data, t.occurred_at, t.version])).toEqual([
        ['expire', 30, earlier, { lot_id: earlier }, date('2025-05-01T00:00:00Z'), 1],
        ['expire', 50, later, { lot_id: later }, date('2025-05-15T00:00:00Z'), 2],
      ]);
      expect(await entriesOf(db(), m.memberId, txns[0]!.id)).toEqual({ available: -30, expired: 30 });
      expect(await entriesOf(db(), m.memberId, txns[1]!.id)).toEqual({ available: -50, expired: 50 });
      expect(await remainingOf(db(), m.memberId)).toEqual({ [earlier]: 0, [later]: 0, [alive]: 70 });
      const allocations = await allocationsOf(db(), m.memberId);
      expect(allocations).toHaveLength(2);
      expect(allocations).toEqual(
        expect.arrayContaining([
          { txn_id: txns[0]!.id, lot_id: earlier, ref_txn_id: txns[0]!.id, program_id: m.programId, points: -30 },
          { txn_id: txns[1]!.id, lot_id: later, ref_txn_id: txns[1]!.id, program_id: m.programId, points: -50 },
        ]),
      );
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 70, lifetime_expired: 80, version: 2 });
    });

    it('expires a lot expiring exactly at as_of and keeps one expiring after it', async () => {
      const m = await createMember(db());
      const due = await insertLot(db(), m, { granted: 10, expiresAt: NOW });
      const later = await insertLot(db(), m, { granted: 20, expiresAt: '2025-06-01T12:00:00.001Z' });

      expect((await settle(m)).points_expired).toBe(10);
      expect(await remainingOf(db(), m.memberId)).toEqual({ [due]: 0, [later]: 20 });
    });

    it('expires what an expired hold gave back to a lot that has expired meanwhile', async () => {
      const m = await createMember(db());
      const lot = await insertLot(db(), m, { granted: 100, expiresAt: '2025-05-25T00:00:00Z' });
      await insertHold(m, lot, 40, '2025-05-20T00:00:00Z');

      expect(await settle(m)).toEqual({ holds_expired: 1, points_matured: 0, points_expired: 100 });
      expect(await remainingOf(db(), m.memberId)).toEqual({ [lot]: 0 });
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 0, held: 0, lifetime_expired: 100 });
    });

    it('matures and then expires a pending lot that is past both instants', async () => {
      const m = await createMember(db());
      const lot = await insertLot(db(), m, { granted: 45, matured: false, maturesAt: '2025-05-01T00:00:00Z', expiresAt: '2025-05-20T00:00:00Z' });

      expect(await settle(m)).toEqual({ holds_expired: 0, points_matured: 45, points_expired: 45 });
      expect((await transactionsOf(db(), m.memberId)).map((t) => t.type)).toEqual(['mature', 'expire']);
      expect(await remainingOf(db(), m.memberId)).toEqual({ [lot]: 0 });
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 0, pending: 0, lifetime_expired: 45 });
    });
  });

  describe('debt', () => {
    it('pays an open debt from the points that matured', async () => {
      const m = await createMember(db());
      const lot = await insertLot(db(), m, { granted: 100, matured: false, maturesAt: '2025-05-10T00:00:00Z', expiresAt: FAR });
      await db().rows('UPDATE member_balances SET debt = 30 WHERE member_id = $1', [m.memberId]);

      await settle(m);

      const txns = await transactionsOf(db(), m.memberId);
      expect(txns.map((t) => [t.type, t.points])).toEqual([
        ['mature', 100],
        ['debt_payment', 30],
      ]);
      expect(txns[1]!.occurred_at).toEqual(date(NOW));
      expect(await entriesOf(db(), m.memberId, txns[1]!.id)).toEqual({ available: -30, debt: 30 });
      expect(await remainingOf(db(), m.memberId)).toEqual({ [lot]: 70 });
      expect((await allocationsOf(db(), m.memberId)).map((a) => [a.txn_id, a.ref_txn_id, a.lot_id, a.points])).toEqual([[txns[1]!.id, txns[1]!.id, lot, -30]]);
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 70, pending: 0, debt: 0 });
    });

    it('pays debt from what an expired hold released', async () => {
      const m = await createMember(db());
      const lot = await insertLot(db(), m, { granted: 50, expiresAt: FAR });
      await insertHold(m, lot, 50, '2025-05-01T00:00:00Z');
      await db().rows('UPDATE member_balances SET debt = 80 WHERE member_id = $1', [m.memberId]);

      await settle(m);

      expect((await transactionsOf(db(), m.memberId)).map((t) => [t.type, t.points])).toEqual([
        ['hold_expire', 50],
        ['debt_payment', 50],
      ]);
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 0, held: 0, debt: 30 });
      expect(await remainingOf(db(), m.memberId)).toEqual({ [lot]: 0 });
    });

    it('does not pay debt when it only expires', async () => {
      const m = await createMember(db());
      await insertLot(db(), m, { granted: 50, expiresAt: FAR });
      await insertLot(db(), m, { granted: 10, matured: false, maturesAt: '2025-05-01T00:00:00Z', expiresAt: FAR });
      await db().rows('UPDATE member_balances SET debt = 20 WHERE member_id = $1', [m.memberId]);

      expect(await settle(m, NOW, NOW, { holds: false, mature: false, expire: true })).toEqual({ holds_expired: 0, points_matured: 0, points_expired: 0 });
      expect(await transactionsOf(db(), m.memberId)).toEqual([]);
      expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 50, pending: 10, debt: 20 });
    });
  });

  describe('next_due_at', () => {
    it('is recomputed as the soonest of a spendable lot’s expiry, a pending lot’s maturity and a hold’s expiry', async () => {
      const m = await createMember(db());
      const lot = await insertLot(db(), m, { granted: 100, expiresAt: '2025-09-01T00:00:00Z' });
      await insertLot(db(), m, { granted: 10, matured: false, maturesAt: '2025-07-01T00:00:00Z', expiresAt: FAR });
      await insertHold(m, lot, 10, '2025-08-01T00:00:00Z');
      // Stale: something was due before as_of.
      await db().rows(`UPDATE member_balances SET next_due_at = '2025-05-01T00:00:00Z' WHERE member_id = $1`, [m.memberId]);

      await settle(m);
      expect((await balanceOf(db(), m.memberId)).next_due_at).toEqual(date('2025-07-01T00:00:00Z'));

      await settle(m, '2025-07-15T00:00:00Z', '2025-07-15T00:00:00Z');
      expect((await balanceOf(db(), m.memberId)).next_due_at).toEqual(date('2025-08-01T00:00:00Z'));

      await settle(m, '2025-08-15T00:00:00Z', '2025-08-15T00:00:00Z');
      expect((await balanceOf(db(), m.memberId)).next_due_at).toEqual(date('2025-09-01T00:00:00Z'));
    });

    it('ignores spent lots and becomes NULL when nothing is left to fall due', async () => {
      const m = await createMember(db());
      await insertLot(db(), m, { granted: 100, remaining: 0, expiresAt: '2025-07-01T00:00:00Z' });
      await insertLot(db(), m, { granted: 20, expiresAt: '2025-05-01T00:00:00Z' });
      await db().rows(`UPDATE member_balances SET next_due_at = '2025-05-01T00:00:00Z' WHERE member_id = $1`, [m.memberId]);

      await settle(m);

      expect((await balanceOf(db(), m.memberId)).next_due_at).toBeNull();
    });
  });

  it('writes balanced transactions and does nothing the second time', async () => {
    const m = await createMember(db());
    const lot = await insertLot(db(), m, { granted: 100, expiresAt: FAR });
    await insertLot(db(), m, { granted: 30, expiresAt: '2025-05-01T00:00:00Z' });
    await insertLot(db(), m, { granted: 50, matured: false, maturesAt: '2025-05-15T00:00:00Z', expiresAt: FAR });
    await insertHold(m, lot, 25, '2025-05-20T00:00:00Z');
    await db().rows('UPDATE member_balances SET debt = 10 WHERE member_id = $1', [m.memberId]);

    expect(await settle(m)).toEqual({ holds_expired: 1, points_matured: 50, points_expired: 30 });
    expect(await unbalancedTransactions(db(), m.memberId)).toEqual([]);
    const balance = await balanceOf(db(), m.memberId);
    expect(balance).toMatchObject({ available: 140, pending: 0, held: 0, debt: 0, version: 4 });
    const lots = await lotsOf(db(), m.memberId);
    const allocations = await allocationsOf(db(), m.memberId);

    expect(await settle(m, NOW, '2025-06-01T13:00:00Z')).toEqual({ holds_expired: 0, points_matured: 0, points_expired: 0 });
    expect(await balanceOf(db(), m.memberId)).toEqual(balance);
    expect(await transactionsOf(db(), m.memberId)).toHaveLength(4);
    expect(await lotsOf(db(), m.memberId)).toEqual(lots);
    expect(await allocationsOf(db(), m.memberId)).toEqual(allocations);
  });
});

describe('pl_pay_debt', () => {
  const payDebt = (m: MemberFixture, now = NOW) => db().locked<number>(m.memberId, 'SELECT pl_pay_debt($1, $2, $3::timestamptz)', [m.memberId, m.programId, now]);

  it('pays the debt from the soonest-expiring lots in one debt_payment transaction', async () => {
    const m = await createMember(db());
    const late = await insertLot(db(), m, { id: 'lot_2', granted: 100, expiresAt: FAR });
    const soon = await insertLot(db(), m, { id: 'lot_1', granted: 20, expiresAt: '2025-07-01T00:00:00Z' });
    await db().rows('UPDATE member_balances SET debt = 50 WHERE member_id = $1', [m.memberId]);

    expect(await payDebt(m)).toBe(50);

    const txns = await transactionsOf(db(), m.memberId);
    expect(txns.map((t) => [t.type, t.points, t.occurred_at, t.recorded_at])).toEqual([['debt_payment', 50, date(NOW), date(NOW)]]);
    expect(await entriesOf(db(), m.memberId, txns[0]!.id)).toEqual({ available: -50, debt: 50 });
    expect(await remainingOf(db(), m.memberId)).toEqual({ [late]: 70, [soon]: 0 });
    expect((await allocationsOf(db(), m.memberId)).map((a) => [a.lot_id, a.ref_txn_id, a.points])).toEqual([
      [soon, txns[0]!.id, -20],
      [late, txns[0]!.id, -30],
    ]);
    expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 70, debt: 0, version: 1 });
  });

  it('pays no more than the available balance', async () => {
    const m = await createMember(db());
    await insertLot(db(), m, { granted: 40, expiresAt: FAR });
    await db().rows('UPDATE member_balances SET debt = 100 WHERE member_id = $1', [m.memberId]);

    expect(await payDebt(m)).toBe(40);
    expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 0, debt: 60 });
  });

  it('does nothing without a debt or without available points', async () => {
    const noDebt = await createMember(db());
    await insertLot(db(), noDebt, { granted: 40, expiresAt: FAR });
    const nothingAvailable = await createMember(db());
    await insertLot(db(), nothingAvailable, { granted: 40, matured: false, maturesAt: '2025-07-01T00:00:00Z', expiresAt: FAR });
    await db().rows('UPDATE member_balances SET debt = 10 WHERE member_id = $1', [nothingAvailable.memberId]);

    expect(await payDebt(noDebt)).toBe(0);
    expect(await payDebt(nothingAvailable)).toBe(0);
    for (const m of [noDebt, nothingAvailable]) {
      expect(await transactionsOf(db(), m.memberId)).toEqual([]);
      expect(await allocationsOf(db(), m.memberId)).toEqual([]);
      expect((await balanceOf(db(), m.memberId)).version).toBe(0);
    }
  });

  it('does not pay from a lot expiring at now, and records nothing when no lot can pay', async () => {
    const m = await createMember(db());
    const lot = await insertLot(db(), m, { granted: 40, expiresAt: NOW });
    await db().rows('UPDATE member_balances SET debt = 10 WHERE member_id = $1', [m.memberId]);

    expect(await payDebt(m)).toBe(0);
    expect(await transactionsOf(db(), m.memberId)).toEqual([]);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [lot]: 40 });
    expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 40, debt: 10, version: 0 });
  });
});
