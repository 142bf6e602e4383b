import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createProgramFixture, enroll, type ProgramFixture } from '../helpers/app.ts';
import { post, purchase, runJobAt, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { callLedger } from '../../src/ledger/sql-call.ts';
import { ledgerBirthday } from '../../src/ledger/functions.ts';
import { WIN_BACK_CODE_VALID_DAYS } from '../../src/jobs/jobs.ts';

/** Codes the next generateCode calls return instead of random ones, to make a collision happen. */
const forcedCodes = vi.hoisted(() => [] as string[]);
vi.mock('../../src/promotions/codes.ts', async (original) => {
  const actual = await original<typeof import('../../src/promotions/codes.ts')>();
  return { ...actual, generateCode: (prefix?: string) => forcedCodes.shift() ?? actual.generateCode(prefix) };
});

// The birthday and win-back presets' codes (incentives.md "Promotions"), issued by the jobs with their notices.
// Programs are in Baku (UTC+4 all year): local midnight is 20:00Z the day before.

const START = new Date('2026-03-01T10:00:00Z');
const DAY = 86_400_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app) => {
  t = app;
});
beforeEach(async () => {
  p = await createProgramFixture(t);
});

const runAt = (job: string, asOf: Date) => runJobAt(t, p.adminKey, job, asOf);

/** The promotions a preset creates, through the API. */
async function fromPreset(preset: string, params: Record<string, unknown> = {}): Promise<{ id: string; preset: string }[]> {
  const res = await post(t, p.adminKey, `/v1/promotions/presets/${preset}`, params);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().promotions;
}

/** A promotion row as a preset makes it, written directly: for the variants the presets do not make (paused). */
async function addPromotion(preset: string, effect: object, conditions: object = {}, status = 'active'): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO promotions (program_id, id, name, status, visibility, stackable, priority, effect, scope, conditions,
                            limits, preset, created_at, updated_at)
    VALUES (${p.programId}, pl_typeid('prm'), ${preset}, ${status}, 'technical', false, 0, ${JSON.stringify(effect)}::jsonb,
            '{}'::jsonb, ${JSON.stringify({ requires_code: true, ...conditions })}::jsonb, '{}'::jsonb, ${preset}, now(), now())
    RETURNING id`.execute(t.db);
  return rows[0]!.id;
}

interface CodeRow {
  code: string;
  promotion_id: string;
  member_id: string | null;
  max_uses: number;
  uses: number;
  valid_from: Date;
  valid_until: Date;
  issued_by_purchase: string | null;
}

async function codesOf(memberId: string): Promise<CodeRow[]> {
  const { rows } = await sql<CodeRow>`
    SELECT code, promotion_id, member_id, max_uses, uses, valid_from, valid_until, issued_by_purchase FROM promo_codes
     WHERE program_id = ${p.programId} AND member_id = ${memberId} ORDER BY valid_from, promotion_id`.execute(t.db);
  return rows;
}

async function eventsOf(memberId: string, type: string) {
  const { rows } = await sql<EventRow & { program_id: string }>`
    SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
     WHERE member_id = ${memberId} AND type = ${type} ORDER BY db_xid, seq`.execute(t.db);
  return rows;
}

/** Every event of the member matches its documented schema. */
async function expectSchemaValid(memberId: string) {
  const { rows } = await sql<EventRow & { program_id: string }>`
    SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
     WHERE member_id = ${memberId}`.execute(t.db);
  for (const row of rows) {
    const parsed = EventSchema.safeParse(toEventJson(row.program_id, row));
    expect(parsed.success, `${row.type}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  }
}

const MINTED = /^[BW][0-9A-HJKMNP-TV-Z]{10}$/;

