import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createProgramFixture, enroll, type ProgramFixture } from '../helpers/app.ts';
import { createTwoInstances, post, purchase, runJobAt, type FixedClockTestApp, type TwoInstances } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { feedSettled } from '../helpers/feed.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';
import { getJourney } from '../../src/engagement/journeys.ts';
import { buildMessage } from '../../src/engagement/journey-runs.ts';

// Journeys (engagement.md "Journeys", issue 16 item 2). Programs are in Asia/Baku (UTC+4 all year): local midnight
// is 20:00Z the day before, 10:00 local is 06:00Z. The clock is set to each job's as_of, so what a step records
// happens when the job says it does.
const START = new Date('2027-01-04T06:00:00Z');
const DAY = 86_400_000;
let t: FixedClockTestApp;
let b: FixedClockTestApp; // a second instance on the same database
let baseA: string;
let baseB: string;

let instances: TwoInstances | undefined;

beforeAll(async () => {
  instances = await createTwoInstances(START, 8);
  ({ a: t, b, baseA, baseB } = instances);
});
afterAll(() => instances?.close());

/** Runs a job as of `asOf` with the clock there too. */
async function runAt(p: ProgramFixture, job: string, asOf: Date | string) {
  if (job === 'journeys') await feedSettled(t.db);
  const instant = new Date(asOf);
  t.clock.set(instant);
  b.clock.set(instant);
  return runJobAt(t, p.adminKey, job, instant);
}

