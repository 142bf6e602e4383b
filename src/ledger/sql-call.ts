import { createHash } from 'node:crypto';
import pRetry, { AbortError } from 'p-retry';
import type pg from 'pg';
import { z } from 'zod';
import { DomainError, type ErrorKind } from '../errors.ts';
import { boundaryChecks } from './boundary.ts';
import { MAX_BALANCE } from '../schemas/limits.ts';
import { formatMoney, formatPoints } from './money.ts';
import { Refusal, type Args, type LedgerFunction, type Result } from './functions.ts';

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Unique keys two members' writes can race on: the loser waits for the winner to commit, fails, and on a retry
 * finds the winner's row the ordinary way (a replay of the Idempotency-Key, or a duplicate_receipt refusal; a partner
 * transfer's replay or partner_transfer_mismatch).
 */
const RACED_KEYS = new Set(['idempotency_keys_pkey', 'ledger_transactions_receipt_key', 'partner_transfers_pkey']);

/**
 * The CHECK on member_balances (migrations/0002_balance_limits.sql) that keeps every balance figure at most
 * MAX_BALANCE. Its violation aborts the whole call, so nothing of the write is stored; it is a refusal like any
 * other (not stored against the Idempotency-Key, so a retry finds the same answer while the balance is unchanged).
 */
const BALANCE_LIMIT_CONSTRAINT = 'member_balances_within_max';

/**
 * The constraint an integrity error names. A Citus coordinator re-raises a worker's error with its code and message
 * but without the constraint field, and the message names the shard's copy (a unique index gets the shard id as a
 * suffix, `idempotency_keys_pkey_102008`; a CHECK keeps its name): read it from the message then, less the suffix.
 */
function constraintOf(error: { constraint?: string; message?: string }): string | undefined {
  if (error.constraint) return error.constraint;
  const named = /violates (?:check|unique) constraint "([^"]+)"/.exec(error.message ?? '')?.[1];
  return named?.replace(/_\d+$/, '');
}

/** The refusal for a write that failed because it would take a balance figure past MAX_BALANCE, or null. */
export function balanceLimitRefusal(error: unknown): Refusal | null {
  const failure = error as { code?: string; constraint?: string; message?: string };
  return failure.code === '23514' && constraintOf(failure) === BALANCE_LIMIT_CONSTRAINT
    ? { error: 'balance_limit_exceeded', max_balance: MAX_BALANCE }
    : null;
}

/** Serialization failures, deadlocks and races on those keys are retried. */
export function retryable(error: unknown): boolean {
  const failure = error as { code?: string; constraint?: string; message?: string };
  return RETRYABLE.has(failure.code ?? '') || (failure.code === '23505' && RACED_KEYS.has(constraintOf(failure) ?? ''));
}

export interface LedgerCallOptions {
  onRetry?: () => void;
  /**
   * Run the call inside BEGIN ... COMMIT. On Citus a distributed function is delegated to the member's worker only
   * outside a transaction block; inside one it runs on the coordinator, where its statements may reach other
   * workers too (a purchase that consumes or issues a promo code, which lives on the code's worker).
   */
  transaction?: boolean;
}

/**
 * SQLSTATE of a write that could not commit what the service decided before the call (a promotion changed, a budget
 * slice ran dry: src/promotions/sql/promotions.sql). The call rolled back whole and stored nothing; its message is
 * the signal as a refusal object, which the caller handles (src/promotions/checkout.ts).
 */
const RETRY_SIGNAL = 'PLP01';

/** The signal a rolled-back write raised, as a refusal; null for any other error. */
export function retrySignal(error: unknown): Refusal | null {
  const failure = error as { code?: string; message?: string };
  if (failure.code !== RETRY_SIGNAL || !failure.message) return null;
  try {
    return Refusal.parse(JSON.parse(failure.message));
  } catch {
    return null;
  }
}

export type Outcome<F extends LedgerFunction> = (Result<F> & { replayed?: boolean }) | Refusal;

/** One call as the batch and a single round trip both send it: the function, its member and its argument. */
export interface LedgerCall<F extends LedgerFunction = LedgerFunction> {
  fn: F;
  /** The member the call belongs to (for a resource, its owner: src/ledger/owners.ts). */
  member: string;
  args: Args<F>;
}

/** The SQL a call runs: `SELECT fn($1, $2::jsonb)`, the member first (the argument Citus routes the call by). */
export function callText(fn: LedgerFunction): string {
  return `SELECT ${fn.name}($1, $2::jsonb) AS result`;
}

