import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { FieldError, UnprocessableError } from '../errors.ts';
import { MAX_POINTS } from '../schemas/limits.ts';
import { callLedger, requestHash, unwrap, type LedgerCall } from './sql-call.ts';
import {
  ledgerActivity,
  ledgerAdjust,
  ledgerBalance,
  ledgerCloseHold,
  ledgerEarn,
  ledgerHold,
  ledgerPartnerTransfer,
  ledgerRedeem,
  ledgerRenew,
  ledgerReturn,
  ledgerReverse,
  type Args,
  type LedgerFunction,
  type Result,
  type WriteEnvelope,
} from './functions.ts';
import { formatPoints, minorUnitDigits } from './money.ts';
import { basePoints } from '../rules/earning.ts';
import { rulesPayload } from '../rules/rules.ts';
import { rateAt, type RateSet } from '../rules/rates.ts';
import { addDays, addLocalMonths, addMinutes, dayKey } from '../calendar.ts';
import { newId } from '../ids.ts';
import { BATCHABLE, type LedgerBatcher } from './batcher.ts';
import { missingResource, resourceOwner } from './owners.ts';

export interface Money {
  amount: number;
  currency: string;
}

/** What every ledger write needs besides its own fields. */
export interface WriteContext {
  pool: pg.Pool;
  clock: Clock;
  programId: string;
  settings: ProgramSettings;
  /** The program's rate sets (oldest first); purchases convert at the one in force at occurred_at. */
  rateSets: RateSet[];
  /** Required on every write request; null only for internal callers. */
  idempotencyKey: string | null;
  /** The caller's API key: the ledger function re-checks it is not revoked, in the same round trip. */
  apiKeyId: string | null;
  /** Shares round trips and commits between concurrent member writes; without it each write goes alone. */
  batcher?: LedgerBatcher | undefined;
  /** Run the call in a transaction block (sql-call.ts LedgerCallOptions.transaction). */
  transaction?: boolean | undefined;
  onRetry?: () => void;
  /** Told what became of each write: the database's answer (result or refusal), or null when there was none. */
  onOutcome?: ((operation: string, outcome: object | null) => void) | undefined;
}

export interface WriteResult<T> {
  replayed: boolean;
  body: T;
}

/** A business time the caller gave, or now; a few minutes ahead are a till's clock drift, more is a mistake. */
export function occurredAtOrNow(occurredAt: string | undefined, now: Date): Date {
  const at = occurredAt ? new Date(occurredAt) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000) throw new FieldError('/occurred_at', 'must not be in the future');
  return at;
}

/** What every write sends besides its own fields (functions.ts WriteEnvelope). */
export function writeEnvelope(ctx: WriteContext, operation: string, request: object, now: Date): WriteEnvelope {
  return {
    program_id: ctx.programId,
    ...(ctx.apiKeyId ? { api_key_id: ctx.apiKeyId } : {}),
    idempotency_key: ctx.idempotencyKey,
    request_hash: requestHash(operation, request),
    now: now.toISOString(),
    timezone: ctx.settings.timezone,
    rules: rulesPayload(ctx.settings, now),
  };
}

/**
 * One write: the envelope and the function's own fields in one call, batched with concurrent member writes when a
 * batcher is there. A write on a resource (member null) first finds the resource's member, so the call is routed
 * by it like every other. A refusal throws (LedgerRefusal); a replayed result says so.
 */
export async function write<F extends LedgerFunction>(
  ctx: WriteContext,
  fn: F,
  member: string | null,
  operation: string,
  request: object,
  args: (envelope: WriteEnvelope) => NoInfer<Args<F>>,
  now: Date = ctx.clock.now(),
): Promise<WriteResult<Result<F>>> {
  const callArgs: Args<F> = args(writeEnvelope(ctx, operation, request, now));
  let outcome;
  try {
    const owner = member ?? (await ownerOf(ctx, fn, callArgs));
    if (typeof owner !== 'string') outcome = owner;
    else {
      const call: LedgerCall<F> = { fn, member: owner, args: callArgs };
      outcome = ctx.batcher && BATCHABLE.has(fn) ? await ctx.batcher.call(call) : await callLedger(ctx.pool, call, { onRetry: ctx.onRetry, transaction: ctx.transaction === true });
    }
  } catch (error) {
    ctx.onOutcome?.(operation, null);
    throw error;
  }
  ctx.onOutcome?.(operation, outcome);
  return unwrap(outcome);
}