async function offer(p: ProgramFixture, name = 'journey offer'): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO promotions (program_id, id, name, status, visibility, stackable, priority, effect, scope, conditions, limits, created_at, updated_at)
    VALUES (${p.programId}, pl_typeid('prm'), ${name}, 'active', 'technical', false, 0, '{"type":"percent_off","percent":10}'::jsonb,
            '{}'::jsonb, '{"requires_code":true}'::jsonb, '{}'::jsonb, now(), now())
    RETURNING id`.execute(t.db);
  return rows[0]!.id;
}

async function createJourney(p: ProgramFixture, body: Record<string, unknown>) {
  const res = await post(t, p.adminKey, '/v1/journeys', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; steps: unknown[] };
}

interface Row extends EventRow {
  program_id: string;
}

/** The member's events of a type, in feed order, each checked against its documented schema. */
async function eventsOf(memberId: string, type: string) {
  const { rows } = await sql<Row>`SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
    WHERE member_id = ${memberId} AND type = ${type} ORDER BY db_xid, seq`.execute(t.db);
  for (const row of rows) {
    const parsed = EventSchema.safeParse(toEventJson(row.program_id, row));
    expect(parsed.success, `${row.type}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  }
  return rows.map((r) => r.data as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function runsOf(memberId: string) {
  const { rows } = await sql<{ id: string; journey_id: string; status: string; step: number; due_at: Date | null; exit_reason: string | null }>`
    SELECT id, journey_id, status, step, due_at, exit_reason FROM journey_runs WHERE member_id = ${memberId} ORDER BY started_at, id`.execute(t.db);
  return rows;
}

async function touchesOf(memberId: string) {
  const { rows } = await sql<{ touch_key: string; source_kind: string; source_id: string; touch: string; points: string }>`
    SELECT touch_key, source_kind, source_id, touch, points FROM engagement_touches WHERE member_id = ${memberId} ORDER BY touched_at, touch_key`.execute(t.db);
  return rows.map((r) => ({ ...r, points: Number(r.points) }));
}

async function codesOf(memberId: string) {
  const { rows } = await sql<{ code: string; promotion_id: string; valid_from: Date; valid_until: Date }>`
    SELECT code, promotion_id, valid_from, valid_until FROM promo_codes WHERE member_id = ${memberId} ORDER BY created_at, code`.execute(t.db);
  return rows;
}

const customEvent = (p: ProgramFixture, memberId: string, type = 'cart.abandoned') => post(t, p.posKey, `/v1/members/${memberId}/events`, { type, data: { cart: 'C1' } });

async function available(p: ProgramFixture, memberId: string) {
  const res = await t.call({ method: 'GET', url: `/v1/members/${memberId}/balance`, key: p.readKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().available as number;
}

describe('definitions', () => {
  let p: ProgramFixture;
  beforeAll(async () => {
    p = await createProgramFixture(t);
  });

  it('creates, reads, lists and patches a journey; getJourney is 404 for another program', async () => {
    const promotion = await offer(p);
    const j = await createJourney(p, {
      name: 'Cart',
      trigger: { event: 'member.custom_event', type: 'cart.abandoned' },
      steps: [{ type: 'issue_code', promotion_id: promotion }, { type: 'exit' }],
    });
    expect(j).toMatchObject({ status: 'active', reentry: 'never', template: null });
    const got = await t.call({ method: 'GET', url: `/v1/journeys/${j.id}`, key: p.readKey });
    expect(got.json()).toEqual(j);
    const list = await t.call({ method: 'GET', url: '/v1/journeys?limit=10', key: p.readKey });
    expect(list.json().data.map((x: { id: string }) => x.id)).toContain(j.id);
    const patched = await t.call({ method: 'PATCH', url: `/v1/journeys/${j.id}`, key: p.adminKey, payload: { status: 'paused', reentry: 'after_exit' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ status: 'paused', reentry: 'after_exit' });
    const other = await createProgramFixture(t);
    await expect(getJourney(t.db, other.programId, j.id)).rejects.toMatchObject({ code: 'journey_not_found' });
    expectProblem(await t.call({ method: 'GET', url: `/v1/journeys/${j.id}`, key: other.readKey }), 404, 'journey_not_found');
  });

  it('refuses an invalid definition with a pointer for each problem, storing nothing', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM journeys WHERE program_id = ${p.programId}`.execute(t.db)).rows[0]!.n;
    const res = await post(t, p.adminKey, '/v1/journeys', {
      name: 'Broken',
      trigger: { event: 'member.enrolled' },
      steps: [
        { type: 'condition', rule: { tier: { in: ['gold'] } }, else: { goto: 9 } },
        { type: 'condition', rule: { age: { min: 'x' } }, else: { goto: 0 } },
        { type: 'issue_code', promotion_id: 'prm_nothing', validity: { relative_to: 'birthday', from_days: -7, until_days: 7 } },
        { type: 'wait', from: 'inactive_since', duration: { days: 1 } },
        { type: 'condition', rule: { rfm_segment: { in: ['Nobody'] } }, else: 'exit' },
      ],
    });
    expectProblem(res, 422, 'invalid_journey');
    const pointers = res.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/steps/0/else/goto',
        '/steps/1/rule/age/min',
        '/steps/1/else/goto',
        '/steps/2/promotion_id',
        '/steps/2/validity/relative_to',
        '/steps/3/from',
        '/steps/4/rule/rfm_segment/in/0',
      ]),
    );
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM journeys WHERE program_id = ${p.programId}`.execute(t.db)).rows[0]!.n).toBe(before);
    // The schema itself: an unknown step type is a 400 with its pointer.
    expectProblem(await post(t, p.adminKey, '/v1/journeys', { name: 'x', trigger: { event: 'member.enrolled' }, steps: [{ type: 'teleport' }] }), 400, 'validation_failed');
  });

  it('lists the templates and refuses one whose promotions are missing', async () => {
    const res = await t.call({ method: 'GET', url: '/v1/journey-templates', key: p.readKey });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.map((x: { name: string }) => x.name)).toEqual(['welcome', 'birthday', 'win_back', 'points_expiring', 'points_renewable']);
    const missing = await post(t, p.adminKey, '/v1/journeys', { template: 'win_back', overrides: { promotions: { d60: await offer(p) } } });
    expectProblem(missing, 422, 'invalid_journey');
    expect(missing.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/overrides/promotions/m9', '/overrides/promotions/m12', '/overrides/promotions/m15']);
  });

  it('fills {{fields}} from the member, the run and the trigger, leaving unknown ones empty', () => {
    const member = { name: 'Aysel Mammadova', loyalty_id: 'L1', phone: null, email: null, attributes: { city: 'Baku' } };
    expect(buildMessage({ title: 'Hi {{first_name}}', body: '{{points}} points, code {{code}} in {{attributes.city}}, {{nope}}' }, member, { points: 40, code: 'ABC' })).toEqual({
      title: 'Hi Aysel',
      body: '40 points, code ABC in Baku, ',
      data: {},
    });
  });
});

describe('engine', () => {
  let p: ProgramFixture;
  let promotion: string;
  let journeyId: string;
  beforeAll(async () => {
    p = await createProgramFixture(t);
    promotion = await offer(p);
    journeyId = (
      await createJourney(p, {
        name: 'Abandoned cart',
        trigger: { event: 'member.custom_event', type: 'cart.abandoned' },
        steps: [
          { type: 'issue_code', promotion_id: promotion },
          { type: 'notify', channels: ['push', 'sms', 'email'], title: 'Still thinking, {{first_name}}?', body: 'Code {{code}} for cart {{loyalty_id}}', data: { deeplink: 'cart' } },
          { type: 'award_points', points: 25, reason: 'cart nudge' },
        ],
      })
    ).id;
  });

  it('runs each step once in the member\'s transaction: code, messages on consented channels, points, touches, events', async () => {
    const m = await enroll(t, p.posKey, { name: 'Aysel Mammadova', phone: '+994501234567', consents: { sms: true, push: false } });
    expect((await customEvent(p, m.id)).statusCode).toBe(201);
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_runs_started: 1, journey_steps: 3 });

    const [code] = await codesOf(m.id);
    expect(code).toMatchObject({ promotion_id: promotion });
    const dispatches = await eventsOf(m.id, 'notification.dispatch');
    // push refused, e-mail never answered and no address: only SMS.
    expect(dispatches).toEqual([
      {
        notification_id: null,
        member_id: m.id,
        phone: '+994501234567',
        email: null,
        channel: 'sms',
        title: 'Still thinking, Aysel?',
        body: `Code ${code!.code} for cart ${m.loyalty_id}`,
        data: { deeplink: 'cart' },
        journey_id: journeyId,
        run_id: expect.any(String),
        step: 1,
        dispatch_key: expect.stringMatching(/^journey:jrn_\w+:1:sms$/),
      },
    ]);
    expect(await available(p, m.id)).toBe(25);
    const [run] = await runsOf(m.id);
    expect(run).toMatchObject({ journey_id: journeyId, status: 'completed', step: 3, due_at: null });
    expect(await touchesOf(m.id)).toEqual([
      { touch_key: `journey:${run!.id}:0`, source_kind: 'journey', source_id: journeyId, touch: 'code', points: 0 },
      { touch_key: `journey:${run!.id}:1`, source_kind: 'journey', source_id: journeyId, touch: 'dispatch', points: 0 },
      { touch_key: `journey:${run!.id}:2`, source_kind: 'journey', source_id: journeyId, touch: 'points', points: 25 },
    ]);
    const steps = await eventsOf(m.id, 'journey.step_completed');
    expect(steps.map((s) => [s.step, s.step_type, s.outcome, s.next_step, s.run_status])).toEqual([
      [0, 'issue_code', 'issued', 1, 'active'],
      [1, 'notify', 'dispatched', 2, 'active'],
      [2, 'award_points', 'awarded', null, 'completed'],
    ]);

    // A rerun does nothing; reentry never: a second trigger starts no second run.
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_runs_started: 0, journey_steps: 0 });
    expect((await customEvent(p, m.id)).statusCode).toBe(201);
    expect(await runAt(p, 'journeys', new Date(START.getTime() + DAY))).toMatchObject({ journey_runs_started: 0, journey_steps: 0 });
    expect(await runsOf(m.id)).toHaveLength(1);
    expect(await available(p, m.id)).toBe(25);
  });

  it('starts no run for another custom type, nor while the journey is paused', async () => {
    const m = await enroll(t, p.posKey, {});
    await customEvent(p, m.id, 'wishlist.price_drop');
    await t.call({ method: 'PATCH', url: `/v1/journeys/${journeyId}`, key: p.adminKey, payload: { status: 'paused' } });
    await customEvent(p, m.id);
    expect(await runAt(p, 'journeys', new Date(START.getTime() + 2 * DAY))).toMatchObject({ journey_runs_started: 0 });
    await t.call({ method: 'PATCH', url: `/v1/journeys/${journeyId}`, key: p.adminKey, payload: { status: 'active' } });
    expect(await runsOf(m.id)).toEqual([]);
  });

  it('two instances running the job at once start each run once and run each step once', async () => {
    const members = await Promise.all(Array.from({ length: 12 }, () => enroll(t, p.posKey, { consents: { push: true } })));
    for (const m of members) expect((await customEvent(p, m.id)).statusCode).toBe(201);
    const asOf = new Date(START.getTime() + 3 * DAY);
    t.clock.set(asOf);
    b.clock.set(asOf);
    const run = (base: string) =>
      fetch(`${base}/v1/jobs/journeys/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ as_of: asOf.toISOString() }),
      }).then(async (r) => {
        expect(r.status).toBe(200);
        return r.json() as Promise<{ journey_runs_started: number; journey_steps: number }>;
      });
    await feedSettled(t.db);
    const results = await Promise.all([run(baseA), run(baseB), run(baseA), run(baseB)]);
    expect(results.reduce((n, r) => n + r.journey_steps, 0)).toBe(members.length * 3);
    expect(results.reduce((n, r) => n + r.journey_runs_started, 0)).toBe(members.length);
    for (const m of members) {
      expect(await runsOf(m.id)).toMatchObject([{ status: 'completed' }]);
      expect((await eventsOf(m.id, 'journey.step_completed')).map((s) => s.step)).toEqual([0, 1, 2]);
      expect(await eventsOf(m.id, 'notification.dispatch')).toHaveLength(1);
      expect(await codesOf(m.id)).toHaveLength(1);
      expect(await touchesOf(m.id)).toHaveLength(3);
      expect(await available(p, m.id)).toBe(25);
    }
  });
});

describe('triggers and reentry', () => {
  it('purchase.first starts on the first purchase only; after_exit starts again on a later trigger once the run ended', async () => {
    t.clock.set(START);
    const p = await createProgramFixture(t);
    // after_exit: only the trigger itself keeps the second purchase from starting a run.
    const first = await createJourney(p, {
      name: 'First purchase',
      trigger: { event: 'purchase.first' },
      reentry: 'after_exit',
      steps: [{ type: 'award_points', points: 7, reason: 'first purchase' }],
    });
    const again = await createJourney(p, {
      name: 'Every cart',
      trigger: { event: 'member.custom_event', type: 'cart.abandoned' },
      reentry: 'after_exit',
      steps: [{ type: 'wait', duration: { days: 1 } }, { type: 'exit' }],
    });
    const m = await enroll(t, p.posKey, {});
    await purchase(t, p.posKey, m.id, 1000);
    await purchase(t, p.posKey, m.id, 1000);
    await customEvent(p, m.id);
    // A second cart while the first run waits: one active run per member and journey.
    await customEvent(p, m.id);
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_runs_started: 2 });
    const runs = await runsOf(m.id);
    expect(runs.map((r) => [r.journey_id, r.status])).toEqual([
      [first.id, 'completed'],
      [again.id, 'active'],
    ]);
    expect(await touchesOf(m.id)).toMatchObject([{ source_id: first.id, touch: 'points', points: 7 }]);
    // A day later the wait ends and the run exits; the next cart starts a new run.
    expect(await runAt(p, 'journeys', new Date(START.getTime() + DAY))).toMatchObject({ journey_steps: 2, journey_runs_exited: 1 });
    t.clock.set(new Date(START.getTime() + 2 * DAY));
    await customEvent(p, m.id);
    expect(await runAt(p, 'journeys', new Date(START.getTime() + 2 * DAY))).toMatchObject({ journey_runs_started: 1 });
    expect((await runsOf(m.id)).map((r) => [r.journey_id, r.status, r.exit_reason])).toEqual([
      [first.id, 'completed', null],
      [again.id, 'exited', 'exit_step'],
      [again.id, 'active', null],
    ]);
  });
});

describe('tier trigger', () => {
  it('tier.changed starts on every change, or only on one to the named tier', async () => {
    t.clock.set(START);
    const p = await createProgramFixture(t);
    const any = await createJourney(p, { name: 'Any tier', trigger: { event: 'tier.changed' }, reentry: 'after_exit', steps: [{ type: 'exit' }] });
    const gold = await createJourney(p, { name: 'Gold', trigger: { event: 'tier.changed', to: 'gold' }, reentry: 'after_exit', steps: [{ type: 'exit' }] });
    const m = await enroll(t, p.posKey, {});
    // 8 points per AZN by default: 1,280 points reach silver (1,000), 3,200 gold (3,000).
    // The job runs between the two: a run still active when the next change comes would keep it from starting.
    await purchase(t, p.posKey, m.id, 16_000);
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_runs_started: 1 });
    await purchase(t, p.posKey, m.id, 24_000);
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_runs_started: 2 });
    const changes = (await eventsOf(m.id, 'tier.changed')).map((e) => e.tier_change.to as string);
    expect(changes).toEqual(['silver', 'gold']);
    const runs = await runsOf(m.id);
    expect(runs.filter((r) => r.journey_id === any.id)).toHaveLength(changes.length);
    expect(runs.filter((r) => r.journey_id === gold.id)).toHaveLength(1);
  });
});

describe('segment trigger', () => {
  it('member.segment_changed starts on entering any segment, or only the named one', async () => {
    t.clock.set(START);
    const p = await createProgramFixture(t);
    const m = await enroll(t, p.posKey, {});
    await purchase(t, p.posKey, m.id, 16_000);
    // Which RFM segment one buyer lands in is the rfm job's to say: read it, then name it and another.
    const rfm = await t.call({ method: 'GET', url: `/v1/members/${m.id}/rfm`, key: p.readKey });
    expect(rfm.statusCode, rfm.body).toBe(200);
    const segment = rfm.json().segment as string;
    const other = segment === 'Champions' ? 'Lost' : 'Champions';
    const any = await createJourney(p, { name: 'Any segment', trigger: { event: 'member.segment_changed' }, steps: [{ type: 'exit' }] });
    const named = await createJourney(p, { name: 'Named', trigger: { event: 'member.segment_changed', to: segment }, steps: [{ type: 'exit' }] });
    const elsewhere = await createJourney(p, { name: 'Other', trigger: { event: 'member.segment_changed', to: other }, steps: [{ type: 'exit' }] });
    expect(await runAt(p, 'rfm', START)).toMatchObject({ events: 1 });
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_runs_started: 2 });
    const journeys = (await runsOf(m.id)).map((r) => r.journey_id).sort();
    expect(journeys).toEqual([any.id, named.id].sort());
    expect(journeys).not.toContain(elsewhere.id);
  });
});

describe('frequency caps', () => {
  it("hold across notifications and a journey's notify steps: a channel over the daily cap is skipped", async () => {
    t.clock.set(START);
    const p = await createProgramFixture(t, { engagement: { frequency_cap: { per_day: 1, per_week: 5 }, quiet_hours: null, conversion_window_days: 7 } });
    const j = await createJourney(p, {
      name: 'Two nudges',
      trigger: { event: 'member.custom_event', type: 'cart.abandoned' },
      steps: [
        { type: 'notify', channels: ['push', 'sms'], title: 'A', body: 'a' },
        { type: 'notify', channels: ['push', 'sms'], title: 'B', body: 'b' },
      ],
    });
    const m = await enroll(t, p.posKey, { phone: '+994501234000', consents: { push: true, sms: true } });
    // A notification has already used today's SMS.
    expect((await post(t, p.adminKey, '/v1/notifications', { audience: { member_ids: [m.id] }, channels: ['sms'], title: 'N', body: 'n' })).statusCode).toBe(201);
    expect(await runAt(p, 'notifications', START)).toMatchObject({ notifications_dispatched: 1 });
    expect((await customEvent(p, m.id)).statusCode).toBe(201);
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_runs_started: 1, journey_steps: 2 });
    // The first step's push is the day's one push; its SMS and all of the second step are over the cap.
    const fromJourney = (await eventsOf(m.id, 'notification.dispatch')).filter((d) => d.journey_id === j.id);
    expect(fromJourney.map((d) => [d.title, d.channel])).toEqual([['A', 'push']]);
    const steps = (await eventsOf(m.id, 'journey.step_completed')).map((e) => [e.step, e.outcome, e.channels]);
    expect(steps).toEqual([[0, 'dispatched', ['push']], [1, 'skipped', []]]);
  });
});

describe('a journey edited under its runs', () => {
  it('runs keep their step index, and a wait begun at one step is not taken for another', async () => {
    t.clock.set(START);
    const p = await createProgramFixture(t);
    const j = await createJourney(p, {
      name: 'Edited',
      trigger: { event: 'member.custom_event', type: 'cart.abandoned' },
      steps: [{ type: 'wait', duration: { days: 1 } }, { type: 'award_points', points: 5, reason: 'later' }],
    });
    const m = await enroll(t, p.posKey, {});
    await customEvent(p, m.id);
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_runs_started: 1, journey_steps: 0 });
    const edit = await t.call({
      method: 'PATCH',
      url: `/v1/journeys/${j.id}`,
      key: p.adminKey,
      payload: { steps: [{ type: 'award_points', points: 3, reason: 'now' }, { type: 'wait', duration: { days: 1 } }, { type: 'award_points', points: 5, reason: 'later' }] },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // Due a day on, the run is at step 0, now the award of 3; the wait at step 1 then begins and lasts a day.
    expect(await runAt(p, 'journeys', new Date(START.getTime() + DAY))).toMatchObject({ journey_steps: 1 });
    expect(await available(p, m.id)).toBe(3);
    expect(await runAt(p, 'journeys', new Date(START.getTime() + 2 * DAY))).toMatchObject({ journey_steps: 2 });
    expect(await available(p, m.id)).toBe(8);
    expect(await runsOf(m.id)).toMatchObject([{ status: 'completed', step: 3 }]);
  });
});

describe('a failing step', () => {
  it('holds only its own run: the others advance, the job answers the failure, and the run goes on once it can', async () => {
    t.clock.set(START);
    const p = await createProgramFixture(t);
    await createJourney(p, { name: 'Bonus', trigger: { event: 'member.custom_event', type: 'cart.abandoned' }, steps: [{ type: 'award_points', points: 10, reason: 'cart' }] });
    const stuck = await enroll(t, p.posKey, {});
    const fine = await enroll(t, p.posKey, {});
    // At the available maximum the credit breaks the balance limit: the ledger function raises, the step rolls back.
    await sql`UPDATE member_balances SET available = 1000000000000 WHERE member_id = ${stuck.id}`.execute(t.db);
    for (const m of [stuck, fine]) await customEvent(p, m.id);
    await feedSettled(t.db);
    const res = await post(t, p.adminKey, '/v1/jobs/journeys/run', { as_of: START.toISOString() });
    expect(res.statusCode).toBe(500);
    expect(await runsOf(fine.id)).toMatchObject([{ status: 'completed' }]);
    expect(await runsOf(stuck.id)).toMatchObject([{ status: 'active', step: 0 }]);
    expect(await touchesOf(stuck.id)).toEqual([]);
    await sql`UPDATE member_balances SET available = 0 WHERE member_id = ${stuck.id}`.execute(t.db);
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_steps: 1 });
    expect(await available(p, stuck.id)).toBe(10);
  });
});

describe('templates across their edges, as_of time travel', () => {
  it('welcome: message and bonus at enrolment; three days later at 10:00 local a code only for who has not bought', async () => {
    // Journeys start for trigger events recorded from their creation on.
    t.clock.set(START);
    const p = await createProgramFixture(t);
    const first = await offer(p, 'first purchase');
    const j = await createJourney(p, { template: 'welcome', overrides: { promotions: { first_purchase: first }, bonus_points: 50 } });
    expect(j).toMatchObject({ template: 'welcome' });
    // Enrolled on 4 January at 10:00 Baku (06:00Z).
    t.clock.set(START);
    const idle = await enroll(t, p.posKey, { name: 'Idle One', consents: { push: true } });
    const buyer = await enroll(t, p.posKey, { name: 'Buyer Two', consents: { push: true } });
    expect(await runAt(p, 'journeys', START)).toMatchObject({ journey_runs_started: 2 });
    for (const m of [idle, buyer]) {
      expect(await available(p, m.id)).toBe(50);
      expect((await eventsOf(m.id, 'notification.dispatch')).map((d) => d.title)).toEqual([`Welcome, ${m === idle ? 'Idle' : 'Buyer'}`]);
    }
    t.clock.set(new Date(START.getTime() + DAY));
    await purchase(t, p.posKey, buyer.id, 1000);
    // Three days on is 7 January 10:00 local: a minute before, nothing.
    expect(await runAt(p, 'journeys', '2027-01-07T05:59:00Z')).toMatchObject({ journey_steps: 0 });
    expect(await codesOf(idle.id)).toEqual([]);
    // idle: the wait ends, the condition holds, a code and its message; buyer: the wait ends, the condition fails.
    expect(await runAt(p, 'journeys', '2027-01-07T06:00:00Z')).toMatchObject({ journey_steps: 4 + 2 });
    const [code] = await codesOf(idle.id);
    expect(code).toMatchObject({ promotion_id: first, valid_from: new Date('2027-01-07T06:00:00Z'), valid_until: new Date('2027-01-21T06:00:00Z') });
    expect((await eventsOf(idle.id, 'notification.dispatch')).at(-1)!.body).toContain(code!.code);
    expect(await runsOf(idle.id)).toMatchObject([{ status: 'completed' }]);
    expect(await runsOf(buyer.id)).toMatchObject([{ status: 'exited', exit_reason: 'condition' }]);
    expect(await codesOf(buyer.id)).toEqual([]);
  });

  it('birthday: four variants by the stored RFM segment, each code valid from 7 days before to the end of 7 days after', async () => {
    t.clock.set(START);
    const p = await createProgramFixture(t);
    const promotions = { champions: await offer(p, 'b1'), loyal: await offer(p, 'b2'), at_risk: await offer(p, 'b3'), others: await offer(p, 'b4') };
    await createJourney(p, { template: 'birthday', overrides: { promotions } });
    t.clock.set(START);
    const segments = { champions: 'Champions', loyal: 'Potential Loyalist', at_risk: 'Hibernating', others: null } as const;
    const members: Record<string, string> = {};
    for (const [slot, segment] of Object.entries(segments)) {
      const m = await enroll(t, p.posKey, { birth_date: '1990-02-15', consents: { email: true }, email: `${slot}@example.com` });
      members[slot] = m.id;
      if (segment) {
        await sql`INSERT INTO member_rfm (member_id, program_id, segment, as_of, updated_at) VALUES (${m.id}, ${p.programId}, ${segment}, now(), now())`.execute(t.db);
      }
    }
    // The notice comes 7 local days ahead: 8 February in Baku starts at 7 February 20:00Z.
    expect(await runAt(p, 'birthdays', '2027-02-07T19:59:00Z')).toMatchObject({ events: 0 });
    expect(await runAt(p, 'birthdays', '2027-02-07T20:00:00Z')).toMatchObject({ events: 4 });
    // Local midnight is in the quiet hours (21:00-09:00): the codes are issued, the messages wait for 09:00.
    expect(await runAt(p, 'journeys', '2027-02-07T20:00:00Z')).toMatchObject({ journey_runs_started: 4 });
    for (const memberId of Object.values(members)) {
      expect(await codesOf(memberId)).toHaveLength(1);
      expect(await eventsOf(memberId, 'notification.dispatch')).toEqual([]);
    }
    expect(await runAt(p, 'journeys', '2027-02-08T04:59:00Z')).toMatchObject({ journey_steps: 0 });
    expect(await runAt(p, 'journeys', '2027-02-08T05:00:00Z')).toMatchObject({ journey_steps: 4 + 3 * 1 });
    for (const [slot, memberId] of Object.entries(members)) {
      const codes = await codesOf(memberId);
      expect(codes, slot).toHaveLength(1);
      // 8 February 00:00 to the end of 22 February, Baku.
      expect(codes[0]).toMatchObject({
        promotion_id: promotions[slot as keyof typeof promotions],
        valid_from: new Date('2027-02-07T20:00:00Z'),
        valid_until: new Date('2027-02-22T20:00:00Z'),
      });
      const [dispatch] = await eventsOf(memberId, 'notification.dispatch');
      expect(dispatch).toMatchObject({ channel: 'email', email: `${slot}@example.com` });
      expect(dispatch!.body).toContain('2027-02-15');
      expect(await runsOf(memberId)).toMatchObject([{ status: slot === 'others' ? 'completed' : 'exited', exit_reason: slot === 'others' ? null : 'exit_step' }]);
    }
  });

  it('win-back: growing offers at 60 days, 9, 12 and 15 months; a purchase stops the run, and so does lost', async () => {
    // Lost at 13 months: a member still away then leaves the cascade before the 15-month offer.
    t.clock.set(START);
    const p = await createProgramFixture(t, { win_back: { first_days: 60, months: [9, 12], lost_after_months: 13 } });
    const stages = { d60: await offer(p, 'w1'), m9: await offer(p, 'w2'), m12: await offer(p, 'w3'), m15: await offer(p, 'w4') };
    await createJourney(p, { template: 'win_back', overrides: { promotions: stages } });
    t.clock.set(START);
    const away = await enroll(t, p.posKey, { consents: { push: true } });
    const back = await enroll(t, p.posKey, { consents: { push: true } });
    for (const m of [away, back]) await purchase(t, p.posKey, m.id, 1000);
    // 60 days after 4 January 10:00 local.
    const d60 = new Date(START.getTime() + 60 * DAY);
    expect(await runAt(p, 'win-back', d60)).toMatchObject({ events: 2 });
    expect(await runAt(p, 'journeys', d60)).toMatchObject({ journey_runs_started: 2, journey_steps: 4 });
    for (const m of [away, back]) expect((await codesOf(m.id)).map((c) => c.promotion_id)).toEqual([stages.d60]);

    // `back` buys a month later: its run ends with reason purchase and gets nothing more.
    t.clock.set(new Date(d60.getTime() + 30 * DAY));
    await purchase(t, p.posKey, back.id, 500);

    // 9 months after the last purchase (4 October 10:00 local): a minute before, nothing.
    expect(await runAt(p, 'journeys', '2027-10-04T05:59:00Z')).toMatchObject({ journey_steps: 0 });
    expect(await runsOf(back.id)).toMatchObject([{ status: 'exited', exit_reason: 'purchase' }]);
    expect(await runAt(p, 'journeys', '2027-10-04T06:00:00Z')).toMatchObject({ journey_steps: 3 });
    expect((await codesOf(away.id)).map((c) => c.promotion_id)).toEqual([stages.d60, stages.m9]);
    expect(await runAt(p, 'journeys', '2028-01-04T06:00:00Z')).toMatchObject({ journey_steps: 3 });
    expect((await codesOf(away.id)).map((c) => c.promotion_id)).toEqual([stages.d60, stages.m9, stages.m12]);
    // Lost at 13 months: the run stops before the 15-month offer.
    await runAt(p, 'win-back', '2028-02-04T06:00:00Z');
    expect((await eventsOf(away.id, 'member.inactive')).at(-1)).toMatchObject({ lost: true });
    expect(await runAt(p, 'journeys', '2028-04-04T06:00:00Z')).toMatchObject({ journey_steps: 0, journey_runs_exited: 1 });
    expect(await runsOf(away.id)).toMatchObject([{ status: 'exited', exit_reason: 'lost' }]);
    expect((await codesOf(away.id)).map((c) => c.promotion_id)).toEqual([stages.d60, stages.m9, stages.m12]);
    expect(await codesOf(back.id)).toHaveLength(1);
  });

  it('points expiring: the reminder with the points and the date once the warning is raised; the renewal offer once they expired', async () => {
    t.clock.set(START);
    const p = await createProgramFixture(t, { renewal_window_hours: 72 });
    await createJourney(p, { template: 'points_expiring', overrides: {} });
    await createJourney(p, { template: 'points_renewable', overrides: {} });
    t.clock.set(START);
    const m = await enroll(t, p.posKey, { name: 'Leyla', consents: { push: true } });
    await purchase(t, p.posKey, m.id, 1000);
    const { rows } = await sql<{ expires_at: Date }>`SELECT min(expires_at) AS expires_at FROM lots WHERE member_id = ${m.id}`.execute(t.db);
    const expiresAt = rows[0]!.expires_at;
    const warnAt = new Date(expiresAt.getTime() - 48 * 3_600_000);
    await runAt(p, 'expiry-warnings', new Date(warnAt.getTime() - 60_000));
    expect(await runAt(p, 'journeys', new Date(warnAt.getTime() - 60_000))).toMatchObject({ journey_runs_started: 0 });
    await runAt(p, 'expiry-warnings', warnAt);
    expect(await runAt(p, 'journeys', warnAt)).toMatchObject({ journey_runs_started: 1 });
    // Any quiet hours around the warning are over 12 hours later.
    await runAt(p, 'journeys', new Date(warnAt.getTime() + 12 * 3_600_000));
    const [warning] = await eventsOf(m.id, 'points.expiring');
    const [reminder] = await eventsOf(m.id, 'notification.dispatch');
    expect(reminder!.body).toBe(`Leyla, ${warning!.points} points expire on ${warning!.expires_on}. Spend them before then.`);
    await runAt(p, 'expire', expiresAt);
    expect(await runAt(p, 'journeys', expiresAt)).toMatchObject({ journey_runs_started: 1 });
    await runAt(p, 'journeys', new Date(expiresAt.getTime() + 12 * 3_600_000));
    const renewal = (await eventsOf(m.id, 'notification.dispatch')).at(-1)!;
    expect(renewal.title).toBe('Get your points back');
    expect(renewal.body).toContain(`your ${warning!.points} expired points`);
  });
});

