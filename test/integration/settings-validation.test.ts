/**
 * Program settings are validated whole: each field by its schema (400 validation_failed), and the rules between
 * fields on the effective settings (422 invalid_settings), each with a JSON pointer. A schema-driven property test
 * sends generated settings patches, valid and broken, and asserts that PATCH never answers 5xx and that a program
 * it accepted still takes a purchase and answers a balance read.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { enroll, useTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { balanceOf, nextReceipt, post } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { DEFAULT_SETTINGS, SettingsPatchSchema } from '../../src/programs/settings.ts';

let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, program) => {
  t = app;
  p = program;
});

const patch = (settings: unknown, key = p.adminKey) => t.call({ method: 'PATCH', url: '/v1/program', key, payload: { settings } });
const tier = (name: string, threshold: number) => ({ name, threshold, multiplier: 1, benefit: null });

describe('settings rules between fields', () => {
  it('answers an empty tier list with 422 invalid_settings pointing at the tiers, and keeps the settings', async () => {
    const before = (await t.call({ method: 'GET', url: '/v1/program', key: p.readKey })).json().settings;

    const res = await patch({ tiers: [] });

    expect(expectProblem(res, 422, 'invalid_settings').errors).toEqual([{ pointer: '/settings/tiers', location: 'body', message: 'must have at least one tier' }]);
    expect((await t.call({ method: 'GET', url: '/v1/program', key: p.readKey })).json().settings).toEqual(before);
  });

  it('points at each broken tier rule: the first threshold, a threshold out of order, a repeated name', async () => {
    const res = await patch({ tiers: [tier('a', 5), tier('b', 10), tier('a', 10)] });

    expect(expectProblem(res, 422, 'invalid_settings').errors!.map((e) => e.pointer)).toEqual([
      '/settings/tiers/0/threshold',
      '/settings/tiers/2/threshold',
      '/settings/tiers/2/name',
    ]);
  });

  it('refuses caps out of order, a home currency without a rate, and win-back milestones out of order', async () => {
    const res = await patch({
      earn_limits: { per_transaction: 500, per_day: 100, per_month: null },
      withdrawal_limits: { per_day: 10_000, per_month: 5_000 },
      earn_rates: { USD: 12 },
      win_back: { first_days: 60, months: [12, 9], lost_after_months: 12 },
    });

    expect(expectProblem(res, 422, 'invalid_settings').errors!.map((e) => e.pointer)).toEqual([
      '/settings/earn_limits/per_day',
      '/settings/withdrawal_limits/per_month',
      '/settings/home_currency',
      '/settings/win_back/months/1',
      '/settings/win_back/lost_after_months',
    ]);
  });

  it('refuses an empty quiet period and a weekly cap below the daily one', async () => {
    const res = await patch({
      engagement: { frequency_cap: { per_day: 4, per_week: 3 }, quiet_hours: { from: '22:00', to: '22:00' }, conversion_window_days: 7 },
    });

    expect(expectProblem(res, 422, 'invalid_settings').errors!.map((e) => e.pointer)).toEqual([
      '/settings/engagement/quiet_hours/to',
      '/settings/engagement/frequency_cap/per_week',
    ]);
  });

  it('checks the rules on the effective settings: a patch that breaks one against a stored value is refused', async () => {
    const res = await patch({ home_currency: 'JPY' });

    expect(expectProblem(res, 422, 'invalid_settings').errors).toEqual([expect.objectContaining({ pointer: '/settings/home_currency' })]);
  });

  it('refuses broken settings at program creation too', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/programs', key: 'test-operator-token-0123456789', payload: { name: 'x', settings: { tiers: [] } } });

    expectProblem(res, 422, 'invalid_settings');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Settings patches generated from the settings' own JSON Schema: valid values, the schema's edges, and values just
// past them, of the wrong type, or unknown.
// ---------------------------------------------------------------------------------------------------------------

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
}

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 5 }),
  fc.constantFrom(-1, 0, 1.5, 1e300, -1e300, Number.MAX_SAFE_INTEGER + 2, '\u0000', '\ud800'),
  fc.constant([]),
  fc.constant({}),
);

/** `broken`: also values past the schema's edges and of the wrong type; otherwise only values the schema allows. */
function numberArb(s: JsonSchema, integer: boolean, broken: boolean): fc.Arbitrary<unknown> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-6) : -1e9);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-6) : 1e9);
  // Small values mostly, so that limits, tiers and rates often fit together; the edges are drawn on their own.
  const small = integer ? fc.integer({ min: Math.max(min, 0), max: Math.max(Math.min(max, 5000), Math.max(min, 0)) }) : fc.double({ min, max: Math.max(min, Math.min(max, 50)), noNaN: true, noDefaultInfinity: true });
  const anywhere = integer ? fc.integer({ min: Math.max(min, -1e15), max: Math.min(max, 1e15) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const edges = fc.constantFrom(min, max);
  const past = fc.constantFrom(integer ? min - 1 : min / 2, integer ? max + 1 : max * 2, integer ? min + 0.5 : Number.NaN);
  if (!broken) return fc.oneof({ weight: 6, arbitrary: small }, { weight: 2, arbitrary: anywhere }, { weight: 2, arbitrary: edges });
  return fc.oneof({ weight: 4, arbitrary: small }, { weight: 2, arbitrary: edges }, { weight: 2, arbitrary: past }, { weight: 1, arbitrary: junk });
}

function stringArb(s: JsonSchema, broken: boolean): fc.Arbitrary<unknown> {
  const [good, bad] =
    s.pattern === '^[A-Z]{3}$'
      ? [fc.constantFrom('USD', 'EUR', 'AZN', 'GBP', 'JPY'), fc.constantFrom('usd', 'EURO', '', 'A\u0000Z')]
      : s.pattern?.startsWith('^[a-z]')
        ? [fc.constantFrom('bronze', 'silver', 'gold', 'platinum', 'a', 'x'.repeat(32)), fc.constantFrom('Gold', '9a', 'x'.repeat(33), '\ud800')]
        : // The only free string is the time zone.
          [fc.constantFrom('Asia/Baku', 'UTC', 'America/St_Johns', 'Pacific/Kiritimati'), fc.constantFrom('Mars/Olympus', '', '\u0000', '\udfff')];
  return broken ? fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: bad }, { weight: 1, arbitrary: junk }) : good;
}

