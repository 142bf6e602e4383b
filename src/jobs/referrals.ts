import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/schema.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { callLedger, unwrap } from '../ledger/sql-call.ts';
import { ledgerReferralCheck, ledgerReferralMark, ledgerReferralReward } from '../ledger/functions.ts';
import { minorUnitDigits } from '../ledger/money.ts';
import { newId } from '../ids.ts';

export interface ReferralTally {
  members: number;
  rewarded: number;
  cancelled: number;
  waiting: number;
}

const BATCH = 500;

/**
 * The referrals job (incentives.md "Referrals"): each pending referral whose referee's first purchase has matured by
 * as_of is cancelled (returned in full before maturity) or paid to the referrer as store credit in the home
 * currency, or left waiting (visible on the referral) while no FX rate is in force. Three calls, each on one member's
 * shard (src/ledger/sql/referral.sql): a rerun, a crash between them or a second instance never pays twice.
 * With referral_reward null nothing is paid and referrals stay pending.
 */
export async function runReferrals(
  db: Kysely<Database>,
  pool: pg.Pool,
  programId: string,
  settings: ProgramSettings,
  asOf: Date,
  now: Date,
): Promise<ReferralTally> {
  const tally: ReferralTally = { members: 0, rewarded: 0, cancelled: 0, waiting: 0 };
  const reward = settings.referral_reward;
  if (!reward) return tally;
  let after = '';
  for (;;) {
    const { rows } = await sql<{ member_id: string }>`SELECT member_id FROM referrals
      WHERE program_id = ${programId} AND status = 'pending' AND member_id > ${after}
      ORDER BY member_id LIMIT ${BATCH}`.execute(db);
    if (rows.length === 0) return tally;
    for (const { member_id } of rows) {
      after = member_id;
      const check = unwrap(
        await callLedger(pool, {
          fn: ledgerReferralCheck,
          member: member_id,
          args: {
            program_id: programId,
            now: now.toISOString(),
            as_of: asOf.toISOString(),
            pending_days: settings.pending_days,
            reward_amount: reward.amount.amount,
            reward_currency: reward.amount.currency,
            home_currency: settings.home_currency,
            home_digits: minorUnitDigits(settings.home_currency),
            reward_digits: minorUnitDigits(reward.amount.currency),
            event_id: `evt_${newId('referral').slice('rfl_'.length)}`,
          },
        }),
      ).body;
      if (check.action === 'cancelled') {
        tally.cancelled += 1;
        tally.members += 1;
      } else if (check.action === 'waiting') {
        tally.waiting += 1;
      } else if (check.action === 'reward' && check.referral) {
        const referral = check.referral;
        const paid = unwrap(
          await callLedger(pool, {
            fn: ledgerReferralReward,
            member: referral.referrer_id,
            args: {
              program_id: programId,
              now: now.toISOString(),
              timezone: settings.timezone,
              referral,
              txn_id: newId('transaction'),
              credit_id: newId('walletCredit'),
              lot_id: newId('walletLot'),
              rate: check.rate == null ? null : String(check.rate),
              source: check.source ?? null,
            },
          }),
        ).body;
        unwrap(
          await callLedger(pool, {
            fn: ledgerReferralMark,
            member: member_id,
            args: { program_id: programId, now: now.toISOString(), referral_id: referral.id, txn_id: paid.txn_id },
          }),
        );
        if (paid.rewarded) {
          tally.rewarded += 1;
          tally.members += 1;
        }
      }
    }
  }
}
