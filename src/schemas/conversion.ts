import { z } from 'zod';
import { Id } from './common.ts';
import { writeResult } from './ledger.ts';

/** A conversion between points and money, as priced by a quote and recorded by a conversion. */
export const quoteFields = {
  direction: z.enum(['points_to_money', 'money_to_points']),
  points: z.number().int().describe('Points taken (withdrawal) or credited (after the fee)'),
  amount: z.number().int().describe('Money in minor units: paid out after the fee, or paid in'),
  currency: z.string(),
  fee_bps: z.number().int(),
  fee: z.number().int().describe('Minor units of currency for a withdrawal; points for money_to_points'),
  gross: z.number().int().describe('Before the fee: money for a withdrawal, points for money_to_points'),
  rate: z.number().describe('Points per 1 unit of currency'),
  rate_set_id: z.string().nullable(),
  home_amount: z.number().int().describe('The money side in minor units of the home currency (counts toward withdrawal limits)'),
  home_currency: z.string(),
};

export const ConversionRecord = z.object({ id: Id('cnv', 'Conversion'), member_id: z.string(), created_at: z.string(), ...quoteFields });

/** A conversion's result: its transaction, the balance after it, and the conversion. */
export const ConversionResult = writeResult('conversion', ConversionRecord);
