import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import type { FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem, type ResponseLike } from '../helpers/problem.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';
import { WRITE, programOf } from '../../src/http/auth.ts';
import { verifyPresentedCodes, type PresentedCode } from '../../src/promotions/codes.ts';

const START = new Date('2026-03-02T08:00:00Z');
const HOUR = 3_600_000;
const GENERATED = /^[0-9A-HJKMNP-TV-Z]{10}$/;

let t: FixedClockTestApp;
let p: ProgramFixture;
let other: ProgramFixture;
let promotionId: string;
let otherPromotionId: string;

async function insertPromotion(programId: string, app: FixedClockTestApp = t): Promise<string> {
  const id = `prm_${randomUUID().replace(/-/g, '').slice(0, 26)}`;
  await app.pool.query(
    `INSERT INTO promotions (program_id, id, name, status, visibility, stackable, priority, effect, scope, conditions, limits, created_at, updated_at)
     VALUES ($1, $2, 'Test', 'active', 'visible', false, 0, '{"type":"percent_off","percent":10}', '{}', '{}', '{}', now(), now())`,
    [programId, id],
  );
  return id;
}

beforeAll(async () => {
  t = (await createTestApp({
    now: START,
    // Presenting codes belongs to the purchase path (not written yet): this stand-in answers what it will answer.
    beforeReady: (app) => {
      app.post('/test/present', { config: { access: WRITE } }, async (request) => {
        const body = request.body as { member_id: string; promo_codes: PresentedCode[] };
        return { valid: await verifyPresentedCodes(t.db, programOf(request), body.member_id, body.promo_codes, t.clock.now()) };
      });
    },
  })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  other = await createProgramFixture(t);
  promotionId = await insertPromotion(p.programId);
  otherPromotionId = await insertPromotion(other.programId);
});
afterAll(() => t?.close());

const issue = (payload: Record<string, unknown>, key = p.adminKey, headers: Record<string, string> = {}) =>
  t.call({ method: 'POST', url: '/v1/promo-codes', key, payload: { promotion_id: promotionId, ...payload }, headers });

async function issued(payload: Record<string, unknown>) {
  const res = await issue(payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { batch_id: string | null; codes: { code: string; member_id: string | null; pin?: string; has_pin: boolean; status: string }[] };
}

const present = (memberId: string, promoCodes: PresentedCode[]) =>
  t.call({ method: 'POST', url: '/test/present', key: p.posKey, payload: { member_id: memberId, promo_codes: promoCodes } });

/** A refusal's body without what differs per request. */
function refusal(res: ResponseLike) {
  const { request_id: _id, ...body } = expectProblem(res, 422, 'promo_code_invalid') as unknown as Record<string, unknown>;
  return body;
}

async function row(code: string) {
  const { rows } = await t.pool.query<{ failed_pins: number; locked_at: Date | null; uses: number; pin_hash: string | null }>(
    'SELECT failed_pins, locked_at, uses, pin_hash FROM promo_codes WHERE code = $1',
    [code],
  );
  return rows[0]!;
}

describe('issuing', () => {
  it('should issue one shared code as the admin typed it, trimmed and upper-cased', async () => {
    const body = await issued({ code: '  summer-26 ', max_uses: 100 });
    expect(body.batch_id).toBeNull();
    expect(body.codes).toEqual([
      expect.objectContaining({ code: 'SUMMER-26', promotion_id: promotionId, member_id: null, has_pin: false, max_uses: 100, uses: 0, status: 'active' }),
    ]);
    expect(body.codes[0]).not.toHaveProperty('pin');
    const got = await t.call({ method: 'GET', url: '/v1/promo-codes/summer-26', key: p.readKey });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(body.codes[0]);
  });

  it('should refuse a code taken in the program with 409, and take it in another program', async () => {
    expect((await issue({ code: 'TAKEN-1' })).statusCode).toBe(201);
    const taken = expectProblem(await issue({ code: ' taken-1' }), 409, 'promo_code_taken');
    expect(taken.errors).toEqual([expect.objectContaining({ pointer: '/code' })]);
    // Taken for every promotion of the program, and free in another program.
    expectProblem(await issue({ code: 'TAKEN-1', promotion_id: await insertPromotion(p.programId) }), 409, 'promo_code_taken');
    const elsewhere = await t.call({ method: 'POST', url: '/v1/promo-codes', key: other.adminKey, payload: { promotion_id: otherPromotionId, code: 'TAKEN-1' } });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
  });

  it('should refuse a malformed code, both or neither of code and count, and a bad PIN with 400', async () => {
    for (const payload of [{ code: 'AB' }, { code: 'NO SPACES' }, { code: 'ÄÖÜ1' }, {}, { code: 'GOOD-1', count: 2 }, { count: 0 }, { count: 10_001 }, { count: 1, pin: '12' }, { count: 1, pin: '12a4' }]) {
      expectProblem(await issue(payload), 400, 'validation_failed');
    }
    expectProblem(await issue({ count: 1_001, pin: 'generate' }), 400, 'validation_failed');
    expectProblem(await issue({ count: 1, valid_from: '2026-04-01T00:00:00Z', valid_until: '2026-03-01T00:00:00Z' }), 400, 'validation_failed');
  });

  it('should refuse an unknown promotion and another program\'s with 404', async () => {
    expectProblem(await issue({ count: 1, promotion_id: 'prm_00000000000000000000000000' }), 404, 'promotion_not_found');
    expectProblem(await issue({ count: 1, promotion_id: otherPromotionId }), 404, 'promotion_not_found');
  });

  it('should let only admins issue and revoke', async () => {
    expectProblem(await issue({ count: 1 }, p.posKey), 403, 'forbidden');
    expectProblem(await t.call({ method: 'POST', url: '/v1/promo-codes/SUMMER-26/revoke', key: p.readKey }), 403, 'forbidden');
  });

  it('should issue a batch of distinct generated codes, listed page by page', async () => {
    const body = await issued({ count: 45, max_uses: 2, valid_until: '2026-06-01T00:00:00Z' });
    expect(body.batch_id).toMatch(/^pcb_/);
    expect(body.codes).toHaveLength(45);
    expect(new Set(body.codes.map((c) => c.code)).size).toBe(45);
    for (const code of body.codes) {
      expect(code.code).toMatch(GENERATED);
      expect(code).toMatchObject({ batch_id: body.batch_id, max_uses: 2, valid_until: '2026-06-01T00:00:00.000Z', has_pin: false });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.call({ method: 'GET', url: '/v1/promo-codes', key: p.readKey, query: { promotion_id: promotionId, limit: '20', ...(cursor ? { cursor } : {}) } });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { data: { code: string; batch_id: string | null }[]; next_cursor: string | null };
      seen.push(...page.data.map((c) => c.code));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(body.codes.map((c) => c.code)));
    expect(new Set(seen).size).toBe(seen.length);
    // Another program's list of the same promotion id is empty.
    const foreign = await t.call({ method: 'GET', url: '/v1/promo-codes', key: other.readKey, query: { promotion_id: promotionId } });
    expect(foreign.json()).toMatchObject({ data: [], has_more: false });
  });

  it('should issue the largest batch, 10,000 codes, all distinct', async () => {
    const body = await issued({ count: 10_000, promotion_id: await insertPromotion(p.programId) });
    expect(new Set(body.codes.map((c) => c.code)).size).toBe(10_000);
    const { rows } = await t.pool.query<{ n: string }>('SELECT count(*) AS n FROM promo_codes WHERE program_id = $1 AND batch_id = $2', [p.programId, body.batch_id]);
    expect(Number(rows[0]!.n)).toBe(10_000);
  });

  it('should answer a retry with the same Idempotency-Key with the same codes', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const first = await issue({ count: 3, pin: 'generate' }, p.adminKey, headers);
    const again = await issue({ count: 3, pin: 'generate' }, p.adminKey, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });
});

describe('binding and PINs', () => {
  it('should bind to the member with the phone, and refuse an unknown or shared phone with 422', async () => {
    const member = await enroll(t, p.adminKey, { phone: '+994501110001' });
    const body = await issued({ count: 2, phone: '+994501110001' });
    expect(body.codes.map((c) => c.member_id)).toEqual([member.id, member.id]);
    const unknown = expectProblem(await issue({ count: 1, phone: '+994501110999' }), 422, 'member_phone_unknown');
    expect(unknown.errors).toEqual([expect.objectContaining({ pointer: '/phone' })]);
    await enroll(t, p.adminKey, { phone: '+994501110002' });
    await enroll(t, p.adminKey, { phone: '+994501110002' });
    expectProblem(await issue({ count: 1, phone: '+994501110002' }), 422, 'member_phone_ambiguous');
    expectProblem(await issue({ count: 1, member_id: 'mem_00000000000000000000000000' }), 404, 'member_not_found');
    const stranger = await enroll(t, other.adminKey, { phone: '+994501110003' });
    expectProblem(await issue({ count: 1, member_id: stranger.id }), 404, 'member_not_found');
    expectProblem(await issue({ count: 1, phone: '+994501110003' }), 422, 'member_phone_unknown');
  });

  it('should show a generated PIN once, store only its scrypt hash, and never show it again', async () => {
    const member = await enroll(t, p.adminKey, {});
    const body = await issued({ count: 2, member_id: member.id, pin: 'generate' });
    for (const code of body.codes) {
      expect(code.pin).toMatch(/^\d{4}$/);
      expect(code.has_pin).toBe(true);
      const stored = await row(code.code);
      expect(stored.pin_hash).toMatch(/^scrypt\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(stored.pin_hash).not.toContain(code.pin);
      const got = await t.call({ method: 'GET', url: `/v1/promo-codes/${code.code}`, key: p.adminKey });
      expect(got.json()).toEqual({ ...code, pin: undefined });
      expect(got.body).not.toMatch(/"pin"|pin_hash|scrypt/);
    }
    const list = await t.call({ method: 'GET', url: '/v1/promo-codes', key: p.adminKey, query: { promotion_id: promotionId, member_id: member.id } });
    expect((list.json() as { data: { code: string }[] }).data.map((c) => c.code).sort()).toEqual(body.codes.map((c) => c.code).sort());
    expect(list.body).not.toMatch(/"pin"|pin_hash|scrypt/);
    // The PIN works.
    const ok = await present(member.id, [{ code: body.codes[0]!.code, pin: body.codes[0]!.pin! }]);
    expect(ok.json()).toEqual({ valid: [{ code: body.codes[0]!.code, promotion_id: promotionId }] });
  });

  it('should publish promo_code.issued for bound codes only, schema-valid and without the PIN', async () => {
    const member = await enroll(t, p.adminKey, {});
    const bound = await issued({ count: 2, member_id: member.id, pin: 'generate', valid_from: '2026-03-03T00:00:00Z' });
    await issued({ count: 2, pin: 'generate' });
    const { rows } = await t.pool.query<EventRow & { program_id: string }>(
      `SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events WHERE type = 'promo_code.issued' AND program_id = $1 AND member_id = $2`,
      [p.programId, member.id],
    );
    expect(rows.map((r) => (r.data as { code: string }).code).sort()).toEqual(bound.codes.map((c) => c.code).sort());
    for (const event of rows) {
      const json = toEventJson(event.program_id, event);
      expect(EventSchema.safeParse(json).error).toBeUndefined();
      expect(json.data).toEqual({
        code: expect.stringMatching(GENERATED),
        promotion_id: promotionId,
        member_id: member.id,
        max_uses: 1,
        valid_from: '2026-03-03T00:00:00.000Z',
        valid_until: null,
        issued_by_purchase: null,
        has_pin: true,
        batch_id: bound.batch_id,
      });
      expect(JSON.stringify(json)).not.toMatch(/"pin"|pin_hash|scrypt/);
      for (const code of bound.codes) expect(JSON.stringify(json)).not.toContain(`"${code.pin}"`);
    }
    // Every promo_code.issued event names a member: unbound codes publish none.
    const { rows: orphans } = await t.pool.query(`SELECT 1 FROM events WHERE type = 'promo_code.issued' AND member_id IS NULL`);
    expect(orphans).toEqual([]);
    // They reach the feed too.
    const feed = await t.call({ method: 'GET', url: '/v1/events', key: p.readKey, query: { types: 'promo_code.issued', member_id: member.id } });
    expect(feed.statusCode, feed.body).toBe(200);
  });
});

describe('presenting codes', () => {
  let member: { id: string };
  let unknownBody: Record<string, unknown>;

  beforeAll(async () => {
    member = await enroll(t, p.adminKey, {});
    unknownBody = refusal(await present(member.id, [{ code: 'NO-SUCH-CODE', pin: '1234' }]));
    expect(unknownBody).toMatchObject({ errors: [{ pointer: '/promo_codes/0/code' }] });
  });

  const codeWithPin = async (pin = '4321', extra: Record<string, unknown> = {}) => (await issued({ code: `PIN-${randomUUID().slice(0, 8)}`, member_id: member.id, pin, ...extra })).codes[0]!.code;

  it('should accept the right PIN, case and spaces aside, and a code without PIN with none', async () => {
    const code = await codeWithPin();
    const open = (await issued({ count: 1 })).codes[0]!.code;
    const res = await present(member.id, [{ code: ` ${code.toLowerCase()} `, pin: '4321' }, { code: open }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ valid: [{ code, promotion_id: promotionId }, { code: open, promotion_id: promotionId }] });
  });

  it('should answer a wrong PIN exactly like an unknown code, and count it although the purchase is refused', async () => {
    const code = await codeWithPin();
    expect(refusal(await present(member.id, [{ code, pin: '0000' }]))).toEqual(unknownBody);
    expect(await row(code)).toMatchObject({ failed_pins: 1, locked_at: null });
    // A missing PIN is refused alike, but is no guess.
    expect(refusal(await present(member.id, [{ code }]))).toEqual(unknownBody);
    expect((await row(code)).failed_pins).toBe(1);
  });

  it('should lock a code at the 5th wrong PIN, after which the right PIN fails too', async () => {
    const code = await codeWithPin('987654');
    for (let i = 0; i < 5; i++) expect(refusal(await present(member.id, [{ code, pin: '111111' }]))).toEqual(unknownBody);
    const locked = await row(code);
    expect(locked.failed_pins).toBe(5);
    expect(locked.locked_at).toEqual(START);
    expect(refusal(await present(member.id, [{ code, pin: '987654' }]))).toEqual(unknownBody);
    expect((await row(code)).failed_pins).toBe(5);
    expect((await t.call({ method: 'GET', url: `/v1/promo-codes/${code}`, key: p.readKey })).json()).toMatchObject({ status: 'locked', locked_at: START.toISOString() });
  });

  it('should count 20 parallel wrong PINs without losing one: locked at exactly 5', async () => {
    const code = await codeWithPin('2468');
    const answers = await Promise.all(Array.from({ length: 20 }, () => present(member.id, [{ code, pin: '1357' }])));
    for (const res of answers) expect(refusal(res)).toEqual(unknownBody);
    const stored = await row(code);
    expect(stored.failed_pins).toBe(5);
    expect(stored.locked_at).not.toBeNull();
    expect(refusal(await present(member.id, [{ code, pin: '2468' }]))).toEqual(unknownBody);
  });

  it('should answer alike for another member\'s code, another program\'s, expired, not yet valid, revoked and used up', async () => {
    const someoneElse = await enroll(t, p.adminKey, {});
    const theirs = await issued({ count: 1, member_id: someoneElse.id });
    const foreign = await t.call({ method: 'POST', url: '/v1/promo-codes', key: other.adminKey, payload: { promotion_id: otherPromotionId, code: 'FOREIGN-1' } });
    expect(foreign.statusCode).toBe(201);
    const expired = await issued({ count: 1, valid_until: new Date(START.getTime() - HOUR).toISOString() });
    const ended = await issued({ count: 1, valid_until: START.toISOString() });
    const early = await issued({ count: 1, valid_from: new Date(START.getTime() + HOUR).toISOString() });
    const revoked = await issued({ count: 1 });
    const revoke = await t.call({ method: 'POST', url: `/v1/promo-codes/${revoked.codes[0]!.code.toLowerCase()}/revoke`, key: p.adminKey });
    expect(revoke.json()).toMatchObject({ status: 'revoked', revoked_at: START.toISOString() });
    const usedUp = await issued({ count: 1 });
    // Used up as a purchase would use it (promotion-races.test.ts consumes codes through purchases).
    await t.pool.query('UPDATE promo_codes SET uses = max_uses WHERE program_id = $1 AND code = $2', [p.programId, usedUp.codes[0]!.code]);
    expect((await row(usedUp.codes[0]!.code)).uses).toBe(1);

    for (const code of [theirs, expired, ended, early, revoked, usedUp].map((b) => b.codes[0]!.code).concat('FOREIGN-1')) {
      expect(refusal(await present(member.id, [{ code }])), code).toEqual({ ...unknownBody });
      // With a PIN the answer is the same too.
      expect(refusal(await present(member.id, [{ code, pin: '1234' }])), code).toEqual(unknownBody);
    }
    // The one that was not valid yet is, an hour later; the bound one works for its member.
    t.clock.set(new Date(START.getTime() + HOUR));
    try {
      expect((await present(member.id, [{ code: early.codes[0]!.code }])).statusCode).toBe(200);
    } finally {
      t.clock.set(START);
    }
    expect((await present(someoneElse.id, [{ code: theirs.codes[0]!.code }])).statusCode).toBe(200);
  });

  it('should point at the second of two equal codes in one purchase', async () => {
    const code = (await issued({ count: 1 })).codes[0]!.code;
    const problem = expectProblem(await present(member.id, [{ code }, { code: code.toLowerCase() }]), 422, 'duplicate_promo_code');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/promo_codes/1/code' })]);
  });

  it('should point at the code that cannot be used', async () => {
    const good = (await issued({ count: 1 })).codes[0]!.code;
    const res = await present(member.id, [{ code: good }, { code: 'NO-SUCH-CODE' }]);
    expect(refusal(res)).toMatchObject({ errors: [{ pointer: '/promo_codes/1/code' }] });
  });

  it('should refuse to count wrong PINs inside a transaction that could roll them back', async () => {
    await expect(t.db.transaction().execute((trx) => verifyPresentedCodes(trx, p.programId, member.id, [{ code: 'NO-SUCH-CODE' }], START))).rejects.toThrow(/not a transaction/);
  });
});

describe('revoking', () => {
  it('should revoke once, keep the first revocation time, and answer 404 for an unknown code', async () => {
    const code = (await issued({ count: 1 })).codes[0]!.code;
    const first = await t.call({ method: 'POST', url: `/v1/promo-codes/${code}/revoke`, key: p.adminKey });
    expect(first.statusCode).toBe(200);
    t.clock.set(new Date(START.getTime() + HOUR));
    try {
      const again = await t.call({ method: 'POST', url: `/v1/promo-codes/${code}/revoke`, key: p.adminKey });
      expect(again.json()).toMatchObject({ status: 'revoked', revoked_at: START.toISOString() });
    } finally {
      t.clock.set(START);
    }
    expectProblem(await t.call({ method: 'POST', url: '/v1/promo-codes/NO-SUCH-CODE/revoke', key: p.adminKey }), 404, 'promo_code_not_found');
    expectProblem(await t.call({ method: 'GET', url: `/v1/promo-codes/${code}`, key: other.readKey }), 404, 'promo_code_not_found');
  });
});

describe('issuing many PINs with an Idempotency-Key', () => {
  let slow: FixedClockTestApp;
  let admin: string;
  let promotion: string;
  beforeAll(async () => {
    // Transactions idle for more than 2 x 1000 ms are ended by the database; 1,000 PINs take longer to hash. (A tighter
    // statement timeout fails statements on a loaded cluster.)
    slow = (await createTestApp({ now: START, env: { DB_STATEMENT_TIMEOUT_MS: '1000' } })) as FixedClockTestApp;
    const fixture = await createProgramFixture(slow);
    admin = fixture.adminKey;
    promotion = await insertPromotion(fixture.programId, slow);
  });
  afterAll(() => slow?.close());

  it('should hash the PINs before the creation opens its transaction, which would otherwise sit idle too long', async () => {
    const res = await slow.call({
      method: 'POST',
      url: '/v1/promo-codes',
      key: admin,
      payload: { promotion_id: promotion, count: 1000, pin: 'generate' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect((res.json() as { codes: { pin: string }[] }).codes.every((c) => /^\d{4}$/.test(c.pin))).toBe(true);
  });
});
