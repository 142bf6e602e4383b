import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProgramFixture, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { memberEvents } from '../helpers/promotions.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { LedgerBatcher } from '../../src/ledger/batcher.ts';
import { recordPurchase, type WriteContext } from '../../src/ledger/ledger.ts';
import { DEFAULT_SETTINGS } from '../../src/programs/settings.ts';

/**
 * The data analytics reads (issue 15 item 1, analytics.md "Data"): member attributes and consents, set at enrollment
 * and merged by PATCH, and where a purchase happened (channel) and on what (device), stored with the purchase.
 */

const START = new Date('2026-03-02T08:00:00Z');
const HOUR = 3_600_000;

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

const enrollRaw = (payload: unknown) => t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: payload as Record<string, unknown> });
const patch = (id: string, payload: Record<string, unknown>) => t.call({ method: 'PATCH', url: `/v1/members/${id}`, key: p.posKey, payload });
const getMember = async (id: string) => {
  const res = await t.call({ method: 'GET', url: `/v1/members/${id}`, key: p.readKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const stored = async (id: string) => (await t.pool.query('SELECT attributes, consents FROM members WHERE id = $1', [id])).rows[0];

/** An event checked against its documented schema, with the parts these tests read. */
const parsedEvent = (event: unknown) =>
  EventSchema.parse(event) as unknown as { data: { member: { attributes: unknown; consents: unknown }; transaction: { data: unknown } } };

/** A validation refusal: 400 validation_failed with exactly these pointers. */
function expectPointers(res: { statusCode: number; headers: Record<string, unknown>; body: string }, pointers: string[]) {
  const problem = expectProblem(res as never, 400, 'validation_failed');
  expect((problem as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(pointers);
  return problem as unknown as { errors: { pointer: string; message: string }[] };
}

describe('member attributes', () => {
  it('stores them at enrollment, returns them on the member and the card, and publishes them in member.enrolled', async () => {
    const res = await enrollRaw({ name: 'Aysel', attributes: { favourite_color: 'green', children: 2, vegan: false, height_m: 1.68 } });
    expect(res.statusCode, res.body).toBe(201);
    const member = res.json();
    expect(member.attributes).toEqual({ favourite_color: 'green', children: 2, vegan: false, height_m: 1.68 });
    expect(member.consents).toEqual({});
    expect((await getMember(member.id)).attributes).toEqual({ favourite_color: 'green', children: 2, vegan: false, height_m: 1.68 });
    const [enrolled] = await memberEvents(t, member.id, 'member.enrolled');
    expect(EventSchema.parse(enrolled).data).toEqual({ member });
  });

  it('gives a member enrolled without attributes {} and keeps them through a PATCH of other fields', async () => {
    const member = await enroll(t, p.posKey, { attributes: { tier_hint: 'gold' } });
    const bare = await enrollRaw({});
    expect(bare.json()).toMatchObject({ attributes: {}, consents: {} });
    const res = await patch(member.id, { name: 'Renamed' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed', attributes: { tier_hint: 'gold' } });
  });

  it('merges a PATCH: a key given replaces or adds, a key set to null is removed, keys not named stay', async () => {
    const member = await enroll(t, p.posKey, { attributes: { favourite_color: 'green', children: 2, vegan: false } });
    const res = await patch(member.id, { attributes: { favourite_color: 'blue', vegan: null, newsletter: true, never_set: null } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attributes).toEqual({ favourite_color: 'blue', children: 2, newsletter: true });
    expect((await stored(member.id)).attributes).toEqual({ favourite_color: 'blue', children: 2, newsletter: true });
    // An empty patch changes nothing (on this fixed clock not even updated_at, so no event); removing every key leaves {}.
    expect((await patch(member.id, { attributes: {} })).json().attributes).toEqual({ favourite_color: 'blue', children: 2, newsletter: true });
    expect((await patch(member.id, { attributes: { favourite_color: null, children: null, newsletter: null } })).json().attributes).toEqual({});
    const updates = await memberEvents(t, member.id, 'member.updated');
    expect(updates.map((e) => parsedEvent(e).data.member.attributes)).toEqual([{ favourite_color: 'blue', children: 2, newsletter: true }, {}]);
  });

  it('keeps both of two concurrent PATCHes of different keys', async () => {
    const member = await enroll(t, p.posKey, { attributes: { a: 1 } });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => patch(member.id, { attributes: { [`k${i}`]: i } })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect((await stored(member.id)).attributes).toEqual({ a: 1, k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7 });
  });

  describe('refusals point at the exact key', () => {
    it.each([
      ['an upper-case key', { Favourite: 'x' }, '/attributes/Favourite'],
      ['a key starting with a digit', { '1st_visit': 'x' }, '/attributes/1st_visit'],
      ['a key with a hyphen', { 'shoe-size': 42 }, '/attributes/shoe-size'],
      ['a key with a slash, escaped as a JSON Pointer', { 'a/b': 1 }, '/attributes/a~1b'],
      ['a key of 65 characters', { ['k'.repeat(65)]: 1 }, `/attributes/${'k'.repeat(65)}`],
      ['a string of 501 characters', { favourite_color: 'x'.repeat(501) }, '/attributes/favourite_color'],
      ['an array', { favourite_color: ['green'] }, '/attributes/favourite_color'],
      ['an object', { favourite_color: { name: 'green' } }, '/attributes/favourite_color'],
      ['null at enrollment', { favourite_color: null }, '/attributes/favourite_color'],
    ])('refuses %s at enrollment', async (_, attributes, pointer) => {
      expectPointers(await enrollRaw({ attributes }), [pointer]);
    });

    it('accepts the longest key (64 characters) and the longest string (500)', async () => {
      const res = await enrollRaw({ attributes: { ['k'.repeat(64)]: 'x'.repeat(500) } });
      expect(res.statusCode, res.body).toBe(201);
    });

    it('refuses a number JSON cannot hold finitely (1e400), pointing at its key', async () => {
      const res = await t.call({
        method: 'POST',
        url: '/v1/members',
        key: p.posKey,
        headers: { 'content-type': 'application/json' },
        payload: '{"attributes": {"children": 1e400}}',
      });
      const problem = expectPointers(res, ['/attributes/children']);
      expect(problem.errors[0]!.message).toBe('must be a string of at most 500 characters, a finite number or a boolean');
    });

    it('refuses attributes that are not an object', async () => {
      expectPointers(await enrollRaw({ attributes: ['green'] }), ['/attributes']);
      expectPointers(await enrollRaw({ attributes: 'green' }), ['/attributes']);
    });

    it('refuses the same on PATCH, naming every bad key, and changes nothing', async () => {
      const member = await enroll(t, p.posKey, { attributes: { favourite_color: 'green' } });
      const problem = expectPointers(await patch(member.id, { attributes: { favourite_color: 'red', Bad: 1, shoe_size: [42] } }), [
        '/attributes/Bad',
        '/attributes/shoe_size',
      ]);
      expect(problem.errors[0]!.message).toBe('is not a valid attribute name: a lowercase letter, then at most 63 lowercase letters, digits or underscores');
      expect((await stored(member.id)).attributes).toEqual({ favourite_color: 'green' });
    });
  });

  describe('limits on the whole', () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));

    it('refuses a 51st key at enrollment with 422 too_many_attributes, and enrolls no one', async () => {
      const before = (await t.pool.query('SELECT count(*)::int AS n FROM members WHERE program_id = $1', [p.programId])).rows[0].n;
      const problem = expectProblem(await enrollRaw({ external_ref: 'too-many', attributes: { ...fifty, k50: 50 } }), 422, 'too_many_attributes');
      expect(problem).toMatchObject({ keys: 51, max_keys: 50, errors: [{ pointer: '/attributes', location: 'body' }] });
      expect((await t.pool.query('SELECT count(*)::int AS n FROM members WHERE program_id = $1', [p.programId])).rows[0].n).toBe(before);
      // The refusal claimed nothing: the external_ref is still free.
      expect((await enrollRaw({ external_ref: 'too-many', attributes: fifty })).statusCode).toBe(201);
    });

    it('counts the keys after the merge: a PATCH may swap a key at the limit but not add one', async () => {
      const member = await enroll(t, p.posKey, { attributes: fifty });
      const problem = expectProblem(await patch(member.id, { attributes: { extra: true } }), 422, 'too_many_attributes');
      expect(problem).toMatchObject({ keys: 51, max_keys: 50, errors: [{ pointer: '/attributes' }] });
      expect(Object.keys((await stored(member.id)).attributes)).toHaveLength(50);
      const swapped = await patch(member.id, { attributes: { k0: null, extra: true } });
      expect(swapped.statusCode, swapped.body).toBe(200);
      expect(Object.keys(swapped.json().attributes)).toHaveLength(50);
      expect(swapped.json().attributes).toMatchObject({ extra: true, k49: 49 });
      expect(swapped.json().attributes).not.toHaveProperty('k0');
    });

    it('refuses more than 4096 bytes of JSON with 422 attributes_too_large, counting the merged whole', async () => {
      // {"a0":"xxx…",…}: 8 keys of 500 characters take 8 × (5 + 502) + 7 commas + 2 braces = 4065 bytes.
      const eight = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`a${i}`, 'x'.repeat(500)]));
      expect(Buffer.byteLength(JSON.stringify(eight))).toBe(4065);
      const member = await enroll(t, p.posKey, { attributes: eight });
      // ,"b":"…" adds 7 bytes and the characters: 24 of them make exactly 4096, still in.
      expect((await patch(member.id, { attributes: { b: 'x'.repeat(24) } })).statusCode).toBe(200);
      const problem = expectProblem(await patch(member.id, { attributes: { b: 'x'.repeat(25) } }), 422, 'attributes_too_large');
      expect(problem).toMatchObject({ bytes: 4097, max_bytes: 4096, errors: [{ pointer: '/attributes' }] });
      expect((await stored(member.id)).attributes.b).toBe('x'.repeat(24));
      // Bytes, not characters: 13 × 'ə' (2 bytes each) is 4098, though 13 characters would fit.
      const wide = expectProblem(await enrollRaw({ attributes: { ...eight, b: 'ə'.repeat(13) } }), 422, 'attributes_too_large');
      expect(wide).toMatchObject({ bytes: 4098, max_bytes: 4096 });
    });
  });

  describe('GET /v1/members?attribute=key:value', () => {
    it('filters by attribute values compared as text, all filters holding, inside the caller program only', async () => {
      const green = await enroll(t, p.posKey, { attributes: { palette: 'green', kids: 2, vegan: true, note: 'a:b' } });
      const greenNoKids = await enroll(t, p.posKey, { attributes: { palette: 'green', kids: 0 } });
      await enroll(t, p.posKey, { attributes: { palette: 'blue', kids: 2, vegan: false } });
      await enroll(t, p.posKey, {});
      const other = await createProgramFixture(t);
      await enroll(t, other.posKey, { attributes: { palette: 'green', kids: 2 } });
      const ids = async (query: string, key = p.readKey) => {
        const res = await t.call({ method: 'GET', url: `/v1/members?${query}`, key });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().data.map((m: { id: string }) => m.id);
      };
      expect(await ids('attribute=palette:green')).toEqual([green.id, greenNoKids.id]);
      expect(await ids('attribute=palette:green&attribute=kids:2')).toEqual([green.id]);
      expect(await ids('attribute=vegan:true')).toEqual([green.id]);
      expect(await ids(`attribute=${encodeURIComponent('note:a:b')}`)).toEqual([green.id]);
      expect(await ids('attribute=palette:GREEN')).toEqual([]);
      expect(await ids('attribute=missing:x')).toEqual([]);
    });

    it('refuses a malformed filter, and more than 5, pointing at the parameter', async () => {
      const list = (query: string) => t.call({ method: 'GET', url: `/v1/members?${query}`, key: p.readKey });
      for (const bad of ['attribute=Palette:green', 'attribute=palette', 'attribute=:green']) {
        const problem = expectProblem(await list(bad), 400, 'validation_failed');
        expect(problem).toMatchObject({ errors: [{ pointer: '/attribute', location: 'query' }] });
      }
      const six = Array.from({ length: 6 }, (_, i) => `attribute=k${i}:1`).join('&');
      expect(expectProblem(await list(six), 400, 'validation_failed')).toMatchObject({ errors: [{ pointer: '/attribute', location: 'query' }] });
    });
  });
});

describe('member consents', () => {
  it('records each channel answered at enrollment with the time, and merges a PATCH keeping the time of an unchanged answer', async () => {
    const res = await enrollRaw({ consents: { sms: true, email: false } });
    expect(res.statusCode, res.body).toBe(201);
    const member = res.json();
    expect(member.consents).toEqual({ sms: { granted: true, updated_at: START.toISOString() }, email: { granted: false, updated_at: START.toISOString() } });

    t.clock.advance(HOUR);
    const later = new Date(START.getTime() + HOUR).toISOString();
    const changed = await patch(member.id, { consents: { sms: true, email: true, push: true, whatsapp: null } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().consents).toEqual({
      sms: { granted: true, updated_at: START.toISOString() },
      email: { granted: true, updated_at: later },
      push: { granted: true, updated_at: later },
    });
    const withdrawn = await patch(member.id, { consents: { push: false, sms: null } });
    expect(withdrawn.json().consents).toEqual({ email: { granted: true, updated_at: later }, push: { granted: false, updated_at: later } });
    expect((await stored(member.id)).consents).toEqual(withdrawn.json().consents);
    expect((await getMember(member.id)).consents).toEqual(withdrawn.json().consents);
    const updates = await memberEvents(t, member.id, 'member.updated');
    expect(parsedEvent(updates.at(-1)).data.member.consents).toEqual(withdrawn.json().consents);
  });

  it('refuses a bad channel or answer, pointing at the channel', async () => {
    const member = await enroll(t, p.posKey);
    expectPointers(await enrollRaw({ consents: { SMS: true } }), ['/consents/SMS']);
    expectPointers(await enrollRaw({ consents: { sms: 'yes' } }), ['/consents/sms']);
    expectPointers(await enrollRaw({ consents: { sms: null } }), ['/consents/sms']);
    expectPointers(await enrollRaw({ consents: { ['c'.repeat(33)]: true } }), [`/consents/${'c'.repeat(33)}`]);
    expectPointers(await patch(member.id, { consents: { email: 1 } }), ['/consents/email']);
    expect((await stored(member.id)).consents).toEqual({});
  });

  it('refuses a 21st channel with 422 too_many_consents', async () => {
    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`c${i}`, true]));
    const member = await enroll(t, p.posKey, { consents: twenty });
    const problem = expectProblem(await patch(member.id, { consents: { c20: false } }), 422, 'too_many_consents');
    expect(problem).toMatchObject({ channels: 21, max_channels: 20, errors: [{ pointer: '/consents' }] });
  });
});

