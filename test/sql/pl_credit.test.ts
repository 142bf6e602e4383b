import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  createMember,
  date,
  entriesOf,
  insertLot,
  lotsOf,
  transactionsOf,
  uid,
  unbalancedTransactions,
  useSqlDatabase,
  type MemberFixture,
} from '../helpers/sql.ts';

const db = useSqlDatabase();

const NOW = '2025-03-01T12:00:00Z';
const OCCURRED = '2025-03-01T11:00:00Z';
const EXPIRES = '2026-03-01T12:00:00Z';

interface CreditArgs {
  points: number;
  matures?: string;
  expires?: string;
  type?: string;
  source?: string;
  systemAccount?: string;
  data?: Record<string, unknown>;
  purchases?: number;
  activity?: string | null;
}

/** pl_credit under the member's lock; returns the transaction JSON, its txn id and the lot id it was offered. */
async function credit(m: MemberFixture, args: CreditArgs) {
  const txn = uid('txn');
  const lot = uid('lot');
  const result = await db().locked<Record<string, unknown> & { data: Record<string, unknown> }>(
    m.memberId,
    `SELECT pl_credit(p_member => $1, p_program => $2, p_txn => $3, p_type => $4, p_points => $5::bigint, p_ref => NULL,
                      p_lot => $6, p_source => $7, p_matures => $8::timestamptz, p_expires => $9::timestamptz,
                      p_occurred => $10::timestamptz, p_now => $11::timestamptz, p_data => $12::jsonb,
                      p_system_account => $13, p_purchases => $14::int, p_activity => $15::timestamptz)`,
    [
      m.memberId,
      m.programId,
      txn,
      args.type ?? 'earn',
      args.points,
      lot,
      args.source ?? 'earn',
      args.matures ?? NOW,
      args.expires ?? EXPIRES,
      OCCURRED,
      NOW,
      JSON.stringify(args.data ?? {}),
      args.systemAccount ?? 'issued',
      args.purchases ?? 0,
      args.activity ?? null,
    ],
  );
  return { result, txn, lot };
}

async function setDebt(m: MemberFixture, debt: number) {
  await db().rows('UPDATE member_balances SET debt = $2 WHERE member_id = $1', [m.memberId, debt]);
}

