import { describe, expect, it } from 'vitest';
import { enroll, type ProgramFixture } from '../helpers/app.ts';
import { post, purchase, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { EventSchema } from '../../src/events/schemas.ts';

const START = new Date('2026-05-01T12:00:00Z');
const DAY = 86_400_000;

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

const run = (job: string, body: Record<string, unknown>) => post(t, p.adminKey, `/v1/jobs/${job}/run`, body);

describe('the instant a job runs as of', () => {
  it('refuses the year 9999, stores nothing, and the feed keeps to its schema', async () => {
    const m = await enroll(t, p.posKey, { birth_date: '1990-12-31' });
    await purchase(t, p.posKey, m.id, 1250);
    expectProblem(await run('birthdays', { as_of: '9999-12-31T23:59:59Z' }), 422, 'as_of_out_of_range');
    expectProblem(await run('expire', { as_of: '9999-12-31T23:59:59Z' }), 422, 'as_of_out_of_range');
    expectProblem(await run('birthdays', { as_of: '9999-12-31T23:59:59Z', allow_future: true }), 422, 'as_of_out_of_range');
    expectProblem(await run('expire', { as_of: '9999-12-31T23:59:59Z', allow_future: true }), 422, 'as_of_out_of_range');

    const feed = await t.call({ method: 'GET', url: '/v1/events?limit=200', key: p.readKey });
    expect(feed.statusCode, feed.body).toBe(200);
    const events = feed.json().data as unknown[];
    expect(events.map((e) => (e as { type: string }).type)).not.toContain('member.birthday_upcoming');
    for (const event of events) expect(EventSchema.safeParse(event).success).toBe(true);
    const balance = await t.call({ method: 'GET', url: `/v1/members/${m.id}/balance`, key: p.readKey });
    expect(balance.json()).toMatchObject({ available: 100 });
  });

  it('refuses an instant after the year 2200 even with allow_future, and runs one at its end', async () => {
    expectProblem(await run('birthdays', { as_of: '2201-01-01T00:00:00Z', allow_future: true }), 422, 'as_of_out_of_range');
    const last = await run('birthdays', { as_of: '2200-12-31T23:59:59.999Z', allow_future: true });
    expect(last.statusCode, last.body).toBe(200);
  });

  it('allows a day ahead of the clock; a millisecond more needs allow_future', async () => {
    const dayAhead = await run('mature', { as_of: new Date(START.getTime() + DAY).toISOString() });
    expect(dayAhead.statusCode, dayAhead.body).toBe(200);
    const problem = expectProblem(await run('mature', { as_of: new Date(START.getTime() + DAY + 1).toISOString() }), 422, 'as_of_in_future');
    expect(problem.detail).toContain('allow_future');
    const allowed = await run('mature', { as_of: new Date(START.getTime() + DAY + 1).toISOString(), allow_future: true });
    expect(allowed.statusCode, allowed.body).toBe(200);
    // The clock decides, not the caller: once it moves, the same instant is no longer ahead.
    t.clock.advance(DAY);
    const later = await run('mature', { as_of: new Date(START.getTime() + DAY + 1).toISOString() });
    expect(later.statusCode, later.body).toBe(200);
  });

  it('is for admin keys only, like the job itself', async () => {
    const res = await run('birthdays', { as_of: new Date(START.getTime() + 2 * DAY).toISOString(), allow_future: true });
    expect(res.statusCode).toBe(200);
    const pos = await post(t, p.posKey, '/v1/jobs/birthdays/run', { as_of: new Date(START.getTime() + 2 * DAY).toISOString(), allow_future: true });
    expect(pos.statusCode).toBe(403);
  });
});