/** The member of the resource a write names, or the not-found refusal (nothing is stored for it). */
async function ownerOf(ctx: WriteContext, fn: LedgerFunction, args: unknown) {
  if (!fn.owner) throw new Error(`${fn.name} needs a member`);
  const id = String((args as Record<string, unknown>)[fn.owner.idField]);
  return (await resourceOwner(ctx.pool, ctx.programId, fn.owner, id)) ?? missingResource(fn.owner, id);
}

export interface PurchaseLine {
  sku: string;
  brand?: string | undefined;
  category?: string | undefined;
  quantity: number;
  unit_price: number;
  amount: number;
}

export interface PurchaseInput {
  member_id: string;
  receipt_id: string;
  amount: Money;
  store_id?: string | undefined;
  /** Where the sale happened (store, web, app...): stored, and read by promotions limited to channels. */
  channel?: string | undefined;
  /** What it was rung up on (a till id, an app platform): stored for reports. */
  device?: string | undefined;
  occurred_at?: string | undefined;
  lines?: PurchaseLine[] | undefined;
}

/** A 422 with a stable code that points at the request field it is about, refused before anything is written. */
function lineRefusal(code: string, pointer: string, message: string, extra: Record<string, unknown> = {}): UnprocessableError {
  return new UnprocessableError(code, `${pointer.slice(1)} ${message}`, { ...extra, errors: [{ pointer, location: 'body', message }] });
}

/** A return names each line once, by its sku. */
function checkUniqueSkus(lines: readonly { sku: string }[]): void {
  const seen = new Map<string, number>();
  lines.forEach((line, i) => {
    const first = seen.get(line.sku);
    if (first !== undefined) throw lineRefusal('duplicate_line_sku', `/lines/${i}/sku`, `repeats the sku of line ${first} (${line.sku})`, { sku: line.sku });
    seen.set(line.sku, i);
  });
}

/** A purchase's lines, checked and in the form the purchase stores and shows; undefined for a purchase without lines. */
function purchaseLines(input: PurchaseInput) {
  if (input.lines === undefined) return undefined;
  checkUniqueSkus(input.lines);
  const sum = input.lines.reduce((total, line) => total + line.amount, 0);
  if (sum !== input.amount.amount) {
    throw lineRefusal('lines_amount_mismatch', '/lines', `amounts sum to ${sum}, not to the purchase amount ${input.amount.amount}`, {
      lines_amount: sum,
    });
  }
  return input.lines.map((line) => ({
    sku: line.sku,
    brand: line.brand ?? null,
    category: line.category ?? null,
    quantity: line.quantity,
    unit_price: line.unit_price,
    amount: line.amount,
  }));
}

/** What a purchase converts at and when its points mature and expire, worked out before anything is written. */
export interface PreparedPurchase {
  now: Date;
  occurredAt: Date;
  lines: ReturnType<typeof purchaseLines>;
  rate: number;
  rate_set_id: string | null;
  rise_percent: number | null;
  bonus: number;
  maturesAt: Date;
  expiresAt: Date;
  /** Base points of an amount of this purchase's currency, at its rate, within the currency's cap. */
  pointsFor: (amountMinor: number) => number;
  /** The program rewards purchases with wallet money (settings.reward cashback) instead of points. */
  cashback: boolean;
}