describe('pl_credit', () => {
  it('credits a lot that is spendable at once when it matures at or before now', async () => {
    const m = await createMember(db());

    const { result, txn, lot } = await credit(m, { points: 100, matures: NOW });

    expect(await lotsOf(db(), m.memberId)).toEqual([
      { id: lot, granted: 100, remaining: 100, matured: true, matures_at: date(NOW), expires_at: date(EXPIRES), source: 'earn', txn_id: txn },
    ]);
    expect(await entriesOf(db(), m.memberId, txn)).toEqual({ issued: -100, available: 100 });
    const balance = await balanceOf(db(), m.memberId);
    expect(balance).toMatchObject({ available: 100, pending: 0, debt: 0, lifetime_earned: 100, version: 1 });
    // What falls due next is the lot's expiry.
    expect(balance.next_due_at).toEqual(date(EXPIRES));
    expect(result).toMatchObject({ id: txn, type: 'earn', points: 100, version: 1, data: { debt_paid: 0, lot_id: lot } });
  });

  it('credits a pending lot when it matures after now, due at its maturity', async () => {
    const m = await createMember(db());
    const matures = '2025-03-15T00:00:00Z';

    const { txn, lot } = await credit(m, { points: 80, matures });

    const [row] = await lotsOf(db(), m.memberId);
    expect(row).toMatchObject({ id: lot, granted: 80, remaining: 80, matured: false, matures_at: date(matures) });
    expect(await entriesOf(db(), m.memberId, txn)).toEqual({ issued: -80, pending: 80 });
    const balance = await balanceOf(db(), m.memberId);
    expect(balance).toMatchObject({ available: 0, pending: 80, lifetime_earned: 80 });
    expect(balance.next_due_at).toEqual(date(matures));
  });

  it('treats a maturity one millisecond after now as pending', async () => {
    const m = await createMember(db());

    await credit(m, { points: 10, matures: '2025-03-01T12:00:00.001Z' });

    expect((await lotsOf(db(), m.memberId))[0]!.matured).toBe(false);
    expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 0, pending: 10 });
  });

  it('pays an open debt first and makes a lot of the rest', async () => {
    const m = await createMember(db());
    await setDebt(m, 30);

    const { result, txn, lot } = await credit(m, { points: 100 });

    expect(await entriesOf(db(), m.memberId, txn)).toEqual({ issued: -100, debt: 30, available: 70 });
    expect(await lotsOf(db(), m.memberId)).toMatchObject([{ id: lot, granted: 70, remaining: 70, matured: true }]);
    expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 70, debt: 0, lifetime_earned: 100 });
    expect(result).toMatchObject({ points: 100, data: { debt_paid: 30, lot_id: lot } });
  });

  it('pays the debt first even when the rest would be pending', async () => {
    const m = await createMember(db());
    await setDebt(m, 25);

    const { txn } = await credit(m, { points: 100, matures: '2025-04-01T00:00:00Z' });

    expect(await entriesOf(db(), m.memberId, txn)).toEqual({ issued: -100, debt: 25, pending: 75 });
    expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 0, pending: 75, debt: 0 });
  });

  it('creates no lot when the whole credit pays debt, and leaves next_due_at alone', async () => {
    const m = await createMember(db());
    await setDebt(m, 150);

    const { result, txn } = await credit(m, { points: 100 });

    expect(await lotsOf(db(), m.memberId)).toEqual([]);
    expect(await entriesOf(db(), m.memberId, txn)).toEqual({ issued: -100, debt: 100 });
    const balance = await balanceOf(db(), m.memberId);
    expect(balance).toMatchObject({ available: 0, pending: 0, debt: 50, lifetime_earned: 100, version: 1 });
    expect(balance.next_due_at).toBeNull();
    expect(result.data).toEqual({ debt_paid: 100, lot_id: null });
  });

  it('creates no lot when the credit exactly pays the debt', async () => {
    const m = await createMember(db());
    await setDebt(m, 40);

    const { result } = await credit(m, { points: 40 });

    expect(await lotsOf(db(), m.memberId)).toEqual([]);
    expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 0, debt: 0 });
    expect(result.data).toEqual({ debt_paid: 40, lot_id: null });
  });

  it('keeps an earlier due instant rather than the new lot’s later one', async () => {
    const m = await createMember(db());
    const soon = '2025-03-05T00:00:00Z';
    await insertLot(db(), m, { granted: 10, expiresAt: soon });
    await db().rows('UPDATE member_balances SET next_due_at = $2 WHERE member_id = $1', [m.memberId, soon]);

    await credit(m, { points: 100 });

    expect((await balanceOf(db(), m.memberId)).next_due_at).toEqual(date(soon));
  });

  it('posts against the system account it is given', async () => {
    const m = await createMember(db());

    const { txn } = await credit(m, { points: 60, type: 'convert', source: 'convert', systemAccount: 'converted' });

    expect(await entriesOf(db(), m.memberId, txn)).toEqual({ converted: -60, available: 60 });
    // Only the `issued` account counts as earned.
    expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 60, lifetime_earned: 0 });
    expect((await lotsOf(db(), m.memberId))[0]!.source).toBe('convert');
  });

  it('records one balanced transaction with the caller’s data, times and counters', async () => {
    const m = await createMember(db());

    const { txn } = await credit(m, { points: 50, data: { store_id: 'st_1' }, purchases: 1, activity: OCCURRED });

    const txns = await transactionsOf(db(), m.memberId);
    expect(txns).toHaveLength(1);
    expect(txns[0]).toMatchObject({ id: txn, type: 'earn', points: 50, occurred_at: date(OCCURRED), recorded_at: date(NOW), version: 1 });
    expect(txns[0]!.data).toMatchObject({ store_id: 'st_1', debt_paid: 0 });
    expect(await unbalancedTransactions(db(), m.memberId)).toEqual([]);
    const balance = await balanceOf(db(), m.memberId);
    expect(balance).toMatchObject({ purchase_count: 1, version: 1 });
    expect(balance.last_activity_at).toEqual(date(OCCURRED));
    expect(balance.last_purchase_at).toEqual(date(OCCURRED));
  });

  it('adds to the balance a member already has', async () => {
    const m = await createMember(db());
    await insertLot(db(), m, { granted: 40, expiresAt: EXPIRES });
    await insertLot(db(), m, { granted: 15, matured: false, maturesAt: '2025-03-20T00:00:00Z', expiresAt: EXPIRES });

    await credit(m, { points: 100 });
    await credit(m, { points: 5, matures: '2025-04-01T00:00:00Z' });

    expect(await balanceOf(db(), m.memberId)).toMatchObject({ available: 140, pending: 20, version: 2 });
    expect(await lotsOf(db(), m.memberId)).toHaveLength(4);
    expect(await unbalancedTransactions(db(), m.memberId)).toEqual([]);
  });
});
