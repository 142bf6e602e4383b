import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { FieldError } from '../errors.ts';
import { callLedger, requestHash, unwrap, type LedgerFunction, type LedgerResult } from './sql-call.ts';
import { pointsForMoney } from './money.ts';
import { rulesPayload } from '../rules/rules.ts';
import { rateAt, type RateSet } from '../rules/rates.ts';
import { addDays, addLocalMonths, addMinutes, dayKey } from '../calendar.ts';
import { newId } from '../ids.ts';
import { BATCHABLE, type LedgerBatcher } from './batcher.ts';

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
  onRetry?: () => void;
}

export interface WriteResult {
  replayed: boolean;
  body: Record<string, unknown>;
}

/** A business time the caller gave, or now; a few minutes ahead are a till's clock drift, more is a mistake. */
function occurredAtOrNow(occurredAt: string | undefined, now: Date): Date {
  const at = occurredAt ? new Date(occurredAt) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000) throw new FieldError('/occurred_at', 'must not be in the future');
  return at;
}

async function write(
  ctx: WriteContext,
  fn: LedgerFunction,
  operation: string,
  request: Record<string, unknown>,
  args: Record<string, unknown>,
  now: Date = ctx.clock.now(),
): Promise<WriteResult> {
  const payload: Record<string, unknown> = {
    ...args,
    program_id: ctx.programId,
    ...(ctx.apiKeyId ? { api_key_id: ctx.apiKeyId } : {}),
    idempotency_key: ctx.idempotencyKey,
    request_hash: requestHash(operation, request),
    now: now.toISOString(),
    timezone: ctx.settings.timezone,
    rules: rulesPayload(ctx.settings, now),
  };
  const result: LedgerResult = unwrap(
    ctx.batcher && BATCHABLE.has(fn) && typeof payload['member_id'] === 'string'
      ? await ctx.batcher.call(fn, payload as Record<string, unknown> & { member_id: string })
      : await callLedger(ctx.pool, fn, payload, { onRetry: ctx.onRetry }),
  );
  const { replayed, status: _status, ...body } = result;
  return { replayed: replayed === true, body };
}

export interface PurchaseInput {
  member_id: string;
  receipt_id: string;
  amount: Money;
  store_id?: string | undefined;
  occurred_at?: string | undefined;
}

/** Earn: points = money x the program's rate for the currency, rounded down; a lot that matures after the return window. */
export function recordPurchase(ctx: WriteContext, input: PurchaseInput): Promise<WriteResult> {
  const now = ctx.clock.now();
  const occurredAt = occurredAtOrNow(input.occurred_at, now);
  const { rate, rate_set_id, rise_percent } = rateAt(ctx.rateSets, ctx.settings, input.amount.currency, occurredAt);
  const points = pointsForMoney(input.amount.amount, input.amount.currency, rate, ctx.settings.rounding);
  // While a set whose rate for this currency rose enough is in force, each purchase earns a small visible bonus.
  const bonus = rise_percent !== null && rise_percent >= ctx.settings.rise_bonus.threshold_percent ? ctx.settings.rise_bonus.points : 0;
  const maturesAt = addDays(occurredAt, ctx.settings.pending_days);
  const expiresAt = addLocalMonths(maturesAt, ctx.settings.validity_months, ctx.settings.timezone);
  return write(ctx, 'ledger_earn', 'purchase', { ...input }, {
    txn_id: newId('transaction'),
    purchase_id: newId('purchase'),
    lot_id: newId('lot'),
    member_id: input.member_id,
    receipt_id: input.receipt_id,
    amount: input.amount.amount,
    currency: input.amount.currency,
    store_id: input.store_id ?? null,
    points,
    rate,
    rate_set_id,
    rise_percent,
    bonus_points: bonus,
    bonus_txn_id: newId('transaction'),
    bonus_lot_id: newId('lot'),
    tier_change_id: newId('tierChange'),
    occurred_at: occurredAt.toISOString(),
    matures_at: maturesAt.toISOString(),
    expires_at: expiresAt.toISOString(),
  }, now);
}

export function recordReturn(ctx: WriteContext, purchaseId: string, input: { receipt_id: string; amount: Money }): Promise<WriteResult> {
  return write(ctx, 'ledger_return', 'return', { purchase_id: purchaseId, ...input }, {
    txn_id: newId('transaction'),
    return_id: newId('return'),
    purchase_id: purchaseId,
    receipt_id: input.receipt_id,
    amount: input.amount.amount,
    currency: input.amount.currency,
    return_policy: ctx.settings.return_policy,
  });
}

export function redeem(ctx: WriteContext, input: { member_id: string; points: number; reason?: string | undefined; store_id?: string | undefined }): Promise<WriteResult> {
  return write(ctx, 'ledger_redeem', 'redemption', { ...input }, {
    txn_id: newId('transaction'),
    redemption_id: newId('redemption'),
    member_id: input.member_id,
    points: input.points,
    reason: input.reason ?? null,
    store_id: input.store_id ?? null,
  });
}