export function callValues(call: LedgerCall): unknown[] {
  const json = JSON.stringify(call.args);
  return [call.member, json];
}

/** The argument as the database will read it; throws when it breaks the function's schema (checks on). */
export function checkArgs(call: LedgerCall): void {
  if (boundaryChecks) call.fn.args.parse(call.args);
}

/** The result as the database returned it; throws when it is neither a refusal nor the function's result (checks on). */
export function checkResult<F extends LedgerFunction>(fn: F, result: unknown): Outcome<F> {
  if (boundaryChecks) {
    const refusal = Refusal.safeParse(result);
    if (!refusal.success) {
      const parsed = fn.result.safeParse(result);
      if (!parsed.success) throw new Error(`${fn.name} returned a result its schema refuses: ${z.prettifyError(parsed.error)}`);
    }
  }
  return result as Outcome<F>;
}

/**
 * One round trip: the function as one named prepared statement. Serialization failures and deadlocks are retried
 * a few times with jittered backoff; everything else surfaces at once.
 */
export async function callLedger<F extends LedgerFunction>(pool: pg.Pool, call: LedgerCall<F>, options: LedgerCallOptions = {}): Promise<Outcome<F>> {
  checkArgs(call);
  const query = { name: call.fn.name, text: callText(call.fn), values: callValues(call) };
  const run = async () => {
    try {
      const { rows } = options.transaction ? await inTransaction(pool, query) : await pool.query<{ result: unknown }>(query);
      return checkResult(call.fn, rows[0]!.result);
    } catch (error) {
      if (retryable(error)) throw error;
      const refusal = balanceLimitRefusal(error) ?? retrySignal(error);
      if (refusal) return refusal;
      throw new AbortError(error as Error);
    }
  };
  return pRetry(run, {
    retries: 4,
    minTimeout: 5,
    maxTimeout: 100,
    randomize: true,
    onFailedAttempt: () => options.onRetry?.(),
  });
}