export function preparePurchase(ctx: WriteContext, input: PurchaseInput): PreparedPurchase {
  const lines = purchaseLines(input);
  const now = ctx.clock.now();
  const occurredAt = occurredAtOrNow(input.occurred_at, now);
  const { rate, rate_set_id, rise_percent } = rateAt(ctx.rateSets, ctx.settings, input.amount.currency, occurredAt);
  // Base points, at most the currency's cap (currency_caps): one EUR purchase earns at most 5,000 by default.
  const pointsFor = (amountMinor: number) => basePoints(ctx.settings, input.amount.currency, amountMinor, rate).points;
  const points = pointsFor(input.amount.amount);
  // Refused before anything is written: a purchase's points must stay a figure the ledger stores and renders exactly.
  if (points > MAX_POINTS) {
    throw new UnprocessableError('amount_too_large', `A purchase may earn at most ${formatPoints(MAX_POINTS)} points; this one would earn ${formatPoints(points)}.`, {
      points,
      max_points: MAX_POINTS,
    });
  }
  // While a set whose rate for this currency rose enough is in force, each purchase earns a small visible bonus.
  // Not in a cashback program: a purchase there earns money, and a points rate rising changes nothing it earns.
  const cashback = ctx.settings.reward === 'cashback';
  const bonus = !cashback && rise_percent !== null && rise_percent >= ctx.settings.rise_bonus.threshold_percent ? ctx.settings.rise_bonus.points : 0;
  const maturesAt = addDays(occurredAt, ctx.settings.pending_days);
  const expiresAt = addLocalMonths(maturesAt, ctx.settings.validity_months, ctx.settings.timezone);
  return { now, occurredAt, lines, rate, rate_set_id, rise_percent, bonus, maturesAt, expiresAt, pointsFor, cashback };
}

/** ledger_earn's argument: the envelope, the purchase, its base points, and what its promotions decided, if any. */
export function earnArgs(input: PurchaseInput, prepared: PreparedPurchase, envelope: WriteEnvelope, points: number, promotions?: Args<typeof ledgerEarn>['promotions']): Args<typeof ledgerEarn> {
  return {
    ...envelope,
    txn_id: newId('transaction'),
    purchase_id: newId('purchase'),
    lot_id: newId('lot'),
    receipt_id: input.receipt_id,
    amount: input.amount.amount,
    currency: input.amount.currency,
    store_id: input.store_id ?? null,
    channel: input.channel ?? null,
    device: input.device ?? null,
    points,
    rate: prepared.rate,
    rate_set_id: prepared.rate_set_id,
    rise_percent: prepared.rise_percent,
    bonus_points: prepared.bonus,
    bonus_txn_id: newId('transaction'),
    bonus_lot_id: newId('lot'),
    tier_change_id: newId('tierChange'),
    ...(prepared.lines ? { lines: prepared.lines } : {}),
    ...(promotions ? { promotions } : {}),
    // Only a cashback program's purchase carries it: ledger_earn's cashback branches key on its presence.
    ...(prepared.cashback ? { cashback: { txn_id: newId('transaction'), lot_id: newId('walletLot') } } : {}),
    occurred_at: prepared.occurredAt.toISOString(),
    matures_at: prepared.maturesAt.toISOString(),
    expires_at: prepared.expiresAt.toISOString(),
  };
}

/** Earn: points = money x the program's rate for the currency, rounded down; a lot that matures after the return window. */
export function recordPurchase(ctx: WriteContext, input: PurchaseInput, prepared: PreparedPurchase = preparePurchase(ctx, input)) {
  const points = prepared.pointsFor(input.amount.amount);
  return write(ctx, ledgerEarn, input.member_id, 'purchase', { ...input }, (envelope) => earnArgs(input, prepared, envelope, points), prepared.now);
}

export interface ReturnInput {
  receipt_id: string;
  /** Exactly one of amount and lines. */
  amount?: Money | undefined;
  lines?: { sku: string; quantity: number }[] | undefined;
}

/** A return of an amount, or of units of the purchase's lines: then its amount is the lines' share (ledger_return). */
export function recordReturn(ctx: WriteContext, purchaseId: string, input: ReturnInput) {
  if ((input.amount === undefined) === (input.lines === undefined)) {
    throw lineRefusal('return_amount_or_lines', input.lines ? '/lines' : '/amount', 'give exactly one of amount and lines');
  }
  if (input.lines) checkUniqueSkus(input.lines);
  return write(ctx, ledgerReturn, null, 'return', { purchase_id: purchaseId, ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    return_id: newId('return'),
    purchase_id: purchaseId,
    receipt_id: input.receipt_id,
    amount: input.amount?.amount ?? null,
    currency: input.amount?.currency ?? null,
    ...(input.lines ? { lines: input.lines } : {}),
    return_policy: ctx.settings.return_policy,
    point_values: pointValues(ctx),
    // Used only when the purchase earned cashback: the wallet transaction of the money clawed back.
    cashback_txn_id: newId('transaction'),
  }));
}