export function reverseRedemption(ctx: WriteContext, redemptionId: string, input: { points?: number | undefined; reason?: string | undefined }): Promise<WriteResult> {
  return write(ctx, 'ledger_reverse', 'reversal', { redemption_id: redemptionId, ...input }, {
    txn_id: newId('transaction'),
    reversal_id: newId('reversal'),
    redemption_id: redemptionId,
    points: input.points ?? null,
    reason: input.reason ?? null,
  });
}

export function createHold(
  ctx: WriteContext,
  input: { member_id: string; points: number; expires_at?: string | undefined; reason?: string | undefined; store_id?: string | undefined },
): Promise<WriteResult> {
  const now = ctx.clock.now();
  const expiresAt = input.expires_at ? new Date(input.expires_at) : addMinutes(now, ctx.settings.hold_ttl_minutes);
  if (expiresAt.getTime() <= now.getTime()) throw new FieldError('/expires_at', 'must be in the future');
  return write(ctx, 'ledger_hold', 'hold', { ...input }, {
    txn_id: newId('transaction'),
    hold_id: newId('hold'),
    member_id: input.member_id,
    points: input.points,
    expires_at: expiresAt.toISOString(),
    reason: input.reason ?? null,
    store_id: input.store_id ?? null,
  }, now);
}

export function captureHold(ctx: WriteContext, holdId: string, input: { points?: number | undefined }): Promise<WriteResult> {
  return write(ctx, 'ledger_close_hold', 'hold.capture', { hold_id: holdId, ...input }, { txn_id: newId('transaction'), hold_id: holdId, action: 'capture', points: input.points ?? null });
}

export function voidHold(ctx: WriteContext, holdId: string): Promise<WriteResult> {
  return write(ctx, 'ledger_close_hold', 'hold.void', { hold_id: holdId }, { txn_id: newId('transaction'), hold_id: holdId, action: 'void' });
}

export function adjust(ctx: WriteContext, input: { member_id: string; points: number; reason: string }): Promise<WriteResult> {
  if (input.points === 0) throw new FieldError('/points', 'must not be zero');
  const expiresAt = addLocalMonths(ctx.clock.now(), ctx.settings.validity_months, ctx.settings.timezone);
  return write(ctx, 'ledger_adjust', 'adjustment', { ...input }, {
    txn_id: newId('transaction'),
    adjustment_id: newId('adjustment'),
    lot_id: newId('lot'),
    member_id: input.member_id,
    points: input.points,
    reason: input.reason,
    expires_at: expiresAt.toISOString(),
  });
}

/** The member's balance, settling anything already due first so expired points never show as available. */
export async function getBalance(
  pool: pg.Pool,
  clock: Clock,
  caller: { programId: string; apiKeyId: string | null; batcher?: LedgerBatcher | undefined },
  settings: ProgramSettings,
  memberId: string,
): Promise<Record<string, unknown>> {
  const now = clock.now();
  const payload = {
    program_id: caller.programId,
    ...(caller.apiKeyId ? { api_key_id: caller.apiKeyId } : {}),
    member_id: memberId,
    now: now.toISOString(),
    timezone: settings.timezone,
    rules: rulesPayload(settings, now),
  };
  return unwrap(caller.batcher ? await caller.batcher.call('ledger_balance', payload) : await callLedger(pool, 'ledger_balance', payload));
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
export function recordActivity(ctx: WriteContext, memberId: string, input: ActivityInput): Promise<WriteResult> {
  const now = ctx.clock.now();
  const occurredAt = occurredAtOrNow(input.occurred_at, now);
  return write(ctx, 'ledger_activity', 'activity', { member_id: memberId, ...input }, {
    activity_id: newId('activity'),
    txn_id: newId('transaction'),
    member_id: memberId,
    type: input.type,
    task_id: input.task_id ?? null,
    data: input.data ?? {},
    occurred_at: occurredAt.toISOString(),
    day_key: dayKey(occurredAt, ctx.settings.timezone),
    extension_days: ctx.settings.task_extension_days,
  }, now);
}

/** Restores the points that expired within the renewal window (once); they get a fresh lot and validity. */
export function renewExpiredPoints(ctx: WriteContext, memberId: string): Promise<WriteResult> {
  const now = ctx.clock.now();
  return write(ctx, 'ledger_renew', 'renewal', { member_id: memberId }, {
    renewal_id: newId('renewal'),
    txn_id: newId('transaction'),
    lot_id: newId('lot'),
    member_id: memberId,
    window_hours: ctx.settings.renewal_window_hours,
    expires_at: addLocalMonths(now, ctx.settings.validity_months, ctx.settings.timezone).toISOString(),
  }, now);
}
