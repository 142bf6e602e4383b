import { describe, expect, it } from 'vitest';
import { createProgramFixture, type ProgramFixture } from '../helpers/app.ts';
import { post, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

// A Monday morning in Baku; the program's first rate set starts here.
const START = new Date('2026-03-02T08:00:00Z');

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

const BASE = { USD: 12, EUR: 14, AZN: 8, GBP: 15 };
const addSet = (f: ProgramFixture, rates: Record<string, number>, effective_from: string) => post(t, f.adminKey, '/v1/rates', { rates, effective_from });

describe('rate review periods per currency (rate_locks)', () => {
  it('defaults to USD 1 month, GBP 2 weeks, EUR and AZN 3 months, and shows each lock of a set', async () => {
    const settings = (await t.call({ method: 'GET', url: '/v1/program', key: p.readKey })).json().settings;
    expect(settings.rate_locks).toEqual({ USD: { months: 1, days: 0 }, GBP: { months: 0, days: 14 }, EUR: { months: 3, days: 0 }, AZN: { months: 3, days: 0 } });

    const first = await addSet(p, BASE, START.toISOString());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      locks: { USD: '2026-04-02T08:00:00.000Z', GBP: '2026-03-16T08:00:00.000Z', EUR: '2026-06-02T08:00:00.000Z', AZN: '2026-06-02T08:00:00.000Z' },
      locked_until: '2026-06-02T08:00:00.000Z',
    });
  });

  it('lets a set change a currency once that currency’s own lock has passed, repeating the held ones', async () => {
    const f = await createProgramFixture(t);
    expect((await addSet(f, BASE, START.toISOString())).statusCode).toBe(201);

    // GBP after its two weeks, the others repeated.
    const gbp = await addSet(f, { ...BASE, GBP: 16 }, '2026-03-16T08:00:00Z');
    expect(gbp.statusCode, gbp.body).toBe(201);
    // USD a millisecond before its month: refused, pointing at its rate.
    const early = await addSet(f, { ...BASE, GBP: 16, USD: 13 }, '2026-04-02T07:59:59.999Z');
    expect(expectProblem(early, 422, 'rate_locked').errors).toEqual([
      { pointer: '/rates/USD', location: 'body', message: 'is held at 12 until 2026-04-02T08:00:00.000Z: USD may change once its 1-month review period has passed' },
    ]);
    const usd = await addSet(f, { ...BASE, GBP: 16, USD: 13 }, '2026-04-02T08:00:00Z');
    expect(usd.statusCode, usd.body).toBe(201);
    // GBP's lock counts from its own change (16 March), EUR's from the first set: only EUR is refused.
    const both = await addSet(f, { ...BASE, USD: 13, GBP: 17, EUR: 15 }, '2026-04-10T08:00:00Z');
    expect(expectProblem(both, 422, 'rate_locked').errors!.map((e) => e.pointer)).toEqual(['/rates/EUR']);
  });

  it('treats leaving out a held currency as changing it', async () => {
    const f = await createProgramFixture(t);
    expect((await addSet(f, BASE, START.toISOString())).statusCode).toBe(201);

    const res = await addSet(f, { USD: 13, EUR: 14, GBP: 15 }, '2026-04-02T08:00:00Z');

    expect(expectProblem(res, 422, 'rate_locked').errors!.map((e) => e.pointer)).toEqual(['/rates/AZN']);
  });

  it('takes the lock periods from the settings; a currency they do not name is held for rate_lock_months', async () => {
    const f = await createProgramFixture(t, { rate_locks: { USD: { months: 0, days: 1 } }, rate_lock_months: 2 });
    expect((await addSet(f, BASE, START.toISOString())).statusCode).toBe(201);

    expect((await addSet(f, { ...BASE, USD: 13 }, '2026-03-03T08:00:00Z')).statusCode).toBe(201);
    expectProblem(await addSet(f, { ...BASE, USD: 13, EUR: 15 }, '2026-05-02T07:00:00Z'), 422, 'rate_locked');
    expect((await addSet(f, { ...BASE, USD: 13, EUR: 15 }, '2026-05-02T08:00:00Z')).statusCode).toBe(201);
  });
});