describe('birthday codes', () => {
  it('one code of each active birthday promotion with the notice, valid −N…+N local days, once', async () => {
    const plain = (await fromPreset('birthday'))[0]!.id;
    const narrow = (await fromPreset('birthday', { percent: 15, window_days: 3 }))[0]!.id;
    // Without birthday_window_days: the default window, 7 days.
    const bare = await addPromotion('birthday', { type: 'percent_off', percent: 5 });
    await addPromotion('birthday', { type: 'percent_off', percent: 50 }, {}, 'paused');
    const m = await enroll(t, p.posKey, { birth_date: '1990-03-10' });

    // 19:59Z on 2 March is still 2 March in Baku: 8 days before, nothing yet.
    expect(await runAt('birthdays', new Date('2026-03-02T19:59:00Z'))).toMatchObject({ events: 0, codes_issued: 0 });
    expect(await codesOf(m.id)).toEqual([]);
    expect(await runAt('birthdays', new Date('2026-03-02T20:00:00Z'))).toMatchObject({ events: 1, codes_issued: 3 });

    const codes = await codesOf(m.id);
    expect(codes.map((c) => c.promotion_id).sort()).toEqual([plain, narrow, bare].sort());
    const byPromotion = Object.fromEntries(codes.map((c) => [c.promotion_id, c]));
    // 7 days: from the start of 3 March to the end of 17 March, Baku time.
    expect(byPromotion[plain]).toMatchObject({
      member_id: m.id,
      max_uses: 1,
      uses: 0,
      issued_by_purchase: null,
      valid_from: new Date('2026-03-02T20:00:00Z'),
      valid_until: new Date('2026-03-17T20:00:00Z'),
    });
    expect(byPromotion[bare]).toMatchObject({ valid_from: new Date('2026-03-02T20:00:00Z'), valid_until: new Date('2026-03-17T20:00:00Z') });
    // The promotion's own window: from the start of 7 March to the end of 13 March.
    expect(byPromotion[narrow]).toMatchObject({ valid_from: new Date('2026-03-06T20:00:00Z'), valid_until: new Date('2026-03-13T20:00:00Z') });
    for (const c of codes) expect(c.code).toMatch(MINTED);
    expect(new Set(codes.map((c) => c.code)).size).toBe(3);

    const issued = await eventsOf(m.id, 'promo_code.issued');
    expect(issued).toHaveLength(3);
    expect(issued.map((e) => e.data).filter((d) => d['promotion_id'] !== bare).sort((a, b) => String(a['valid_from']).localeCompare(String(b['valid_from'])))).toEqual([
      {
        code: byPromotion[plain]!.code,
        promotion_id: plain,
        member_id: m.id,
        max_uses: 1,
        valid_from: '2026-03-02T20:00:00.000Z',
        valid_until: '2026-03-17T20:00:00.000Z',
        issued_by_purchase: null,
      },
      {
        code: byPromotion[narrow]!.code,
        promotion_id: narrow,
        member_id: m.id,
        max_uses: 1,
        valid_from: '2026-03-06T20:00:00.000Z',
        valid_until: '2026-03-13T20:00:00.000Z',
        issued_by_purchase: null,
      },
    ]);
    expect(issued.every((e) => e.occurred_at.getTime() === new Date('2026-03-02T20:00:00Z').getTime())).toBe(true);

    // Later runs before the birthday raise nothing and issue nothing.
    expect(await runAt('birthdays', new Date('2026-03-05T12:00:00Z'))).toMatchObject({ events: 0, codes_issued: 0 });
    expect(await runAt('birthdays', new Date('2026-03-09T21:00:00Z'))).toMatchObject({ events: 0, codes_issued: 0 });
    expect(await codesOf(m.id)).toHaveLength(3);
    expect(await eventsOf(m.id, 'promo_code.issued')).toHaveLength(3);
    await expectSchemaValid(m.id);
  });

  it('a 29 February birthday in a common year: the window is around 28 February', async () => {
    await fromPreset('birthday');
    const m = await enroll(t, p.posKey, { birth_date: '2004-02-29' });
    expect(await runAt('birthdays', new Date('2027-02-20T12:00:00Z'))).toMatchObject({ events: 0, codes_issued: 0 });
    expect(await runAt('birthdays', new Date('2027-02-21T12:00:00Z'))).toMatchObject({ events: 1, codes_issued: 1 });
    // 21 February 00:00 to the end of 7 March, Baku time.
    expect(await codesOf(m.id)).toMatchObject([{ valid_from: new Date('2027-02-20T20:00:00Z'), valid_until: new Date('2027-03-07T20:00:00Z') }]);
    await expectSchemaValid(m.id);
  });

  it('no birthday promotion: the notice alone, as before', async () => {
    const m = await enroll(t, p.posKey, { birth_date: '1990-03-10' });
    expect(await runAt('birthdays', new Date('2026-03-03T12:00:00Z'))).toMatchObject({ events: 1, codes_issued: 0 });
    expect(await codesOf(m.id)).toEqual([]);
  });

  it('a minted code that is already taken rolls the whole call back: no notice, no milestone; the next run issues', async () => {
    const promotion = await addPromotion('birthday', { type: 'percent_off', percent: 10 });
    const m = await enroll(t, p.posKey, { birth_date: '1990-03-10' });
    await sql`INSERT INTO promo_codes (code, program_id, promotion_id, max_uses, created_at)
              VALUES ('BTAKEN000000', ${p.programId}, ${promotion}, 1, now())`.execute(t.db);
    const outcome = await callLedger(t.pool, {
      fn: ledgerBirthday,
      member: m.id,
      args: {
        program_id: p.programId,
        as_of: '2026-03-03T12:00:00.000Z',
        now: START.toISOString(),
        renewal_window_hours: 24,
        timezone: 'Asia/Baku',
        days_before: 7,
        offer_valid_days: 7,
        codes: [{ code: 'BTAKEN000000', promotion_id: promotion, window_days: 7 }],
      },
    });
    expect(outcome).toEqual({ error: 'code_collision', code: 'BTAKEN000000' });
    expect(await eventsOf(m.id, 'member.birthday_upcoming')).toEqual([]);
    expect(await runAt('birthdays', new Date('2026-03-03T12:00:00Z'))).toMatchObject({ events: 1, codes_issued: 1 });
    expect(await codesOf(m.id)).toHaveLength(1);
  });
});

