import { z } from 'zod';
import { quoteFields } from './conversion.ts';
import { PurchaseLineRecord, ReturnLineRecord } from './ledger.ts';
import type { TRANSACTION_TYPES } from './ledger.ts';

/**
 * What a transaction's `data` holds, per transaction type, as the ledger functions write it (src/ledger/sql/*.sql,
 * src/rules/sql/*.sql: the jsonb passed to pl_record, and pl_credit's debt_paid and lot_id). Loose objects: a
 * later version may add a key, and rows written before a key existed lack it.
 */
const credit = {
  debt_paid: z.number().int().optional().describe('Points of the credit that paid an open debt first'),
  lot_id: z.string().nullable().optional().describe('The lot the rest of the credit became (null when the debt took it all)'),
};
const text = z.string().nullable();

const data = <S extends z.ZodRawShape>(id: string, description: string, shape: S) => z.looseObject(shape).meta({ id, description });

export const TRANSACTION_DATA = {
  earn: data('EarnTransactionData', 'A purchase: what was paid, at which rate', {
    amount: z.number().int().optional().describe('Minor units paid'),
    currency: z.string().optional(),
    rate: z.number().optional().describe('Points per 1 unit of currency'),
    store_id: text.optional(),
    channel: text.optional().describe('Where the sale happened (absent on purchases recorded before it was stored)'),
    device: text.optional().describe('What it was rung up on (absent on purchases recorded before it was stored)'),
    lines: z.array(PurchaseLineRecord).optional().describe('The lines of the purchase, when it was recorded with lines'),
    ...credit,
  }),
  bonus: data('BonusTransactionData', 'A bonus on a purchase after a rate rise', {
    reason: z.string().optional().describe('rate_rise'),
    purchase_id: z.string().optional(),
    currency: z.string().optional(),
    rise_percent: z.number().nullable().optional(),
    ...credit,
  }),
  return: data('ReturnTransactionData', 'A return: how the points were clawed back', {
    amount: z.number().int().optional(),
    currency: z.string().optional(),
    purchase_id: z.string().optional(),
    claw: z.number().int().optional().describe('Points to claw back for this return'),
    clawed_from_purchase: z.number().int().optional(),
    clawed_from_balance: z.number().int().optional(),
    debt: z.number().int().optional().describe('Points that became a debt'),
    forgiven: z.number().int().optional().describe('Points dropped under the clamp policy'),
    policy: z.string().optional(),
    lines: z.array(ReturnLineRecord).optional().describe('The lines returned, when the return named lines'),
  }),
  redeem: data('RedeemTransactionData', 'A redemption', { reason: text.optional(), store_id: text.optional() }),
  reversal: data('ReversalTransactionData', 'A reversal of a redemption', { reason: text.optional(), redemption_id: z.string().optional() }),
  hold: data('HoldTransactionData', 'A hold placed', { reason: text.optional(), store_id: text.optional(), expires_at: text.optional() }),
  capture: data('CaptureTransactionData', 'A hold captured', {
    hold_id: z.string().optional(),
    released: z.number().int().optional().describe('Points of the hold returned to the balance'),
  }),
  void: data('VoidTransactionData', 'A hold voided', { hold_id: z.string().optional() }),
  hold_expire: data('HoldExpireTransactionData', 'A hold expired', { hold_id: z.string().optional() }),
  adjust: data('AdjustTransactionData', 'A manual adjustment', {
    reason: z.string().optional(),
    direction: z.enum(['credit', 'debit']).optional(),
    ...credit,
  }),
  mature: data('MatureTransactionData', 'Pending points became available (no data)', {}),
  expire: data('ExpireTransactionData', 'A lot expired', { lot_id: z.string().optional() }),
  debt_payment: data('DebtPaymentTransactionData', 'Available points paid an open debt (no data)', {}),
  benefit: data('BenefitTransactionData', 'A tier benefit', { tier: z.string().optional(), period: z.string().optional(), ...credit }),
  convert: data('ConvertTransactionData', 'A conversion between points and money: its figures', {
    ...Object.fromEntries(Object.entries(quoteFields).map(([key, schema]) => [key, schema.optional()])),
    ...credit,
  }),
  renew: data('RenewTransactionData', 'Expired points renewed', {
    expire_transaction_ids: z.array(z.string()).optional().describe('The expire transactions renewed'),
    ...credit,
  }),
  decay: data('DecayTransactionData', 'Points decayed for inactivity', {
    period: z.number().int().optional(),
    inactive_since: z.string().optional(),
    percent_bps: z.number().int().optional(),
    available_before: z.number().int().optional(),
  }),
  extend: data('ExtendTransactionData', "Lots' expiry extended by an activity", {
    lot_ids: z.array(z.string()).optional(),
    days: z.number().int().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    day: z.string().optional(),
    activity_id: z.string().optional(),
  }),
  partner_transfer: data('PartnerTransferTransactionData', 'Points transferred in from a partner platform, with the bonus', {
    partner: z.string().optional(),
    external_id: z.string().optional().describe("The partner's id for the transfer"),
    points: z.number().int().optional().describe('Points the partner transferred'),
    bonus: z.number().int().optional().describe('The bonus on top, rounded down'),
    bonus_percent: z.number().int().optional().describe('partner_transfer_bonus_percent when it was credited'),
    ...credit,
  }),
} satisfies Record<(typeof TRANSACTION_TYPES)[number], z.ZodType>;
