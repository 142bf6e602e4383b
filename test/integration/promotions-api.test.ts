/**
 * /v1/promotions: create, read, list and change promotions, the active-promotion cap under concurrent creations,
 * the limit pools PATCH moves, the presets and exactly what they create, and the promotion settings of a program.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, type ProgramFixture } from '../helpers/app.ts';
import type { FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { activePromotions, createPromotions } from '../../src/promotions/promotions.ts';
import { PromotionFieldsSchema } from '../../src/promotions/model.ts';

const START = new Date('2027-02-10T09:00:00.000Z');

let t: FixedClockTestApp;
let p: ProgramFixture;

beforeAll(async () => {
  t = (await createTestApp({ now: START })) as FixedClockTestApp;
  p = await createProgramFixture(t);
});
afterAll(() => t?.close());

// Response bodies are checked by value; a field-by-field type would only restate the schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const create = (payload: unknown, key = p.adminKey, headers: Record<string, string> = {}) => t.call({ method: 'POST', url: '/v1/promotions', key, payload: payload as Json, headers });
const patch = (id: string, payload: unknown, key = p.adminKey) => t.call({ method: 'PATCH', url: `/v1/promotions/${id}`, key, payload: payload as Json });
const get = (id: string, key = p.readKey) => t.call({ method: 'GET', url: `/v1/promotions/${id}`, key });
const preset = (name: string, payload: unknown = {}, program = p, headers: Record<string, string> = {}) =>
  t.call({ method: 'POST', url: `/v1/promotions/presets/${name}`, key: program.adminKey, payload: payload as Json, headers });

async function created(payload: unknown, key = p.adminKey): Promise<Json> {
  const res = await create(payload, key);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function presetMade(name: string, payload: unknown = {}, program = p): Promise<Json[]> {
  const res = await preset(name, payload, program);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().promotions;
}

const pool = (id: string) => t.db.selectFrom('promotion_pools').select(['uses_left', 'budget_left']).where('promotion_id', '=', id).executeTakeFirst();

describe('POST, GET and list', () => {
  it('creates a promotion with every field shown and the defaults filled in, and reads it back', async () => {
    const promotion = await created({ name: 'Shoes 10 %', effect: { type: 'percent_off', percent: 10 }, scope: { categories: ['shoes'] } });

    expect(promotion).toEqual({
      id: expect.stringMatching(/^prm_/),
      version: 1,
      name: 'Shoes 10 %',
      description: null,
      status: 'active',
      visibility: 'visible',
      stackable: false,
      priority: 0,
      effect: { type: 'percent_off', percent: 10 },
      scope: { categories: ['shoes'] },
      conditions: { requires_code: false },
      limits: {},
      preset: null,
      created_at: START.toISOString(),
      updated_at: START.toISOString(),
    });
    expect((await get(promotion.id)).json()).toEqual(promotion);
  });

  it('answers 404 promotion_not_found for an unknown id and for another program\'s promotion', async () => {
    expectProblem(await get('prm_01jdq3v7f8e9t0sw2p1x5m3k4z'), 404, 'promotion_not_found');
    const other = await createProgramFixture(t);
    const theirs = await created({ name: 'Theirs', effect: { type: 'points_bonus', points: 5 } }, other.adminKey);
    expectProblem(await get(theirs.id), 404, 'promotion_not_found');
    expectProblem(await patch(theirs.id, { name: 'Mine now' }), 404, 'promotion_not_found');
    const mine = (await t.call({ method: 'GET', url: '/v1/promotions?limit=200', key: p.readKey })).json().data.map((x: Json) => x.id);
    expect(mine).not.toContain(theirs.id);
  });

  it('pages oldest first with a cursor and filters by status', async () => {
    const q = await createProgramFixture(t);
    const made = [];
    for (const [i, status] of ['active', 'paused', 'active', 'ended', 'active'].entries()) {
      made.push(await created({ name: `P${i}`, status, effect: { type: 'points_bonus', points: 10 + i } }, q.adminKey));
    }
    const first = (await t.call({ method: 'GET', url: '/v1/promotions?limit=2', key: q.readKey })).json();
    expect(first.data.map((x: Json) => x.name)).toEqual(['P0', 'P1']);
    expect(first.has_more).toBe(true);
    const second = (await t.call({ method: 'GET', url: `/v1/promotions?limit=2&cursor=${first.next_cursor}`, key: q.readKey })).json();
    expect(second.data.map((x: Json) => x.name)).toEqual(['P2', 'P3']);
    const active = (await t.call({ method: 'GET', url: '/v1/promotions?status=active', key: q.readKey })).json();
    expect(active).toEqual({ data: [made[0], made[2], made[4]], next_cursor: null, has_more: false });
    expectProblem(await t.call({ method: 'GET', url: '/v1/promotions?cursor=forged', key: q.readKey }), 400, 'validation_failed');
  });
});

describe('validation', () => {
  it('answers 400 with a pointer for what the schema refuses', async () => {
    const res = await create({ name: 'Too much', effect: { type: 'percent_off', percent: 150 } });
    expect(expectProblem(res, 400, 'validation_failed').errors!.map((e) => e.pointer)).toEqual(['/effect/percent']);
  });

  it('answers 422 invalid_promotion with a pointer for each rule between fields and against the program', async () => {
    const res = await create({
      name: 'Broken',
      effect: { type: 'amount_off', amount: { amount: 500, currency: 'JPY' } },
      conditions: { starts_at: '2027-03-01T00:00:00Z', ends_at: '2027-03-01T00:00:00Z', days_of_week: [1, 3, 1], min_amount: { amount: 100, currency: 'CHF' } },
      limits: { budget: { amount: { amount: 100_000, currency: 'XYZ' } } },
    });
    expect(expectProblem(res, 422, 'invalid_promotion').errors!.map((e) => e.pointer)).toEqual([
      '/effect/amount/currency',
      '/conditions/min_amount/currency',
      '/limits/budget/amount/currency',
      '/conditions/ends_at',
      '/conditions/days_of_week/2',
    ]);
  });

  it("requires an issue_code effect to name one of the program's promotions", async () => {
    const other = await createProgramFixture(t);
    const theirs = await created({ name: 'Theirs', effect: { type: 'percent_off', percent: 5 }, conditions: { requires_code: true } }, other.adminKey);
    const res = await create({ name: 'Issue theirs', effect: { type: 'issue_code', promotion_id: theirs.id, valid_days: 10 } });
    expect(expectProblem(res, 422, 'invalid_promotion').errors).toEqual([{ pointer: '/effect/promotion_id', location: 'body', message: expect.stringContaining('must name a promotion of this program') }]);

    const reward = await created({ name: 'Reward', effect: { type: 'percent_off', percent: 5 }, conditions: { requires_code: true } });
    const trigger = await created({ name: 'Issue mine', effect: { type: 'issue_code', promotion_id: reward.id, valid_days: 10 } });
    expect(trigger.effect).toEqual({ type: 'issue_code', promotion_id: reward.id, valid_days: 10 });
  });
});

describe('the active-promotion cap (max_active_promotions)', () => {
  it('refuses the 51st active promotion with 409, but takes a paused one, and refuses activating it', async () => {
    const q = await createProgramFixture(t);
    for (let i = 0; i < 50; i++) await created({ name: `Active ${i}`, effect: { type: 'points_bonus', points: 1 } }, q.adminKey);

    const refused = expectProblem(await create({ name: 'One more', effect: { type: 'points_bonus', points: 1 } }, q.adminKey), 409, 'too_many_active_promotions');
    expect(refused).toMatchObject({ max_active_promotions: 50, active: 50 });
    const paused = await created({ name: 'Paused', status: 'paused', effect: { type: 'points_bonus', points: 1 } }, q.adminKey);
    expectProblem(await patch(paused.id, { status: 'active' }, q.adminKey), 409, 'too_many_active_promotions');
    // A preset of two counts as two.
    expectProblem(await preset('threshold_coupon', {}, q), 409, 'too_many_active_promotions');

    const some = (await t.call({ method: 'GET', url: '/v1/promotions?limit=1', key: q.readKey })).json().data[0];
    expect((await patch(some.id, { status: 'ended' }, q.adminKey)).statusCode).toBe(200);
    expect((await patch(paused.id, { status: 'active' }, q.adminKey)).json().status).toBe('active');
  });

  it('lets exactly 5 of 10 concurrent creations through at 45 active', async () => {
    const q = await createProgramFixture(t);
    const fields = PromotionFieldsSchema.parse({ name: 'Seed', effect: { type: 'points_bonus', points: 1 } });
    await createPromotions(t.db, t.clock, q.programId, Array.from({ length: 45 }, () => ({ fields })));

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => create({ name: `Race ${i}`, effect: { type: 'points_bonus', points: 2 } }, q.adminKey)),
    );

    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.statusCode === 409)) expectProblem(refused, 409, 'too_many_active_promotions');
    const active = await t.db.selectFrom('promotions').select((eb) => eb.fn.countAll<string>().as('n')).where('program_id', '=', q.programId).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(Number(active.n)).toBe(50);
  });

  it('follows the setting', async () => {
    const q = await createProgramFixture(t, { max_active_promotions: 1 });
    await created({ name: 'Only one', effect: { type: 'points_bonus', points: 1 } }, q.adminKey);
    expect(expectProblem(await create({ name: 'Two', effect: { type: 'points_bonus', points: 1 } }, q.adminKey), 409, 'too_many_active_promotions')).toMatchObject({
      max_active_promotions: 1,
      active: 1,
    });
  });
});

describe('PATCH', () => {
  it('changes only the named fields, bumps the version and sets updated_at', async () => {
    const promotion = await created({ name: 'Before', priority: 3, effect: { type: 'points_multiplier', multiplier: 2 } });
    t.clock.advance(60_000);

    const res = await patch(promotion.id, { name: 'After', stackable: true, conditions: { tiers: ['gold'] } });

    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      ...promotion,
      name: 'After',
      stackable: true,
      conditions: { tiers: ['gold'], requires_code: false },
      version: 2,
      updated_at: new Date(START.getTime() + 60_000).toISOString(),
    });
    expect((await patch(promotion.id, { status: 'paused' })).json().version).toBe(3);
    expectProblem(await patch(promotion.id, { version: 9 }), 400, 'validation_failed');
    expectProblem(await patch(promotion.id, { conditions: { starts_at: '2027-03-02T00:00:00Z', ends_at: '2027-03-01T00:00:00Z' } }), 422, 'invalid_promotion');
    expect((await get(promotion.id)).json().version).toBe(3);
    t.clock.set(START);
  });

  it('creates the pool with the limits, moves it by the difference, and refuses to lower past what is handed out', async () => {
    const promotion = await created({ name: 'Pooled', effect: { type: 'percent_off', percent: 5 }, limits: { total_uses: 100, budget: { points: 1000 } } });
    // Half went into the slices at once (32 on one node, one per shard on Citus), evenly; the rest stays in the pool.
    const keys = (await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM promotion_slice_keys')).rows[0]!.n;
    const n = keys || 32;
    const [uses, points] = [Math.floor(100 / (2 * n)), Math.floor(1000 / (2 * n))];
    expect(await pool(promotion.id)).toEqual({ uses_left: 100 - n * uses, budget_left: 1000 - n * points });
    const { rows } = await t.pool.query('SELECT sum(uses_left)::int AS uses, sum(budget_left)::int AS budget, count(*)::int AS n FROM promotion_slices WHERE promotion_id = $1', [promotion.id]);
    expect(rows[0]).toEqual({ uses: n * uses, budget: n * points, n });
    // Purchases (or slices taking chunks) have handed out 70 uses and 400 points.
    await t.db.updateTable('promotion_pools').set({ uses_left: 30, budget_left: 600 }).where('promotion_id', '=', promotion.id).execute();

    expect((await patch(promotion.id, { limits: { total_uses: 150, budget: { points: 1000 } } })).statusCode).toBe(200);
    expect(await pool(promotion.id)).toEqual({ uses_left: 80, budget_left: 600 });
    expect((await patch(promotion.id, { limits: { total_uses: 80, budget: { points: 500 } } })).statusCode).toBe(200);
    expect(await pool(promotion.id)).toEqual({ uses_left: 10, budget_left: 100 });

    const refused = expectProblem(await patch(promotion.id, { limits: { total_uses: 60, budget: { points: 500 } } }), 409, 'limit_below_used');
    expect(refused).toMatchObject({ limit: 'total_uses', left: 10, errors: [{ pointer: '/limits/total_uses' }] });
    expectProblem(await patch(promotion.id, { limits: { total_uses: 80, budget: { points: 399 } } }), 409, 'limit_below_used');
    expect(await pool(promotion.id)).toEqual({ uses_left: 10, budget_left: 100 });
    expect((await get(promotion.id)).json()).toMatchObject({ version: 3, limits: { total_uses: 80, budget: { points: 500 } } });

    const unit = await patch(promotion.id, { limits: { total_uses: 80, budget: { amount: { amount: 500, currency: 'USD' } } } });
    expect(expectProblem(unit, 422, 'invalid_promotion').errors!.map((e) => e.pointer)).toEqual(['/limits/budget']);

    expect((await patch(promotion.id, { limits: { budget: { points: 500 } } })).statusCode).toBe(200);
    expect(await pool(promotion.id)).toEqual({ uses_left: null, budget_left: 100 });
  });

  it('opens a pool when a limit is added later', async () => {
    const promotion = await created({ name: 'Unlimited', effect: { type: 'points_bonus', points: 3 } });
    expect(await pool(promotion.id)).toBeUndefined();
    await patch(promotion.id, { limits: { total_uses: 7 } });
    expect(await pool(promotion.id)).toEqual({ uses_left: 7, budget_left: null });
  });
});

describe('presets', () => {
  const common = { description: null, status: 'active', priority: 0, scope: {}, version: 1, created_at: START.toISOString(), updated_at: START.toISOString() };

  it('first_purchase: 20 % off the first purchase within 24 hours, once per member', async () => {
    const [promotion] = await presetMade('first_purchase');
    expect(promotion).toEqual({
      ...common,
      id: expect.stringMatching(/^prm_/),
      name: 'First purchase: 20 % off',
      visibility: 'visible',
      stackable: false,
      effect: { type: 'percent_off', percent: 20 },
      conditions: { first_purchase_within_hours: 24, requires_code: false },
      limits: { per_member: 1 },
      preset: 'first_purchase',
    });
  });

  it('threshold_coupon: a technical code-only reward and a stackable trigger over the threshold', async () => {
    const made = await presetMade('threshold_coupon', { threshold: { amount: 10_000, currency: 'USD' }, reward: { amount: 1_000, currency: 'USD' } });
    expect(made).toEqual([
      {
        ...common,
        id: expect.stringMatching(/^prm_/),
        name: 'Threshold coupon: 10.00 USD off',
        visibility: 'technical',
        stackable: false,
        effect: { type: 'amount_off', amount: { amount: 1_000, currency: 'USD' } },
        conditions: { requires_code: true },
        limits: {},
        preset: 'threshold_coupon',
      },
      {
        ...common,
        id: expect.stringMatching(/^prm_/),
        name: 'Spend over 100.00 USD, get 10.00 USD off the next purchase',
        visibility: 'visible',
        stackable: true,
        effect: { type: 'issue_code', promotion_id: made[0]!.id, valid_days: 30 },
        // 100.00 issues nothing, 100.01 a code.
        conditions: { min_amount: { amount: 10_001, currency: 'USD' }, requires_code: false },
        limits: {},
        preset: 'threshold_coupon',
      },
    ]);
    const byDefault = await presetMade('threshold_coupon');
    expect(byDefault[1]!.conditions.min_amount).toEqual({ amount: 10_001, currency: 'AZN' });
  });

  it('repeat_buyer: a percent code for more than 2 purchases in 90 days, once per quarter', async () => {
    const [reward, trigger] = await presetMade('repeat_buyer');
    expect(reward).toMatchObject({ visibility: 'technical', effect: { type: 'percent_off', percent: 20 }, conditions: { requires_code: true }, preset: 'repeat_buyer' });
    expect(trigger).toMatchObject({
      stackable: true,
      effect: { type: 'issue_code', promotion_id: reward!.id, valid_days: 30 },
      // The condition counts earlier purchases: more than 1 before this one makes more than 2 with it.
      conditions: { purchase_count: { more_than: 1, within_days: 90 }, requires_code: false },
      limits: { per_member_period: { uses: 1, period: 'quarter' } },
      preset: 'repeat_buyer',
    });
  });

  it('double_bonus: +400 points for a two-day login streak and two purchases in the week, once per week', async () => {
    const [promotion] = await presetMade('double_bonus');
    expect(promotion).toMatchObject({
      stackable: true,
      effect: { type: 'points_bonus', points: 400 },
      conditions: { login_streak: { days: 2, purchases_in_week: 2 }, requires_code: false },
      limits: { per_member_period: { uses: 1, period: 'week' } },
      preset: 'double_bonus',
    });
  });

  it('campaign: +10 % points from local midnight of the first day to the end of the last, in the program time zone', async () => {
    const q = await createProgramFixture(t, { timezone: 'America/New_York' });
    // Daylight saving time starts in New York on 14 March 2027: the end is at midnight EDT (UTC-4), the start EST (UTC-5).
    const [promotion] = await presetMade('campaign', { starts_on: '2027-03-01', ends_on: '2027-03-14' }, q);
    expect(promotion).toMatchObject({
      stackable: true,
      effect: { type: 'points_multiplier', multiplier: 1.1 },
      conditions: { starts_at: '2027-03-01T05:00:00.000Z', ends_at: '2027-03-15T04:00:00.000Z', requires_code: false },
      preset: 'campaign',
    });
    const refused = await preset('campaign', { starts_on: '2027-03-14', ends_on: '2027-03-01' }, q);
    expect(expectProblem(refused, 422, 'invalid_preset_params').errors!.map((e) => e.pointer)).toEqual(['/ends_on']);
  });

  it('birthday: a code-only discount within 7 days of the birthday, once a year', async () => {
    const [byPercent] = await presetMade('birthday');
    expect(byPercent).toMatchObject({
      effect: { type: 'percent_off', percent: 10 },
      conditions: { birthday_window_days: 7, requires_code: true },
      limits: { per_member_period: { uses: 1, period: 'year' } },
      preset: 'birthday',
    });
    const [byAmount] = await presetMade('birthday', { amount: { amount: 2_000 }, window_days: 3 });
    expect(byAmount).toMatchObject({ effect: { type: 'amount_off', amount: { amount: 2_000, currency: 'AZN' } }, conditions: { birthday_window_days: 3 } });
    expectProblem(await preset('birthday', { percent: 5, amount: { amount: 100 } }), 422, 'invalid_preset_params');
  });

  it('win_back: four increasing code-only technical discounts, one per step, found by their preset value', async () => {
    const made = await presetMade('win_back', { amounts: [{ amount: 500, currency: 'USD' }, { amount: 1000, currency: 'USD' }, { amount: 1500, currency: 'USD' }, { amount: 2000, currency: 'USD' }] });
    expect(made.map((m) => [m.preset, m.effect.amount.amount, m.visibility, m.conditions.requires_code])).toEqual([
      ['win_back:60d', 500, 'technical', true],
      ['win_back:9m', 1000, 'technical', true],
      ['win_back:12m', 1500, 'technical', true],
      ['win_back:15m', 2000, 'technical', true],
    ]);
    expect(made[1]!.name).toBe('Win-back after 9 months without a purchase: 10.00 USD off');

    const refused = await preset('win_back', { amounts: [{ amount: 500 }, { amount: 1000 }, { amount: 900 }, { amount: 2000 }] });
    expect(expectProblem(refused, 422, 'invalid_preset_params').errors!.map((e) => e.pointer)).toEqual(['/amounts/2/amount']);
  });

  it('refuses bad parameters with 422 and a pointer, an unknown preset with 400, and a currency without a rate', async () => {
    expect(expectProblem(await preset('first_purchase', { percent: 0 }), 422, 'invalid_preset_params').errors).toEqual([
      { pointer: '/percent', location: 'body', message: expect.any(String) },
    ]);
    expect(expectProblem(await preset('first_purchase', { extra: 1 }), 422, 'invalid_preset_params').errors![0]!.pointer).toBe('');
    expectProblem(await preset('no_such_preset'), 400, 'validation_failed');
    expect(expectProblem(await preset('threshold_coupon', { reward: { amount: 100, currency: 'JPY' } }), 422, 'invalid_preset_params').errors![0]!.pointer).toBe('/reward/currency');
  });
});

describe('auth scopes', () => {
  it('lets read and pos keys read, and only admin keys write', async () => {
    const promotion = await created({ name: 'Scoped', effect: { type: 'points_bonus', points: 1 } });
    for (const key of [p.readKey, p.posKey]) {
      expect((await get(promotion.id, key)).statusCode).toBe(200);
      expect((await t.call({ method: 'GET', url: '/v1/promotions', key })).statusCode).toBe(200);
      expectProblem(await create({ name: 'No', effect: { type: 'points_bonus', points: 1 } }, key), 403, 'forbidden');
      expectProblem(await patch(promotion.id, { name: 'No' }, key), 403, 'forbidden');
      expectProblem(await t.call({ method: 'POST', url: '/v1/promotions/presets/birthday', key, payload: {} }), 403, 'forbidden');
    }
    expectProblem(await t.call({ method: 'GET', url: '/v1/promotions' }), 401, 'unauthenticated');
  });
});

describe('Idempotency-Key', () => {
  it('replays a creation, refuses the key with another body, and replays a preset', async () => {
    const body = { name: 'Once', effect: { type: 'points_bonus', points: 9 } };
    const first = await create(body, p.adminKey, { 'idempotency-key': 'promo-once-1' });
    const retry = await create(body, p.adminKey, { 'idempotency-key': 'promo-once-1' });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expectProblem(await create({ ...body, name: 'Twice' }, p.adminKey, { 'idempotency-key': 'promo-once-1' }), 422, 'idempotency_key_reused');
    const named = await t.db.selectFrom('promotions').select('id').where('program_id', '=', p.programId).where('name', '=', 'Once').execute();
    expect(named).toHaveLength(1);

    const firstPreset = await preset('double_bonus', {}, p, { 'idempotency-key': 'preset-once-1' });
    const againPreset = await preset('double_bonus', {}, p, { 'idempotency-key': 'preset-once-1' });
    expect(againPreset.headers['idempotent-replayed']).toBe('true');
    expect(againPreset.json()).toEqual(firstPreset.json());
  });
});

describe('activePromotions (the purchase path cache)', () => {
  it("sees this instance's writes at once and leaves out paused promotions", async () => {
    const q = await createProgramFixture(t);
    const one = await created({ name: 'Cached', effect: { type: 'points_bonus', points: 1 } }, q.adminKey);
    expect((await activePromotions(t.db, q.programId)).map((x) => x.id)).toEqual([one.id]);

    const two = await created({ name: 'Cached too', effect: { type: 'points_bonus', points: 2 } }, q.adminKey);
    expect((await activePromotions(t.db, q.programId)).map((x) => x.id)).toEqual([one.id, two.id]);
    await patch(one.id, { status: 'paused' }, q.adminKey);
    const active = await activePromotions(t.db, q.programId);
    expect(active.map((x) => [x.id, x.version])).toEqual([[two.id, 1]]);
  });
});

describe('promotion settings', () => {
  it('defaults point_value 1, brand_discount_caps {} and max_active_promotions 50, and validates changes with pointers', async () => {
    const q = await createProgramFixture(t);
    const settings = (await t.call({ method: 'GET', url: '/v1/program', key: q.readKey })).json().settings;
    expect(settings).toMatchObject({ point_value: 1, brand_discount_caps: {}, max_active_promotions: 50 });

    const changed = await t.call({ method: 'PATCH', url: '/v1/program', key: q.adminKey, payload: { settings: { point_value: 0.5, brand_discount_caps: { LuxBrand: 10 }, max_active_promotions: 500 } } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().settings).toMatchObject({ point_value: 0.5, brand_discount_caps: { LuxBrand: 10 }, max_active_promotions: 500 });

    const refused = await t.call({ method: 'PATCH', url: '/v1/program', key: q.adminKey, payload: { settings: { point_value: 0, brand_discount_caps: { LuxBrand: 101 }, max_active_promotions: 501 } } });
    expect(expectProblem(refused, 400, 'validation_failed').errors!.map((e) => e.pointer).sort()).toEqual([
      '/settings/brand_discount_caps/LuxBrand',
      '/settings/max_active_promotions',
      '/settings/point_value',
    ]);
  });
});
