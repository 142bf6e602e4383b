import { z } from 'zod';

/**
 * A program's business settings. Every number defaults to ../shared/design/rules.md; a program stores only what it
 * changed, and `resolveSettings` lays that over the defaults, so new settings reach old programs with their default.
 */
export const ProgramSettingsSchema = z
  .object({
    timezone: z.string().default('Asia/Baku').describe('IANA time zone for day and month boundaries'),
    home_currency: z.string().length(3).default('AZN'),
    earn_rates: z
      .record(z.string().regex(/^[A-Z]{3}$/), z.number().positive().max(1_000_000))
      .default({ USD: 12, EUR: 14, AZN: 8, GBP: 15 })
      .describe('Points per 1 unit of each currency'),
    pending_days: z.number().int().min(0).max(365).default(0).describe('Return window before earned points become spendable'),
    validity_months: z.number().int().min(1).max(120).default(12).describe('Lot lifetime once spendable'),
    return_policy: z
      .enum(['debt', 'clamp'])
      .default('debt')
      .describe('debt: points that cannot be clawed back become a debt paid from later earnings; clamp: claw back only what is there'),
    hold_ttl_minutes: z.number().int().min(1).max(60 * 24 * 30).default(30).describe('Default lifetime of a hold'),
  })
  .strict();

export type ProgramSettings = z.output<typeof ProgramSettingsSchema>;

export function resolveSettings(stored: unknown): ProgramSettings {
  return ProgramSettingsSchema.parse(stored ?? {});
}