/** A point's worth in minor units of each currency the program earns in: point_value is in the home currency's. */
export function pointValues(ctx: WriteContext): Record<string, number> {
  const home = ctx.settings.home_currency;
  const now = ctx.clock.now();
  const homeRate = rateAt(ctx.rateSets, ctx.settings, home, now).rate;
  const values: Record<string, number> = {};
  for (const currency of Object.keys(ctx.settings.earn_rates)) {
    // Money converts through each currency's points rate (the program's own exchange, as in money.ts convertMoney).
    const scale = 10 ** (minorUnitDigits(currency) - minorUnitDigits(home));
    values[currency] = (ctx.settings.point_value * homeRate * scale) / rateAt(ctx.rateSets, ctx.settings, currency, now).rate;
  }
  return values;
}

export function redeem(ctx: WriteContext, input: { member_id: string; points: number; reason?: string | undefined; store_id?: string | undefined }) {
  return write(ctx, ledgerRedeem, input.member_id, 'redemption', { ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    redemption_id: newId('redemption'),
    points: input.points,
    reason: input.reason ?? null,
    store_id: input.store_id ?? null,
  }));
}

export function reverseRedemption(ctx: WriteContext, redemptionId: string, input: { points?: number | undefined; reason?: string | undefined }) {
  return write(ctx, ledgerReverse, null, 'reversal', { redemption_id: redemptionId, ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    reversal_id: newId('reversal'),
    redemption_id: redemptionId,
    points: input.points ?? null,
    reason: input.reason ?? null,
  }));
}

export function createHold(
  ctx: WriteContext,
  input: { member_id: string; points: number; expires_at?: string | undefined; reason?: string | undefined; store_id?: string | undefined },
) {
  const now = ctx.clock.now();
  const expiresAt = input.expires_at ? new Date(input.expires_at) : addMinutes(now, ctx.settings.hold_ttl_minutes);
  if (expiresAt.getTime() <= now.getTime()) throw new FieldError('/expires_at', 'must be in the future');
  return write(ctx, ledgerHold, input.member_id, 'hold', { ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    hold_id: newId('hold'),
    points: input.points,
    expires_at: expiresAt.toISOString(),
    reason: input.reason ?? null,
    store_id: input.store_id ?? null,
  }), now);
}

export function captureHold(ctx: WriteContext, holdId: string, input: { points?: number | undefined }) {
  return write(ctx, ledgerCloseHold, null, 'hold.capture', { hold_id: holdId, ...input }, (envelope) => ({ ...envelope, txn_id: newId('transaction'), hold_id: holdId, action: 'capture' as const, points: input.points ?? null }));
}

export function voidHold(ctx: WriteContext, holdId: string) {
  return write(ctx, ledgerCloseHold, null, 'hold.void', { hold_id: holdId }, (envelope) => ({ ...envelope, txn_id: newId('transaction'), hold_id: holdId, action: 'void' as const }));
}

export function adjust(ctx: WriteContext, input: { member_id: string; points: number; reason: string }) {
  if (input.points === 0) throw new FieldError('/points', 'must not be zero');
  const expiresAt = addLocalMonths(ctx.clock.now(), ctx.settings.validity_months, ctx.settings.timezone);
  return write(ctx, ledgerAdjust, input.member_id, 'adjustment', { ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    adjustment_id: newId('adjustment'),
    lot_id: newId('lot'),
    points: input.points,
    reason: input.reason,
    expires_at: expiresAt.toISOString(),
  }));
}

export interface PartnerTransferInput {
  member_id: string;
  partner: string;
  external_id: string;
  points: number;
}

/** The bonus on points transferred in from a partner: the program's percent of them, rounded down (15 at 10 % is 1). */
export function partnerTransferBonus(points: number, percent: number): number {
  // Exact: points are at most MAX_POINTS (10^9) and the percent at most 100, far below 2^53.
  return Math.floor((points * percent) / 100);
}

