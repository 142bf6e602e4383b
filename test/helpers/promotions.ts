import type { TestApp } from './app.ts';
import { forgetActivePromotions } from '../../src/promotions/promotions.ts';
import { PromotionFieldsSchema, type EngineLine, type MemberFacts, type Promotion, type PurchaseContext } from '../../src/promotions/model.ts';

/** A promotion as the API would store it: the input goes through the schema, so defaults are the real ones. */
export function promo(id: string, fields: Record<string, unknown>): Promotion {
  const parsed = PromotionFieldsSchema.parse({ name: `promotion ${id}`, ...fields });
  return { ...parsed, id, version: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };
}

export function line(sku: string, unitPrice: number, quantity = 1, extra: Partial<EngineLine> = {}): EngineLine {
  return { sku, brand: null, category: null, quantity, unit_price: unitPrice, amount: unitPrice * quantity, ...extra };
}

export function facts(overrides: Partial<MemberFacts> = {}): MemberFacts {
  return {
    tier: 'silver',
    enrolled_at: '2026-01-01T00:00:00.000Z',
    birth_date: null,
    purchase_count: 3,
    purchases_within_days: {},
    segments: [],
    login_days_this_week: [],
    purchases_this_week: 0,
    uses: {},
    ...overrides,
  };
}

/** Baku is UTC+4 all year: 10:00 local is 06:00Z. One point per 1.00 AZN; a point is worth 0.01 AZN unless told. */
export function ctx(lines: EngineLine[], overrides: Partial<PurchaseContext> = {}): PurchaseContext {
  return {
    occurred_at: new Date('2026-12-01T08:00:00Z'),
    timezone: 'Asia/Baku',
    currency: 'AZN',
    amount: lines.reduce((s, l) => s + l.amount, 0),
    store_id: 'store-1',
    channel: 'pos',
    lines,
    code_promotions: [],
    exhausted: new Set(),
    point_value: 1,
    points_for: (net) => Math.floor(net / 100),
    convert: (m) => (m.currency === 'USD' ? Math.round(m.amount * 1.7) : null),
    brand_discount_caps: {},
    ...overrides,
  };
}

/** Ends every active promotion of the program (straight in the table) and forgets the cache, so a test starts from none. */
export async function endPromotions(t: TestApp, programId: string): Promise<void> {
  await t.pool.query(`UPDATE promotions SET status = 'ended', version = version + 1 WHERE program_id = $1 AND status = 'active'`, [programId]);
  forgetActivePromotions(programId);
}

/** A member's events of one type, in feed order, shaped as the feed shows them (for EventSchema.parse). */
export async function memberEvents(t: TestApp, memberId: string, type: string) {
  const { rows } = await t.pool.query<{ id: string; type: string; member_id: string; program_id: string; occurred_at: Date; recorded_at: Date; data: Record<string, unknown> }>(
    'SELECT id, type, member_id, program_id, occurred_at, recorded_at, data FROM events WHERE member_id = $1 AND type = $2 ORDER BY db_xid, seq',
    [memberId, type],
  );
  return rows.map((r) => ({ ...r, occurred_at: r.occurred_at.toISOString(), timestamp: r.occurred_at.toISOString(), recorded_at: r.recorded_at.toISOString() }));
}