describe('purchase channel and device', () => {
  const buy = (memberId: string, extra: Record<string, unknown> = {}, key = randomUUID()) =>
    post(t, p.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' }, ...extra }, key);

  it('stores them with the purchase and returns them on the purchase, its transaction and points.earned', async () => {
    const m = await enroll(t, p.posKey);
    const res = await buy(m.id, { channel: 'app', device: 'ios-17.2' });
    expect(res.statusCode, res.body).toBe(201);
    const { purchase, transaction } = res.json();
    expect(purchase).toMatchObject({ channel: 'app', device: 'ios-17.2', store_id: null, points: 100 });
    expect(transaction.data).toMatchObject({ channel: 'app', device: 'ios-17.2' });
    const row = await t.pool.query('SELECT channel, device FROM purchases WHERE id = $1', [purchase.id]);
    expect(row.rows).toEqual([{ channel: 'app', device: 'ios-17.2' }]);

    const history = await t.call({ method: 'GET', url: `/v1/members/${m.id}/transactions`, key: p.readKey });
    expect(history.json().data.find((x: { id: string }) => x.id === transaction.id).data).toMatchObject({ channel: 'app', device: 'ios-17.2' });
    const search = await t.call({ method: 'GET', url: `/v1/transactions?member_id=${m.id}`, key: p.readKey });
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().data.map((x: { data: unknown }) => x.data)).toEqual([expect.objectContaining({ channel: 'app', device: 'ios-17.2' })]);
    const [earned] = await memberEvents(t, m.id, 'points.earned');
    expect(parsedEvent(earned).data.transaction.data).toMatchObject({ channel: 'app', device: 'ios-17.2' });
  });

  it('keeps working without them: null on the purchase and the row', async () => {
    const m = await enroll(t, p.posKey);
    const res = await buy(m.id, { store_id: 'Baku-1' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().purchase).toMatchObject({ store_id: 'Baku-1', channel: null, device: null });
    expect(res.json().transaction.data).toMatchObject({ store_id: 'Baku-1', channel: null, device: null });
    const row = await t.pool.query('SELECT channel, device FROM purchases WHERE id = $1', [res.json().purchase.id]);
    expect(row.rows).toEqual([{ channel: null, device: null }]);
  });

  it('replays them with the purchase, and refuses the same key with another device', async () => {
    const m = await enroll(t, p.posKey);
    const key = randomUUID();
    const body = { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' }, channel: 'store', device: 'till-07' };
    const first = await post(t, p.posKey, '/v1/purchases', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const replay = await post(t, p.posKey, '/v1/purchases', body, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect(replay.json().purchase).toMatchObject({ channel: 'store', device: 'till-07' });
    expectProblem(await post(t, p.posKey, '/v1/purchases', { ...body, device: 'till-08' }, key), 422, 'idempotency_key_reused');
    expect((await t.pool.query('SELECT count(*)::int AS n FROM purchases WHERE member_id = $1', [m.id])).rows[0].n).toBe(1);
  });

  it('refuses an empty or too long device, pointing at it', async () => {
    const m = await enroll(t, p.posKey);
    expectPointers(await buy(m.id, { device: '' }), ['/device']);
    expectPointers(await buy(m.id, { device: 'd'.repeat(101) }), ['/device']);
    expect((await buy(m.id, { device: 'd'.repeat(100) })).statusCode).toBe(201);
  });

  it('stores each purchase of a shared batch with its own channel and device', async () => {
    const sizes: number[] = [];
    const batcher = new LedgerBatcher(t.pool, { maxInFlight: 1, onBatch: (n) => sizes.push(n) });
    const members = await Promise.all(Array.from({ length: 6 }, () => enroll(t, p.posKey)));
    const ctx = (): WriteContext => ({
      pool: t.pool,
      clock: t.clock,
      programId: p.programId,
      settings: DEFAULT_SETTINGS,
      rateSets: [],
      idempotencyKey: randomUUID(),
      apiKeyId: null,
      batcher,
    });
    const results = await Promise.all(
      members.map((m, i) =>
        recordPurchase(ctx(), {
          member_id: m.id,
          receipt_id: nextReceipt('B'),
          amount: { amount: 1250, currency: 'AZN' },
          ...(i % 3 === 2 ? {} : { channel: i % 3 === 0 ? 'web' : 'app', device: `dev-${i}` }),
        }),
      ),
    );
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    const expected = members.map((_, i) => (i % 3 === 2 ? { channel: null, device: null } : { channel: i % 3 === 0 ? 'web' : 'app', device: `dev-${i}` }));
    expect(results.map((r) => ({ channel: r.body.purchase.channel, device: r.body.purchase.device }))).toEqual(expected);
    const { rows } = await t.pool.query('SELECT member_id, channel, device FROM purchases WHERE member_id = ANY($1)', [members.map((m) => m.id)]);
    expect(members.map((m) => rows.find((r) => r.member_id === m.id)).map(({ channel, device }) => ({ channel, device }))).toEqual(expected);
  });
});