function arbitraryOf(s: JsonSchema, broken: boolean): fc.Arbitrary<unknown> {
  const nested = (child: JsonSchema) => arbitraryOf(child, broken);
  if (s.anyOf) return fc.oneof(...s.anyOf.map(nested));
  if (s.enum) return broken ? fc.oneof(fc.constantFrom(...s.enum), fc.constant('bogus')) : fc.constantFrom(...s.enum);
  if (s.type === 'null') return fc.constant(null);
  if (s.type === 'integer') return numberArb(s, true, broken);
  if (s.type === 'number') return numberArb(s, false, broken);
  if (s.type === 'string') return stringArb(s, broken);
  if (s.type === 'boolean') return fc.boolean();
  if (s.type === 'array') {
    const max = s.maxItems ?? 6;
    return fc.array(nested(s.items ?? {}), { minLength: broken ? 0 : (s.minItems ?? 0), maxLength: Math.min(max + (broken ? 1 : 0), 6) });
  }
  if (s.type === 'object' && s.properties) {
    const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, nested(v)]));
    if (!broken) return fc.record(props);
    // A nested setting replaces its whole value: complete objects mostly, sometimes with keys missing or unknown.
    return fc.oneof(
      { weight: 4, arbitrary: fc.record(props) },
      { weight: 1, arbitrary: fc.record(props, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.record(props).map((o) => ({ ...o, unknown_setting: 1 })) },
      { weight: 1, arbitrary: junk },
    );
  }
  if (s.type === 'object') {
    const key = nested(s.propertyNames ?? { type: 'string' }) as fc.Arbitrary<string>;
    const value = typeof s.additionalProperties === 'object' ? nested(s.additionalProperties) : junk;
    return fc.dictionary(key.filter((k) => typeof k === 'string'), value, { maxKeys: 5 });
  }
  return junk;
}

const settingsSchema = z.toJSONSchema(SettingsPatchSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
const settingNames = Object.keys(settingsSchema.properties!);
/** A patch of one to four settings, every value the schema allows or (`broken`) some past its edges. */
const patchOf = (broken: boolean) =>
  fc
    .uniqueArray(fc.constantFrom(...settingNames), { minLength: 1, maxLength: 4 })
    .chain((names) => fc.record(Object.fromEntries(names.map((name) => [name, arbitraryOf(settingsSchema.properties![name]!, broken)]))));
const settingsPatch = fc.oneof(patchOf(false), patchOf(true));

describe('settings patches generated from the schema', () => {
  it('never answer 5xx, and a program that accepted one still takes a purchase and answers a balance read', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(settingsPatch, async (settings) => {
        // Each run starts from the defaults, so accepted patches do not pile up.
        const reset = await patch(DEFAULT_SETTINGS);
        expect(reset.statusCode, reset.body).toBe(200);

        const res = await patch(settings);
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode !== 200) {
          refused++;
          expect([400, 422], res.body).toContain(res.statusCode);
          expect(res.json().errors?.length, res.body).toBeGreaterThan(0);
          return;
        }
        accepted++;
        const effective = res.json().settings as typeof DEFAULT_SETTINGS;
        const member = await enroll(t, p.posKey);
        const bought = await post(t, p.posKey, '/v1/purchases', { member_id: member.id, receipt_id: nextReceipt(), amount: { amount: 100, currency: effective.home_currency } });
        // The settings themselves may refuse a purchase (an earn cap, the velocity rule): a rule, never a failure.
        expect(bought.statusCode, `${bought.body}\n${JSON.stringify(settings)}`).toBeLessThan(500);
        if (bought.statusCode !== 201) expect(['limit_exceeded', 'member_blocked'], bought.body).toContain(bought.json().code);
        await balanceOf(t, p.readKey, member.id);
      }),
      { numRuns: Number(process.env['SETTINGS_FUZZ_RUNS'] ?? 150) },
    );
    // The generator reaches both sides of the validation.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 120_000);
});
