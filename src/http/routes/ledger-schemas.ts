import { z } from 'zod';
import {
  AdjustmentRecord,
  HoldRecord,
  PurchaseRecord,
  RedemptionRecord,
  ReturnRecord,
  ReversalRecord,
  TierChangeRecord,
  purchaseRecorded,
  writeResult,
} from '../../schemas/ledger.ts';
import { MAX_POINTS } from '../../schemas/limits.ts';

export const Points = z.number().int().positive().max(MAX_POINTS).describe(`Points (integer), at most ${MAX_POINTS}`);

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: (issue) => (issue.input === undefined ? 'is required on every ledger write' : 'must be a string') })
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .describe('Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back.'),
});

export const PurchaseSchema = PurchaseRecord.meta({ id: 'Purchase' });
export const ReturnSchema = ReturnRecord.meta({ id: 'Return' });
export const RedemptionSchema = RedemptionRecord.meta({ id: 'Redemption' });
export const ReversalSchema = ReversalRecord.meta({ id: 'Reversal' });
export const HoldSchema = HoldRecord.meta({ id: 'Hold' });
export const AdjustmentSchema = AdjustmentRecord.meta({ id: 'Adjustment' });
export const TierChangeSchema = TierChangeRecord.meta({ id: 'TierChange', description: 'The tier changed in this request' });

export const writeResponse = <K extends string, S extends z.ZodType>(name: K, resource: S, id: string) => writeResult(name, resource).meta({ id });

export const PurchaseRecordedSchema = purchaseRecorded(PurchaseSchema, TierChangeSchema).meta({ id: 'PurchaseRecorded' });
