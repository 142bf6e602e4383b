import { createHash } from 'node:crypto';
import pRetry, { AbortError } from 'p-retry';
import type pg from 'pg';
import { DomainError, type ErrorKind } from '../errors.ts';

/** The ledger's write functions (migrations/0002_ledger.sql); each is called as one named prepared statement. */
export type LedgerFunction =
  | 'ledger_earn'
  | 'ledger_return'
  | 'ledger_redeem'
  | 'ledger_reverse'
  | 'ledger_hold'
  | 'ledger_close_hold'
  | 'ledger_adjust'
  | 'ledger_settle_member'
  | 'ledger_balance'
  | 'ledger_convert'
  | 'ledger_tier_review'
  | 'ledger_tier_benefit'
  | 'ledger_velocity_check'
  | 'ledger_renew'
  | 'ledger_activity'
  | 'ledger_expiry_warning'
  | 'ledger_decay'
  | 'ledger_birthday'
  | 'ledger_win_back';

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Unique keys two members' writes can race on: the loser waits for the winner to commit, fails, and on a retry
 * finds the winner's row the ordinary way (a replay of the Idempotency-Key, or a duplicate_receipt refusal).
 */
const RACED_KEYS = new Set(['idempotency_keys_pkey', 'ledger_transactions_receipt_key']);

/** Serialization failures, deadlocks and races on those keys are retried. */
export function retryable(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return RETRYABLE.has(code ?? '') || (code === '23505' && RACED_KEYS.has(constraint ?? ''));
}

export interface LedgerCallOptions {
  onRetry?: () => void;
}

/**
 * One round trip: `SELECT fn($1)` as a named prepared statement. Serialization failures and deadlocks are retried a
 * few times with jittered backoff; everything else surfaces at once.
 */
export async function callLedger(pool: pg.Pool, fn: LedgerFunction, args: Record<string, unknown>, options: LedgerCallOptions = {}): Promise<LedgerResult> {
  const run = async () => {
    try {
      const { rows } = await pool.query<{ result: LedgerResult }>({ name: fn, text: `SELECT ${fn}($1::jsonb) AS result`, values: [JSON.stringify(args)] });
      return rows[0]!.result;
    } catch (error) {
      if (retryable(error)) throw error;
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

export interface LedgerResult {
  error?: string;
  replayed?: boolean;
  status?: number;
  [key: string]: unknown;
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

const REFUSALS: Record<string, { kind: ErrorKind; message: (r: LedgerResult) => string }> = {
  unauthenticated: { kind: 'unauthenticated', message: () => 'The API key is not valid or has been revoked.' },
  member_not_found: { kind: 'not_found', message: (r) => `No member with id ${String(r['member_id'])}.` },
  purchase_not_found: { kind: 'not_found', message: (r) => `No purchase with id ${String(r['purchase_id'])}.` },
  redemption_not_found: { kind: 'not_found', message: (r) => `No redemption with id ${String(r['redemption_id'])}.` },
  hold_not_found: { kind: 'not_found', message: (r) => `No hold with id ${String(r['hold_id'])}.` },
  member_blocked: {
    kind: 'locked',
    message: (r) =>
      r['rule'] ? `The member was blocked by the ${String(r['rule'])} rule (${String(r['reason'])}); an admin can unblock them.` : 'The member is blocked: no earning or spending until an admin unblocks them.',
  },
  member_deactivated: { kind: 'unprocessable', message: () => 'The member is deactivated.' },
  insufficient_points: {
    kind: 'unprocessable',
    message: (r) => `The member has ${String(r['available'])} points available; ${String(r['requested'])} were requested.`,
  },
  return_exceeds_purchase: { kind: 'unprocessable', message: () => 'The return is larger than what is left of the purchase.' },
  currency_mismatch: { kind: 'unprocessable', message: (r) => `The purchase was paid in ${String(r['currency'])}; return in that currency.` },
  reversal_exceeds_redemption: {
    kind: 'unprocessable',
    message: (r) => `Only ${String(r['reversible'])} points of this redemption can still be reversed.`,
  },
  capture_exceeds_hold: { kind: 'unprocessable', message: (r) => `The hold is for ${String(r['held'])} points.` },
  idempotency_key_reused: {
    kind: 'unprocessable',
    message: () => 'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
  },
  duplicate_receipt: { kind: 'conflict', message: (r) => `Receipt ${String(r['receipt_id'])} was already recorded.` },
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
    message: (r) => `The ${String(r['limit']).replace(/_/g, ' ')} limit of ${String(r['cap'])} would be exceeded; ${String(r['remaining'])} remains.`,
  },
};

/** Raised for a business refusal the ledger returned (and stored against the Idempotency-Key). */
export class LedgerRefusal extends DomainError {
  readonly replayed: boolean;
  constructor(result: LedgerResult) {
    const code = result.error!;
    const refusal = REFUSALS[code] ?? { kind: 'unprocessable' as const, message: () => code };
    const { error: _e, replayed, status: _s, ...extra } = result;
    super(refusal.kind, code, refusal.message(result), extra);
    this.replayed = replayed === true;
  }
}

/** Throws the refusal as a domain error; otherwise returns the successful result. */
export function unwrap(result: LedgerResult): LedgerResult {
  if (result.error) throw new LedgerRefusal(result);
  return result;
}
