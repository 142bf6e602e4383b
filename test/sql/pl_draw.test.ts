import { describe, expect, it } from 'vitest';
import { allocationsOf, balanceOf, createMember, insertLot, remainingOf, uid, useSqlDatabase, type MemberFixture } from '../helpers/sql.ts';

const db = useSqlDatabase();

const NOW = '2025-03-01T12:00:00Z';

/** pl_draw(member, program, txn, ref_txn, points, now, exclude_lot) under the member's lock: the points drawn. */
async function draw(m: MemberFixture, points: number | null, options: { txn?: string; ref?: string; now?: string; exclude?: string } = {}) {
  const txn = options.txn ?? uid('txn');
  const drawn = await db().locked<number | null>(m.memberId, 'SELECT pl_draw($1, $2, $3, $4, $5::bigint, $6::timestamptz, $7)', [
    m.memberId,
    m.programId,
    txn,
    options.ref ?? txn,
    points,
    options.now ?? NOW,
    options.exclude ?? null,
  ]);
  return { drawn, txn };
}

describe('pl_draw', () => {
  it('draws from the soonest-expiring lot first', async () => {
    const m = await createMember(db());
    const late = await insertLot(db(), m, { id: 'lot_1', granted: 100, expiresAt: '2025-12-01T00:00:00Z' });
    const soon = await insertLot(db(), m, { id: 'lot_2', granted: 100, expiresAt: '2025-04-01T00:00:00Z' });
    const middle = await insertLot(db(), m, { id: 'lot_3', granted: 100, expiresAt: '2025-06-01T00:00:00Z' });

    const { drawn, txn } = await draw(m, 150);

    expect(drawn).toBe(150);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [late]: 100, [soon]: 0, [middle]: 50 });
    expect(await allocationsOf(db(), m.memberId)).toEqual([
      { txn_id: txn, lot_id: soon, ref_txn_id: txn, program_id: m.programId, points: -100 },
      { txn_id: txn, lot_id: middle, ref_txn_id: txn, program_id: m.programId, points: -50 },
    ]);
  });

  it('breaks a tie on expiry by lot id', async () => {
    const m = await createMember(db());
    const expiresAt = '2025-05-01T00:00:00Z';
    const b = await insertLot(db(), m, { id: 'lot_b', granted: 40, expiresAt });
    const a = await insertLot(db(), m, { id: 'lot_a', granted: 40, expiresAt });
    const c = await insertLot(db(), m, { id: 'lot_c', granted: 40, expiresAt });

    expect((await draw(m, 60)).drawn).toBe(60);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [a]: 0, [b]: 20, [c]: 40 });
  });

  it('never draws from a lot expiring at or before now', async () => {
    const m = await createMember(db());
    const before = await insertLot(db(), m, { id: 'lot_1', granted: 50, expiresAt: '2025-02-01T00:00:00Z' });
    const atNow = await insertLot(db(), m, { id: 'lot_2', granted: 50, expiresAt: NOW });
    const justAfter = await insertLot(db(), m, { id: 'lot_3', granted: 50, expiresAt: '2025-03-01T12:00:00.001Z' });

    const { drawn, txn } = await draw(m, 80);

    expect(drawn).toBe(50);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [before]: 50, [atNow]: 50, [justAfter]: 0 });
    expect((await allocationsOf(db(), m.memberId)).map((a) => [a.txn_id, a.lot_id, a.points])).toEqual([[txn, justAfter, -50]]);
  });

  it('never draws from an unmatured lot, even one expiring first', async () => {
    const m = await createMember(db());
    const pending = await insertLot(db(), m, { id: 'lot_1', granted: 100, matured: false, maturesAt: '2025-03-10T00:00:00Z', expiresAt: '2025-04-01T00:00:00Z' });
    const spendable = await insertLot(db(), m, { id: 'lot_2', granted: 30, expiresAt: '2025-09-01T00:00:00Z' });

    expect((await draw(m, 100)).drawn).toBe(30);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [pending]: 100, [spendable]: 0 });
  });

  it('skips the lot named by p_exclude_lot', async () => {
    const m = await createMember(db());
    const excluded = await insertLot(db(), m, { id: 'lot_1', granted: 100, expiresAt: '2025-04-01T00:00:00Z' });
    const other = await insertLot(db(), m, { id: 'lot_2', granted: 100, expiresAt: '2025-08-01T00:00:00Z' });

    const { drawn, txn } = await draw(m, 70, { exclude: excluded });

    expect(drawn).toBe(70);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [excluded]: 100, [other]: 30 });
    expect((await allocationsOf(db(), m.memberId)).map((a) => [a.txn_id, a.lot_id, a.points])).toEqual([[txn, other, -70]]);
  });

  it('draws what the lots hold when they do not cover the request, and returns that', async () => {
    const m = await createMember(db());
    const one = await insertLot(db(), m, { id: 'lot_1', granted: 100, remaining: 25, expiresAt: '2025-04-01T00:00:00Z' });
    const two = await insertLot(db(), m, { id: 'lot_2', granted: 40, expiresAt: '2025-05-01T00:00:00Z' });

    const { drawn, txn } = await draw(m, 100);

    expect(drawn).toBe(65);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [one]: 0, [two]: 0 });
    expect((await allocationsOf(db(), m.memberId)).map((a) => [a.txn_id, a.lot_id, a.points])).toEqual([
      [txn, one, -25],
      [txn, two, -40],
    ]);
  });

  it('writes no allocation for an empty lot and stops at the lot that completes the draw', async () => {
    const m = await createMember(db());
    const empty = await insertLot(db(), m, { id: 'lot_1', granted: 100, remaining: 0, expiresAt: '2025-04-01T00:00:00Z' });
    const first = await insertLot(db(), m, { id: 'lot_2', granted: 50, expiresAt: '2025-05-01T00:00:00Z' });
    const untouched = await insertLot(db(), m, { id: 'lot_3', granted: 50, expiresAt: '2025-06-01T00:00:00Z' });

    const { drawn } = await draw(m, 50);

    expect(drawn).toBe(50);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [empty]: 0, [first]: 0, [untouched]: 50 });
    expect((await allocationsOf(db(), m.memberId)).map((a) => a.lot_id)).toEqual([first]);
  });

  it('records the allocations under p_txn with p_ref_txn as the draw they belong to', async () => {
    const m = await createMember(db());
    const lot = await insertLot(db(), m, { granted: 100, expiresAt: '2025-04-01T00:00:00Z' });
    const txn = uid('txn');
    const ref = uid('txn');

    await draw(m, 30, { txn, ref });

    expect(await allocationsOf(db(), m.memberId)).toEqual([{ txn_id: txn, lot_id: lot, ref_txn_id: ref, program_id: m.programId, points: -30 }]);
  });

  it('only draws from the given member’s lots', async () => {
    const m = await createMember(db());
    const other = await createMember(db());
    const mine = await insertLot(db(), m, { granted: 20, expiresAt: '2025-06-01T00:00:00Z' });
    const theirs = await insertLot(db(), other, { granted: 100, expiresAt: '2025-04-01T00:00:00Z' });

    expect((await draw(m, 50)).drawn).toBe(20);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [mine]: 0 });
    expect(await remainingOf(db(), other.memberId)).toEqual({ [theirs]: 100 });
    expect(await allocationsOf(db(), other.memberId)).toEqual([]);
  });

  it('draws nothing for zero or negative points', async () => {
    const m = await createMember(db());
    const lot = await insertLot(db(), m, { granted: 100, expiresAt: '2025-04-01T00:00:00Z' });

    expect((await draw(m, 0)).drawn).toBe(0);
    expect((await draw(m, -10)).drawn).toBe(0);
    expect(await remainingOf(db(), m.memberId)).toEqual({ [lot]: 100 });
    expect(await allocationsOf(db(), m.memberId)).toEqual([]);
  });

  it('leaves the balance row and the ledger to the caller', async () => {
    const m = await createMember(db());
    await insertLot(db(), m, { granted: 100, expiresAt: '2025-04-01T00:00:00Z' });
    const before = await balanceOf(db(), m.memberId);

    await draw(m, 60);

    expect(await balanceOf(db(), m.memberId)).toEqual(before);
    expect(await db().value('SELECT count(*)::int FROM ledger_transactions WHERE member_id = $1', [m.memberId])).toBe(0);
  });
});
