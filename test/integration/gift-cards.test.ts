import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProgramFixture } from '../helpers/app.ts';
import { createProgramFixture, enroll } from '../helpers/app.ts';
import { nextReceipt, post, purchase, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';

// Gift cards (incentives.md "Wallets", Gift cards): sold against a purchase, spent with code + one-time password.

const START = new Date('2026-06-01T09:00:00.000Z');
const MINUTE = 60_000;

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

const PHONE = '+994501112233';

async function paidPurchase(amount: number): Promise<string> {
  const member = await enroll(t, p.posKey);
  return (await purchase(t, p.posKey, member.id, amount)).purchase.id;
}

const issue = (purchaseId: string, amount: number, extra: Record<string, unknown> = {}, key?: string) =>
  post(t, p.posKey, '/v1/gift-cards', { purchase_id: purchaseId, amount: { amount, currency: 'AZN' }, phone: PHONE, ...extra }, key);

async function newCard(amount: number, extra: Record<string, unknown> = {}) {
  const res = await issue(await paidPurchase(10_000), amount, extra);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { gift_card: { id: string; balance: { amount: number } }; code: string };
}

async function eventsOf(cardId: string) {
  const { rows } = await t.pool.query(`SELECT * FROM events WHERE member_id = $1 ORDER BY db_xid, seq`, [cardId]);
  return rows as (EventRow & { type: string; data: Record<string, unknown> })[];
}

async function askOtp(cardId: string, purpose: 'spend' | 'transfer' = 'spend'): Promise<string> {
  const res = await t.call({ method: 'POST', url: `/v1/gift-cards/${cardId}/otp${purpose === 'spend' ? '' : '?purpose=transfer'}`, key: p.posKey });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().purpose).toBe(purpose);
  const requested = (await eventsOf(cardId)).filter((e) => e.type === 'gift_card.otp_requested' && e.data['purpose'] === purpose);
  return String(requested.at(-1)!.data['otp']);
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const spend = (cardId: string, body: Record<string, unknown>, key: string = randomUUID()) =>
  post(t, p.posKey, `/v1/gift-cards/${cardId}/spends`, { receipt_id: nextReceipt('GC'), ...body }, key);
const money = (amount: number) => ({ amount, currency: 'AZN' });

describe('issuing gift cards', () => {
  it('should issue against a paid purchase, show the code once, and keep only a hint', async () => {
    const purchaseId = await paidPurchase(5_000);
    const key = randomUUID();
    const res = await issue(purchaseId, 5_000, {}, key);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.code).toMatch(/^GC-[0-9A-Z]{24}$/);
    expect(body.gift_card).toMatchObject({ status: 'active', balance: money(5_000), loaded: money(5_000), phone: '*********2233', code_hint: body.code.slice(-4) });
    const replay = await issue(purchaseId, 5_000, {}, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().gift_card.id).toBe(body.gift_card.id);
    const read = await t.call({ method: 'GET', url: `/v1/gift-cards/${body.gift_card.id}`, key: p.readKey });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(body.code);
    expect(JSON.stringify(await eventsOf(body.gift_card.id))).not.toContain(body.code);
  });

  it('should refuse a missing purchase, another currency, a returned purchase and over-issue', async () => {
    expect((await issue('pur_nope', 100)).json().code).toBe('purchase_not_found');
    const purchaseId = await paidPurchase(1_000);
    expect((await post(t, p.posKey, '/v1/gift-cards', { purchase_id: purchaseId, amount: { amount: 100, currency: 'USD' }, phone: PHONE })).json().code).toBe('currency_mismatch');
    expect((await issue(purchaseId, 600)).statusCode).toBe(201);
    const over = await issue(purchaseId, 401);
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'gift_card_exceeds_purchase', loadable: 400 });
    const returned = await paidPurchase(800);
    const ret = await post(t, p.posKey, `/v1/purchases/${returned}/returns`, { receipt_id: nextReceipt('RR'), amount: money(800) });
    expect(ret.statusCode, ret.body).toBe(201);
    expect((await issue(returned, 100)).json().code).toBe('purchase_returned');
  });

  it('should never load more than the purchase paid under parallel issues', async () => {
    const purchaseId = await paidPurchase(1_000);
    const results = await Promise.all(Array.from({ length: 8 }, () => issue(purchaseId, 300)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 422).every((r) => r.json().code === 'gift_card_exceeds_purchase')).toBe(true);
  });
});

