import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { enroll, useSocketTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, nextReceipt, purchase } from '../helpers/ledger.ts';

// These tests send truly parallel HTTP requests over a real socket, so requests race on real connections.
let t: TestApp;
let p: ProgramFixture;
let base: string;

useSocketTestProgram(
  (app, program, url) => {
    t = app;
    p = program;
    base = url;
  },
  { env: { DB_POOL_SIZE: '8' } },
);
afterEach(() => expectTrialBalanceOk(t, p.adminKey));

async function send(path: string, body: unknown, idempotencyKey: string = randomUUID(), key = p.posKey) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') };
}

describe('concurrent ledger writes', () => {
  it('50 concurrent redemptions of 10 against 100 points: exactly 10 succeed, never negative', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250); // 100 points
    const results = await Promise.all(Array.from({ length: 50 }, () => send('/v1/redemptions', { member_id: m.id, points: 10 })));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 422);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(JSON.parse(r.text).code).toBe('insufficient_points');
    // Every successful response saw a distinct balance on the way down: the writes were serialised, not lost.
    const seen = ok.map((r) => JSON.parse(r.text).balance.available).sort((a: number, b: number) => a - b);
    expect(seen).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(await balanceOf(t, p.readKey, m.id)).toMatchObject({ available: 0, lifetime: { redeemed: 100 } });
  });

  it('20 concurrent identical requests with one Idempotency-Key apply once and answer 20 identical bodies', async () => {
    const m = await enroll(t, p.posKey);
    const key = randomUUID();
    const body = { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } };
    const results = await Promise.all(Array.from({ length: 20 }, () => send('/v1/purchases', body, key)));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(results.filter((r) => r.replayed === 'true')).toHaveLength(19);
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(100);
    const history = await t.call({ method: 'GET', url: `/v1/members/${m.id}/transactions`, key: p.readKey });
    expect(history.json().data).toHaveLength(1);

    const other = await send('/v1/purchases', { ...body, amount: { amount: 2500, currency: 'AZN' } }, key);
    expect(other.status).toBe(422);
    expect(JSON.parse(other.text).code).toBe('idempotency_key_reused');
  });

  it('concurrent reversals of one redemption return at most what was redeemed', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    const red = JSON.parse((await send('/v1/redemptions', { member_id: m.id, points: 60 })).text).redemption;
    const results = await Promise.all(Array.from({ length: 20 }, () => send(`/v1/redemptions/${red.id}/reversal`, { points: 7 })));
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(8); // 8 x 7 = 56 <= 60 < 63
    for (const r of results.filter((x) => x.status !== 201)) expect(JSON.parse(r.text).code).toBe('reversal_exceeds_redemption');
    expect(await balanceOf(t, p.readKey, m.id)).toMatchObject({ available: 96, lifetime: { redeemed: 4 } });
  });

  it('concurrent returns of one purchase never return more than was bought', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: pur } = await purchase(t, p.posKey, m.id, 1250);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => send(`/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 300, currency: 'AZN' } })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(4); // 4 x 3.00 <= 12.50 < 5 x 3.00
    expect(await balanceOf(t, p.readKey, m.id)).toMatchObject({ available: 4, debt: 0 }); // floor(100 * 1200/1250) = 96 clawed
  });

  it('one receipt sent for a member six times at once (six keys) is recorded once; the others get 409 naming it', async () => {
    const m = await enroll(t, p.posKey);
    const receipt = nextReceipt();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => send('/v1/purchases', { member_id: m.id, receipt_id: receipt, amount: { amount: 1250, currency: 'AZN' } })),
    );
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    const purchaseId = JSON.parse(won[0]!.text).purchase.id;
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(JSON.parse(r.text)).toMatchObject({ code: 'duplicate_receipt', purchase_id: purchaseId });
    }
  });

  it('a receipt id is unique per member: the same id on another member\'s receipt is that member\'s own purchase', async () => {
    const [a, b] = await Promise.all([enroll(t, p.posKey), enroll(t, p.posKey)]);
    const receipt = nextReceipt();
    const results = await Promise.all(
      [a, b].map((m) => send('/v1/purchases', { member_id: m.id, receipt_id: receipt, amount: { amount: 1250, currency: 'AZN' } })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201]);
  });

  it('concurrent holds, redemptions and captures on one member never overdraw', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 12500); // 1000 points
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0 ? send('/v1/holds', { member_id: m.id, points: 45 }) : send('/v1/redemptions', { member_id: m.id, points: 55 }),
      ),
    );
    const holds = results.filter((r, i) => i % 2 === 0 && r.status === 201).map((r) => JSON.parse(r.text).hold.id as string);
    await Promise.all(holds.map((id) => send(`/v1/holds/${id}/capture`, {})));
    const balance = await balanceOf(t, p.readKey, m.id);
    expect(balance.held).toBe(0);
    expect(balance.available).toBeGreaterThanOrEqual(0);
    expect(balance.available + balance.lifetime.redeemed).toBe(1000);
  });
});
