import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import { addMinutes } from '../calendar.ts';
import { callLedger, unwrap } from './sql-call.ts';
import { ledgerWallet, ledgerWalletCloseHold, ledgerWalletCredit, ledgerWalletDebit, ledgerWalletHold, ledgerWalletReverse, type Result } from './functions.ts';
import { write, type Money, type WriteContext } from './ledger.ts';

/**
 * Wallets (incentives.md "Wallets: money the member holds"): money per member and currency, in minor units, in the
 * same ledger as points. Each write is one call of a function of src/ledger/sql/wallet.sql through the ledger's write
 * path: Idempotency-Key replay, the member's lock, entries, lots and the event in one round trip.
 */

export interface WalletCreditInput {
  amount: Money;
  reason: string;
  expires_at?: string | undefined;
}

/** Store credit or goodwill from an admin: a new lot of money, expiring at expires_at or never. */
export function creditWallet(ctx: WriteContext, memberId: string, input: WalletCreditInput) {
  const now = ctx.clock.now();
  if (input.expires_at && new Date(input.expires_at).getTime() <= now.getTime()) throw new FieldError('/expires_at', 'must be in the future');
  return write(ctx, ledgerWalletCredit, memberId, 'wallet.credit', { member_id: memberId, ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    credit_id: newId('walletCredit'),
    lot_id: newId('walletLot'),
    amount: input.amount.amount,
    currency: input.amount.currency,
    reason: input.reason,
    expires_at: input.expires_at ? new Date(input.expires_at).toISOString() : null,
  }), now);
}

export interface WalletDebitInput {
  amount: Money;
  receipt_id: string;
}

/** Spending wallet money at the till: soonest-expiring money first, once per receipt, never more than there is. */
export function debitWallet(ctx: WriteContext, memberId: string, input: WalletDebitInput) {
  return write(ctx, ledgerWalletDebit, memberId, 'wallet.debit', { member_id: memberId, ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    debit_id: newId('walletDebit'),
    amount: input.amount.amount,
    currency: input.amount.currency,
    receipt_id: input.receipt_id,
  }));
}

export interface WalletHoldInput {
  amount: Money;
  reason?: string | undefined;
  expires_at?: string | undefined;
}

/** Reserves wallet money at the till until captured or voided; it expires like a points hold (hold_ttl_minutes). */
export function holdWallet(ctx: WriteContext, memberId: string, input: WalletHoldInput) {
  const now = ctx.clock.now();
  const expiresAt = input.expires_at ? new Date(input.expires_at) : addMinutes(now, ctx.settings.hold_ttl_minutes);
  if (expiresAt.getTime() <= now.getTime()) throw new FieldError('/expires_at', 'must be in the future');
  return write(ctx, ledgerWalletHold, memberId, 'wallet.hold', { member_id: memberId, ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    hold_id: newId('walletHold'),
    amount: input.amount.amount,
    currency: input.amount.currency,
    reason: input.reason ?? null,
    expires_at: expiresAt.toISOString(),
  }), now);
}

/** Captures all of a wallet hold, or part (`amount`, minor units of its currency): the rest is released. */
export function captureWalletHold(ctx: WriteContext, memberId: string, holdId: string, input: { amount?: number | undefined }) {
  return write(ctx, ledgerWalletCloseHold, memberId, 'wallet.hold.capture', { member_id: memberId, hold_id: holdId, ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    hold_id: holdId,
    action: 'capture' as const,
    amount: input.amount ?? null,
  }));
}

export function voidWalletHold(ctx: WriteContext, memberId: string, holdId: string) {
  return write(ctx, ledgerWalletCloseHold, memberId, 'wallet.hold.void', { member_id: memberId, hold_id: holdId }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    hold_id: holdId,
    action: 'void' as const,
    amount: null,
  }));
}

/** Gives back all of a wallet debit, or part (`amount`), to the lots it drew from, with their expiry. */
export function reverseWalletDebit(ctx: WriteContext, memberId: string, debitId: string, input: { amount?: number | undefined; reason?: string | undefined }) {
  return write(ctx, ledgerWalletReverse, memberId, 'wallet.reversal', { member_id: memberId, debit_id: debitId, ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    reversal_id: newId('walletReversal'),
    debit_id: debitId,
    amount: input.amount ?? null,
    reason: input.reason ?? null,
  }));
}

/** The member's wallet, one balance per currency they hold or held. */
export async function getWallet(
  pool: pg.Pool,
  clock: Clock,
  caller: { programId: string; apiKeyId: string | null },
  settings: ProgramSettings,
  memberId: string,
): Promise<Result<typeof ledgerWallet>> {
  const call = {
    fn: ledgerWallet,
    member: memberId,
    args: {
      program_id: caller.programId,
      ...(caller.apiKeyId ? { api_key_id: caller.apiKeyId } : {}),
      now: clock.now().toISOString(),
      timezone: settings.timezone,
    },
  };
  return unwrap(await callLedger(pool, call)).body;
}