async function inTransaction(pool: pg.Pool, query: pg.QueryConfig): Promise<pg.QueryResult<{ result: unknown }>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await client.query<{ result: unknown }>(query);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Stable fingerprint of what a request asks for: same key + same fingerprint = a retry of the same request. */
export function requestHash(operation: string, payload: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(canonicalJson(payload)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const REFUSALS: Record<string, { kind: ErrorKind; message: (r: Refusal) => string }> = {
  unauthenticated: { kind: 'unauthenticated', message: () => 'The API key is not valid or has been revoked.' },
  member_not_found: { kind: 'not_found', message: (r) => `No member with id ${String(r['member_id'])}.` },
  purchase_not_found: { kind: 'not_found', message: (r) => `No purchase with id ${String(r['purchase_id'])}.` },
  redemption_not_found: { kind: 'not_found', message: (r) => `No redemption with id ${String(r['redemption_id'])}.` },
  hold_not_found: { kind: 'not_found', message: (r) => `No hold with id ${String(r['hold_id'])}.` },
  debit_not_found: { kind: 'not_found', message: (r) => `The member has no wallet debit with id ${String(r['debit_id'])}.` },
  reversal_exceeds_debit: {
    kind: 'unprocessable',
    message: (r) => `Only ${formatMoney(Number(r['reversible']), String(r['currency']))} of this debit can still be reversed.`,
  },
  member_blocked: {
    kind: 'locked',
    message: (r) =>
      r['rule'] ? `The member was blocked by the ${String(r['rule'])} rule (${String(r['reason'])}); an admin can unblock them.` : 'The member is blocked: no earning or spending until an admin unblocks them.',
  },
  member_deactivated: { kind: 'unprocessable', message: () => 'The member is deactivated.' },
  member_pending: {
    kind: 'unprocessable',
    message: () => 'The member has not verified their phone yet: no earning or spending until POST /v1/members/{id}/verify.',
  },
  insufficient_points: {
    kind: 'unprocessable',
    message: (r) => `The member has ${formatPoints(Number(r['available']))} points available; ${formatPoints(Number(r['requested']))} were requested.`,
  },
  insufficient_funds: {
    kind: 'unprocessable',
    message: (r) => {
      const currency = String(r['currency']);
      return `The wallet has ${formatMoney(Number(r['available']), currency)} available; ${formatMoney(Number(r['requested']), currency)} was requested.`;
    },
  },
  return_exceeds_purchase: { kind: 'unprocessable', message: () => 'The return is larger than what is left of the purchase.' },
  unknown_line: { kind: 'unprocessable', message: (r) => `The purchase has no line with sku ${String(r['sku'])}.` },
  return_exceeds_line: {
    kind: 'unprocessable',
    message: (r) => `Only ${String(r['returnable_quantity'])} units of line ${String(r['sku'])} are left to return.`,
  },
  return_amount_zero: { kind: 'unprocessable', message: () => 'The units named come to no money; return more units.' },
  currency_mismatch: { kind: 'unprocessable', message: (r) => `The purchase was paid in ${String(r['currency'])}; return in that currency.` },
  reversal_exceeds_redemption: {
    kind: 'unprocessable',
    message: (r) => `Only ${formatPoints(Number(r['reversible']))} points of this redemption can still be reversed.`,
  },
  capture_exceeds_hold: { kind: 'unprocessable', message: (r) => `The hold is for ${formatPoints(Number(r['held']))} points.` },
  idempotency_key_reused: {
    kind: 'unprocessable',
    message: () => 'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
  },
  duplicate_receipt: { kind: 'conflict', message: (r) => `Receipt ${String(r['receipt_id'])} was already recorded.` },
  partner_transfer_mismatch: {
    kind: 'conflict',
    message: (r) =>
      `Transfer ${String(r['external_id'])} of partner ${String(r['partner'])} was already recorded (${String(r['partner_transfer_id'])}) for another member or another number of points.`,
  },
  hold_captured: { kind: 'conflict', message: () => 'The hold was already captured.' },
  hold_voided: { kind: 'conflict', message: () => 'The hold was voided.' },
  hold_expired: { kind: 'conflict', message: () => 'The hold expired before it was captured.' },
  nothing_to_renew: { kind: 'conflict', message: () => 'The member has no expired points to renew.' },
  already_renewed: { kind: 'conflict', message: () => 'The points that expired in the renewal window were already renewed.' },
  renewal_window_closed: {
    kind: 'conflict',
    message: (r) => `The renewal window for the points that expired at ${String(r['expired_at'])} closed at ${String(r['window_closed_at'])}.`,
  },
  limit_exceeded: {
    kind: 'unprocessable',
    message: (r) => {
      // Money limits (withdrawals) carry their currency and read in major units; the others are points.
      const money = typeof r['currency'] === 'string' ? r['currency'] : null;
      const figure = (n: unknown) => (money ? formatMoney(Number(n), money) : `${formatPoints(Number(n))} ${Number(n) === 1 ? 'point' : 'points'}`);
      const remains = money || Number(r['remaining']) === 1 ? 'remains' : 'remain';
      return `The ${String(r['limit']).replace(/_/g, ' ')} limit of ${figure(r['cap'])} would be exceeded; ${figure(r['remaining'])} ${remains}.`;
    },
  },
  promo_code_invalid: {
    kind: 'unprocessable',
    message: () => 'A promo code is not valid for this purchase: unknown, used up, expired, locked, or the PIN is wrong.',
  },
  quote_expired: { kind: 'conflict', message: () => 'The quote expired or was already committed; ask for a new quote.' },
  quote_changed: {
    kind: 'conflict',
    message: () => 'What the quote promised is no longer available (a promotion changed or a limit ran out); ask for a new quote.',
  },
  balance_limit_exceeded: {
    kind: 'unprocessable',
    message: (r) => `The write would take a figure of the member's balance past the maximum of ${formatPoints(Number(r['max_balance']))} points.`,
  },
};

/** Raised for a business refusal the ledger returned (and stored against the Idempotency-Key). */
export class LedgerRefusal extends DomainError {
  readonly replayed: boolean;
  constructor(result: Refusal) {
    const code = result.error;
    const refusal = REFUSALS[code] ?? { kind: 'unprocessable' as const, message: () => code };
    const { error: _e, replayed, ...extra } = result;
    super(refusal.kind, code, refusal.message(result), extra);
    this.replayed = replayed === true;
  }
}

function isRefusal(outcome: object): outcome is Refusal {
  return typeof (outcome as { error?: unknown }).error === 'string';
}

/** Throws the refusal as a domain error; otherwise returns the result and whether it is a stored one replayed. */
export function unwrap<F extends LedgerFunction>(outcome: Outcome<F>): { replayed: boolean; body: Result<F> } {
  if (isRefusal(outcome)) throw new LedgerRefusal(outcome);
  const { replayed, ...body } = outcome as Result<F> & { replayed?: boolean };
  return { replayed: replayed === true, body: body as Result<F> };
}