describe('a minted code already taken', () => {
  it('the job mints again and issues a fresh code, once', async () => {
    const promotion = await addPromotion('birthday', { type: 'percent_off', percent: 10 });
    const m = await enroll(t, p.posKey, { birth_date: '1990-03-10' });
    await sql`INSERT INTO promo_codes (code, program_id, promotion_id, max_uses, created_at)
              VALUES ('BTAKEN000001', ${p.programId}, ${promotion}, 1, now())`.execute(t.db);
    forcedCodes.push('BTAKEN000001', 'BTAKEN000001');
    expect(await runAt('birthdays', new Date('2026-03-03T12:00:00Z'))).toMatchObject({ events: 1, codes_issued: 1 });
    expect(forcedCodes).toEqual([]);
    const codes = await codesOf(m.id);
    expect(codes).toHaveLength(1);
    expect(codes[0]!.code).toMatch(MINTED);
    expect(codes[0]!.code).not.toBe('BTAKEN000001');
    expect(await eventsOf(m.id, 'member.birthday_upcoming')).toHaveLength(1);
    expect(await eventsOf(m.id, 'promo_code.issued')).toHaveLength(1);
  });

  it('three collisions in a row fail the run (a bug, not bad luck), leaving the member for the next run', async () => {
    const promotion = await addPromotion('birthday', { type: 'percent_off', percent: 10 });
    const m = await enroll(t, p.posKey, { birth_date: '1990-03-10' });
    await sql`INSERT INTO promo_codes (code, program_id, promotion_id, max_uses, created_at)
              VALUES ('BTAKEN000002', ${p.programId}, ${promotion}, 1, now())`.execute(t.db);
    forcedCodes.push('BTAKEN000002', 'BTAKEN000002', 'BTAKEN000002');
    const res = await post(t, p.adminKey, '/v1/jobs/birthdays/run', { allow_future: true, as_of: '2026-03-03T12:00:00Z' });
    expect(res.statusCode).toBe(500);
    expect(await eventsOf(m.id, 'member.birthday_upcoming')).toEqual([]);
    expect(await runAt('birthdays', new Date('2026-03-03T12:00:00Z'))).toMatchObject({ events: 1, codes_issued: 1 });
  });
});