/**
 * Points transferred in from a partner platform (incentives.md "Wallets"), credited with the program's bonus, spendable
 * at once and valid like any other credit. Once per (program, partner, external_id) whichever Idempotency-Key comes
 * with it: the same transfer again gets the first answer back, replayed; with another member or other points it is
 * refused (ledger_partner_transfer in src/ledger/sql/partner.sql). On Citus the transfer's row lives on the worker of
 * its external_id, not of the member: the call runs in a transaction block there, on the coordinator, like a return
 * (partner transfers are rare next to purchases).
 */
export function partnerTransfer(ctx: WriteContext, input: PartnerTransferInput) {
  const percent = ctx.settings.partner_transfer_bonus_percent;
  const bonus = partnerTransferBonus(input.points, percent);
  // One transaction carries at most MAX_POINTS, bonus included: refused before anything is written.
  if (input.points + bonus > MAX_POINTS) {
    throw lineRefusal('amount_too_large', '/points', `with the ${percent} % bonus would credit ${formatPoints(input.points + bonus)} points; at most ${formatPoints(MAX_POINTS)} may be credited at once`, {
      points: input.points + bonus,
      max_points: MAX_POINTS,
    });
  }
  const now = ctx.clock.now();
  return write(ctx, ledgerPartnerTransfer, input.member_id, 'partner_transfer', { ...input }, (envelope) => ({
    ...envelope,
    transfer_id: newId('partnerTransfer'),
    txn_id: newId('transaction'),
    lot_id: newId('lot'),
    partner: input.partner,
    external_id: input.external_id,
    points: input.points,
    bonus,
    bonus_percent: percent,
    expires_at: addLocalMonths(now, ctx.settings.validity_months, ctx.settings.timezone).toISOString(),
  }), now);
}

/** The member's balance, settling anything already due first so expired points never show as available. */
export async function getBalance(
  pool: pg.Pool,
  clock: Clock,
  caller: { programId: string; apiKeyId: string | null; batcher?: LedgerBatcher | undefined },
  settings: ProgramSettings,
  memberId: string,
): Promise<Result<typeof ledgerBalance>> {
  const now = clock.now();
  const call = {
    fn: ledgerBalance,
    member: memberId,
    args: {
      program_id: caller.programId,
      ...(caller.apiKeyId ? { api_key_id: caller.apiKeyId } : {}),
      now: now.toISOString(),
      timezone: settings.timezone,
      rules: rulesPayload(settings, now),
    },
  };
  return unwrap(caller.batcher ? await caller.batcher.call(call) : await callLedger(pool, call)).body;
}

export interface ActivityInput {
  type: string;
  task_id?: string | undefined;
  occurred_at?: string | undefined;
  data?: Record<string, unknown> | undefined;
}

/**
 * Records what a member did (a login, a completed task). It counts as activity for inactivity decay and the daily
 * tier gift; the first completed task of a local day extends the member's soonest-expiring points.
 */
export function recordActivity(ctx: WriteContext, memberId: string, input: ActivityInput) {
  const now = ctx.clock.now();
  const occurredAt = occurredAtOrNow(input.occurred_at, now);
  return write(ctx, ledgerActivity, memberId, 'activity', { member_id: memberId, ...input }, (envelope) => ({
    ...envelope,
    activity_id: newId('activity'),
    txn_id: newId('transaction'),
    type: input.type,
    task_id: input.task_id ?? null,
    data: input.data ?? {},
    occurred_at: occurredAt.toISOString(),
    day_key: dayKey(occurredAt, ctx.settings.timezone),
    extension_days: ctx.settings.task_extension_days,
  }), now);
}

/** Restores the points that expired within the renewal window (once); they get a fresh lot and validity. */
export function renewExpiredPoints(ctx: WriteContext, memberId: string) {
  const now = ctx.clock.now();
  return write(ctx, ledgerRenew, memberId, 'renewal', { member_id: memberId }, (envelope) => ({
    ...envelope,
    renewal_id: newId('renewal'),
    txn_id: newId('transaction'),
    lot_id: newId('lot'),
    window_hours: ctx.settings.renewal_window_hours,
    expires_at: addLocalMonths(now, ctx.settings.validity_months, ctx.settings.timezone).toISOString(),
  }), now);
}