describe('one-time passwords for gift cards', () => {
  it('should send a 6-digit code in gift_card.otp_requested, valid 5 minutes, used once', async () => {
    const card = await newCard(5_000);
    const otp = await askOtp(card.gift_card.id);
    expect(otp).toMatch(/^\d{6}$/);
    const ok = await spend(card.gift_card.id, { code: card.code, otp, amount: money(1_000) });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await spend(card.gift_card.id, { code: card.code, otp, amount: money(1_000) });
    expect(again.json()).toMatchObject({ code: 'otp_expired', reason: 'used' });
    const late = await askOtp(card.gift_card.id);
    t.clock.advance(5 * MINUTE);
    expect((await spend(card.gift_card.id, { code: card.code, otp: late, amount: money(1_000) })).json()).toMatchObject({ code: 'otp_expired', reason: 'expired' });
  });

  it('should answer a wrong code like a wrong password, and kill the password after 5 wrong tries', async () => {
    const card = await newCard(5_000);
    const otp = await askOtp(card.gift_card.id);
    const wrongCode = await spend(card.gift_card.id, { code: 'GC-AAAAAAAAAAAAAAAAAAAAAAAA', otp, amount: money(100) });
    const wrongOtp = await spend(card.gift_card.id, { code: card.code, otp: wrong(otp), amount: money(100) });
    expect(wrongCode.statusCode).toBe(422);
    expect(wrongCode.json()).toMatchObject({ code: 'otp_invalid', attempts_left: 4 });
    expect(wrongOtp.json()).toMatchObject({ code: 'otp_invalid', attempts_left: 3 });
    for (let i = 0; i < 3; i++) await spend(card.gift_card.id, { code: card.code, otp: wrong(otp), amount: money(100) });
    expect((await spend(card.gift_card.id, { code: card.code, otp, amount: money(100) })).json()).toMatchObject({ code: 'otp_expired', reason: 'tries_exhausted' });
  });

  it('should rate-limit passwords per card with 429', async () => {
    const card = await newCard(5_000);
    for (let i = 0; i < 3; i++) await askOtp(card.gift_card.id);
    const limited = await t.call({ method: 'POST', url: `/v1/gift-cards/${card.gift_card.id}/otp`, key: p.posKey });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('otp_rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('spending and transferring', () => {
  it('should let a holder who is no member spend, once per receipt, replaying the key', async () => {
    const card = await newCard(5_000);
    const otp = await askOtp(card.gift_card.id);
    const key = randomUUID();
    const body = { code: card.code.toLowerCase(), otp, amount: money(2_000), receipt_id: nextReceipt('GC') };
    const res = await spend(card.gift_card.id, body, key);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().gift_card.balance).toEqual(money(3_000));
    const replay = await spend(card.gift_card.id, body, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().spend.id).toBe(res.json().spend.id);
    const otp2 = await askOtp(card.gift_card.id);
    expect((await spend(card.gift_card.id, { ...body, otp: otp2 })).json().code).toBe('duplicate_receipt');
    const short = await spend(card.gift_card.id, { code: card.code, otp: otp2, amount: money(3_001) });
    expect(short.json()).toMatchObject({ code: 'insufficient_funds', available: 3_000 });
  });

  it('should let exactly one of two parallel spends of 30 from a 50 card through', async () => {
    const card = await newCard(50);
    const otp = await askOtp(card.gift_card.id);
    const results = await Promise.all([0, 1].map(() => spend(card.gift_card.id, { code: card.code, otp, amount: money(30) })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    const read = await t.call({ method: 'GET', url: `/v1/gift-cards/${card.gift_card.id}`, key: p.readKey });
    expect(read.json().balance).toEqual(money(20));
  });

  it('should let exactly one of a spend and a transfer of 30 from a 50 card through, each with its own password', async () => {
    // Both are authorised (a spend password and a transfer password live side by side), so only the balance check
    // under the card's lock keeps the card from paying 60: run many rounds so the two really overlap.
    for (let round = 0; round < 5; round++) {
      const card = await newCard(50);
      const member = await enroll(t, p.posKey);
      const spendOtp = await askOtp(card.gift_card.id);
      const transferOtp = await askOtp(card.gift_card.id, 'transfer');
      const [spent, moved] = await Promise.all([
        spend(card.gift_card.id, { code: card.code, otp: spendOtp, amount: money(30) }),
        post(t, p.posKey, `/v1/gift-cards/${card.gift_card.id}/transfers`, { code: card.code, otp: transferOtp, member_id: member.id, amount: money(30) }),
      ]);
      expect([spent.statusCode, moved.statusCode].sort(), `${spent.body} ${moved.body}`).toEqual([201, 422]);
      expect([spent, moved].find((r) => r.statusCode === 422)!.json()).toMatchObject({ code: 'insufficient_funds', available: 20 });
      const read = await t.call({ method: 'GET', url: `/v1/gift-cards/${card.gift_card.id}`, key: p.readKey });
      expect(read.json().balance).toEqual(money(20));
    }
  });

  it("should move a card's money into a member's wallet with the card's expiry", async () => {
    const expiresAt = new Date(START.getTime() + 90 * 24 * 60 * MINUTE).toISOString();
    const card = await newCard(4_000, { expires_at: expiresAt });
    const member = await enroll(t, p.posKey);
    const spendOtp = await askOtp(card.gift_card.id);
    // A password sent for a spend does not move the card.
    const misused = await post(t, p.posKey, `/v1/gift-cards/${card.gift_card.id}/transfers`, { code: card.code, otp: spendOtp, member_id: member.id });
    expect(misused.json().code).toMatch(/^otp_(invalid|expired)$/);
    const otp = await askOtp(card.gift_card.id, 'transfer');
    const res = await post(t, p.posKey, `/v1/gift-cards/${card.gift_card.id}/transfers`, { code: card.code, otp, member_id: member.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().transfer).toMatchObject({ amount: money(4_000), expires_at: expiresAt });
    expect(res.json().gift_card.balance).toEqual(money(0));
    const wallet = await t.call({ method: 'GET', url: `/v1/members/${member.id}/wallet`, key: p.readKey });
    expect(wallet.json().balances[0]).toMatchObject({ currency: 'AZN', available: 4_000 });
    const statement = await t.call({ method: 'GET', url: `/v1/gift-cards/${card.gift_card.id}/statement`, key: p.readKey });
    expect(statement.json().transactions.map((x: { type: string }) => x.type)).toEqual(['gift_card_issue', 'gift_card_transfer']);
  });

  it('should expire money left on a card when it is next touched', async () => {
    const card = await newCard(700, { expires_at: new Date(START.getTime() + 60 * MINUTE).toISOString() });
    t.clock.advance(61 * MINUTE);
    const read = await t.call({ method: 'GET', url: `/v1/gift-cards/${card.gift_card.id}`, key: p.readKey });
    expect(read.json()).toMatchObject({ status: 'expired', balance: money(0) });
    expect((await t.call({ method: 'POST', url: `/v1/gift-cards/${card.gift_card.id}/otp`, key: p.posKey })).json().code).toBe('gift_card_expired');
  });

  it('should publish gift card events that match their schemas', async () => {
    const card = await newCard(900, { expires_at: new Date(START.getTime() + 60 * MINUTE).toISOString() });
    const otp = await askOtp(card.gift_card.id);
    expect((await spend(card.gift_card.id, { code: card.code, otp, amount: money(100) })).statusCode).toBe(201);
    const member = await enroll(t, p.posKey);
    const otp2 = await askOtp(card.gift_card.id, 'transfer');
    const moved = await post(t, p.posKey, `/v1/gift-cards/${card.gift_card.id}/transfers`, { code: card.code, otp: otp2, member_id: member.id, amount: money(300) });
    expect(moved.statusCode, moved.body).toBe(201);
    t.clock.advance(61 * MINUTE);
    await t.call({ method: 'GET', url: `/v1/gift-cards/${card.gift_card.id}`, key: p.readKey });
    const events = await eventsOf(card.gift_card.id);
    expect(events.map((e) => e.type)).toEqual([
      'gift_card.issued', 'gift_card.otp_requested', 'gift_card.spent', 'gift_card.otp_requested', 'gift_card.transferred', 'gift_card.expired',
    ]);
    expect(events.at(-1)!.data['transaction']).toMatchObject({ type: 'gift_card_expire', amount: money(500) });
    for (const e of events) {
      const parsed = EventSchema.safeParse(toEventJson(p.programId, e));
      expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
    }
  });
});

// The trial balance (gift_card_balances_match_entries among its checks) runs after every test (useLedgerTestProgram).
describe('refunding a gift card spend', () => {
  const reverse = (cardId: string, spendId: string, body: Record<string, unknown> = {}, key: string = randomUUID()) =>
    post(t, p.posKey, `/v1/gift-cards/${cardId}/spends/${spendId}/reversal`, body, key);

  async function spent(amount: number, cardAmount = 5_000, extra: Record<string, unknown> = {}) {
    const card = await newCard(cardAmount, extra);
    const otp = await askOtp(card.gift_card.id);
    const res = await spend(card.gift_card.id, { code: card.code, otp, amount: money(amount) });
    expect(res.statusCode, res.body).toBe(201);
    return { card, spendId: String(res.json().spend.id), receiptId: String(res.json().spend.receipt_id) };
  }

  it('should give back part then the rest of a spend without a password, replaying the key, never more than is left', async () => {
    const { card, spendId, receiptId } = await spent(2_000);
    const id = card.gift_card.id;
    const key = randomUUID();
    const part = await reverse(id, spendId, { amount: 500, reason: 'item returned' }, key);
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json().reversal).toMatchObject({ spend_id: spendId, gift_card_id: id, amount: money(500), remaining_reversible: 1_500, reason: 'item returned', expired: false });
    expect(part.json().reversal.id).toMatch(/^gcr_/);
    expect(part.json().gift_card.balance).toEqual(money(3_500));
    expect(part.json().transaction).toMatchObject({
      type: 'gift_card_reversal',
      ref_id: spendId,
      data: { spend_id: spendId, receipt_id: receiptId, reason: 'item returned' },
      entries: [
        { account: 'gift_card:AZN', amount: 500 },
        { account: 'gift_card_spent:AZN', amount: -500 },
      ],
    });
    const replay = await reverse(id, spendId, { amount: 500, reason: 'item returned' }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().reversal.id).toBe(part.json().reversal.id);
    expect((await reverse(id, spendId, { amount: 600 }, key)).json().code).toBe('idempotency_key_reused');

    const over = await reverse(id, spendId, { amount: 1_501 });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'reversal_exceeds_spend', reversible: 1_500, requested: 1_501, currency: 'AZN' });
    expect(over.json().errors[0].pointer).toBe('/amount');
    const rest = await reverse(id, spendId);
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json().reversal).toMatchObject({ amount: money(1_500), remaining_reversible: 0 });
    expect(rest.json().gift_card.balance).toEqual(money(5_000));
    expect((await reverse(id, spendId)).json()).toMatchObject({ code: 'reversal_exceeds_spend', reversible: 0 });

    const statement = await t.call({ method: 'GET', url: `/v1/gift-cards/${id}/statement`, key: p.readKey });
    expect(statement.json().transactions.map((x: { type: string; version: number }) => `${x.type} ${x.version}`)).toEqual([
      'gift_card_issue 1', 'gift_card_spend 2', 'gift_card_reversal 3', 'gift_card_reversal 4',
    ]);
    const refunded = (await eventsOf(id)).filter((e) => e.type === 'gift_card.refunded');
    expect(refunded).toHaveLength(2);
    for (const e of refunded) {
      const parsed = EventSchema.safeParse(toEventJson(p.programId, e));
      expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
    }
    // A refund put the money back: the card can be spent again.
    const otp = await askOtp(id);
    expect((await spend(id, { code: card.code, otp, amount: money(5_000) })).statusCode).toBe(201);
  });

  it("should not find a spend of another card, nor a card of another program, nor a read key's refund", async () => {
    const { card, spendId } = await spent(1_000);
    const other = await newCard(1_000);
    const res = await reverse(other.gift_card.id, spendId);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('gift_card_spend_not_found');
    const otherProgram = await createProgramFixture(t);
    const foreign = await post(t, otherProgram.posKey, `/v1/gift-cards/${card.gift_card.id}/spends/${spendId}/reversal`, {});
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('gift_card_not_found');
    const read = await post(t, p.readKey, `/v1/gift-cards/${card.gift_card.id}/spends/${spendId}/reversal`, {});
    expect(read.statusCode).toBe(403);
    const read2 = await t.call({ method: 'GET', url: `/v1/gift-cards/${card.gift_card.id}`, key: p.readKey });
    expect(read2.json().balance).toEqual(money(4_000));
  });

  it('should expire money given back to an expired card at once', async () => {
    const { card, spendId } = await spent(300, 1_000, { expires_at: new Date(t.clock.now().getTime() + 60 * MINUTE).toISOString() });
    const id = card.gift_card.id;
    t.clock.advance(61 * MINUTE);
    const res = await reverse(id, spendId, { amount: 200 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().reversal).toMatchObject({ amount: money(200), remaining_reversible: 100, expired: true });
    expect(res.json().gift_card).toMatchObject({ status: 'expired', balance: money(0) });
    const statement = await t.call({ method: 'GET', url: `/v1/gift-cards/${id}/statement`, key: p.readKey });
    const txns = statement.json().transactions as { type: string; amount: { amount: number }; ref_id: string | null }[];
    expect(txns.map((x) => `${x.type} ${x.amount.amount}`)).toEqual(['gift_card_issue 1000', 'gift_card_spend 300', 'gift_card_expire 700', 'gift_card_reversal 200', 'gift_card_expire 200']);
    expect(txns.at(-1)!.ref_id).toBe(res.json().reversal.id);
    expect((await eventsOf(id)).map((e) => e.type).slice(-3)).toEqual(['gift_card.expired', 'gift_card.refunded', 'gift_card.expired']);
  });

  it('should never give back more than the spend under parallel partial refunds over real connections', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`);
    for (let round = 0; round < 3; round++) {
      const { card, spendId } = await spent(1_000);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${base}/v1/gift-cards/${card.gift_card.id}/spends/${spendId}/reversal`, {
            method: 'POST',
            headers: { authorization: `Bearer ${p.posKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({ amount: 300 }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> })),
        ),
      );
      // 1,000 holds three refunds of 300; the other five see 100 left, under the card's row lock.
      expect(results.filter((r) => r.status === 201), JSON.stringify(results)).toHaveLength(3);
      for (const r of results.filter((x) => x.status !== 201)) expect(r).toMatchObject({ status: 422, body: { code: 'reversal_exceeds_spend', reversible: 100 } });
      const read = await t.call({ method: 'GET', url: `/v1/gift-cards/${card.gift_card.id}`, key: p.readKey });
      expect(read.json().balance).toEqual(money(4_900));
    }
  });
});