describe('win-back codes', () => {
  const AMOUNTS = [500, 1_000, 1_500, 2_000];
  let steps: Record<string, string>;
  beforeEach(async () => {
    // The preset's default amounts, in the home currency.
    const created = await fromPreset('win_back', { amounts: AMOUNTS.map((amount) => ({ amount })) });
    steps = Object.fromEntries(created.map((x) => [x.preset.slice('win_back:'.length), x.id]));
    expect(Object.keys(steps)).toEqual(['60d', '9m', '12m', '15m']);
  });

  /** The amounts of the member's codes, in the order issued. */
  async function amountsOf(memberId: string): Promise<number[]> {
    const { rows } = await sql<{ amount: number }>`
      SELECT (pr.effect->'amount'->>'amount')::int AS amount FROM promo_codes c
        JOIN promotions pr ON pr.program_id = c.program_id AND pr.id = c.promotion_id
       WHERE c.program_id = ${p.programId} AND c.member_id = ${memberId} ORDER BY c.valid_from`.execute(t.db);
    return rows.map((r) => r.amount);
  }

  it('a code at 60 days, 9, 12 and 15 months, each larger than the last; none once lost', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect(await runAt('win-back', at(START, 59 * DAY))).toMatchObject({ events: 0, codes_issued: 0 });
    const sixtyDays = at(START, 60 * DAY);
    expect(await runAt('win-back', sixtyDays)).toMatchObject({ events: 1, codes_issued: 1 });
    expect(await runAt('win-back', at(START, 61 * DAY))).toMatchObject({ events: 0, codes_issued: 0 });
    expect(await runAt('win-back', new Date('2026-12-01T10:00:00Z'))).toMatchObject({ events: 1, codes_issued: 1 });
    expect(await runAt('win-back', new Date('2027-03-01T10:00:00Z'))).toMatchObject({ events: 1, codes_issued: 1 });
    expect(await runAt('win-back', new Date('2027-06-01T10:00:00Z'))).toMatchObject({ events: 1, codes_issued: 1 });
    // Three years: the member is lost, and gets no code.
    expect(await runAt('win-back', new Date('2029-03-01T10:00:00Z'))).toMatchObject({ events: 1, codes_issued: 0 });

    const codes = await codesOf(m.id);
    expect(codes.map((c) => c.promotion_id)).toEqual([steps['60d'], steps['9m'], steps['12m'], steps['15m']]);
    expect(await amountsOf(m.id)).toEqual(AMOUNTS);
    expect(codes[0]).toMatchObject({
      member_id: m.id,
      max_uses: 1,
      issued_by_purchase: null,
      valid_from: sixtyDays,
      valid_until: at(sixtyDays, WIN_BACK_CODE_VALID_DAYS * DAY),
    });
    for (const c of codes) expect(c.code).toMatch(MINTED);

    const issued = await eventsOf(m.id, 'promo_code.issued');
    expect(issued.map((e) => e.data['code'])).toEqual(codes.map((c) => c.code));
    expect(issued[0]!.data).toEqual({
      code: codes[0]!.code,
      promotion_id: steps['60d'],
      member_id: m.id,
      max_uses: 1,
      valid_from: sixtyDays.toISOString(),
      valid_until: at(sixtyDays, WIN_BACK_CODE_VALID_DAYS * DAY).toISOString(),
      issued_by_purchase: null,
    });
    await expectSchemaValid(m.id);
  });

  it('a purchase resets the count: nothing until 60 days after it, then the first step again', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect(await runAt('win-back', at(START, 60 * DAY))).toMatchObject({ codes_issued: 1 });
    const back = at(START, 100 * DAY);
    t.clock.set(back);
    await purchase(t, p.posKey, m.id, 1250);
    expect(await runAt('win-back', at(back, 59 * DAY))).toMatchObject({ events: 0, codes_issued: 0 });
    expect(await runAt('win-back', at(back, 60 * DAY))).toMatchObject({ events: 1, codes_issued: 1 });
    expect((await codesOf(m.id)).map((c) => c.promotion_id)).toEqual([steps['60d'], steps['60d']]);
  });

  it('a late first run issues the code of the furthest milestone reached only', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect(await runAt('win-back', new Date('2027-04-01T10:00:00Z'))).toMatchObject({ events: 1, codes_issued: 1 });
    expect(await runAt('win-back', new Date('2027-04-02T10:00:00Z'))).toMatchObject({ events: 0, codes_issued: 0 });
    expect((await codesOf(m.id)).map((c) => c.promotion_id)).toEqual([steps['12m']]);
  });

  it('a milestone without an active promotion announces without a code', async () => {
    await sql`UPDATE promotions SET status = 'paused' WHERE program_id = ${p.programId} AND id = ${steps['60d']!}`.execute(t.db);
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect(await runAt('win-back', at(START, 60 * DAY))).toMatchObject({ events: 1, codes_issued: 0 });
    expect(await runAt('win-back', new Date('2026-12-01T10:00:00Z'))).toMatchObject({ events: 1, codes_issued: 1 });
    expect((await codesOf(m.id)).map((c) => c.promotion_id)).toEqual([steps['9m']]);
  });
});
