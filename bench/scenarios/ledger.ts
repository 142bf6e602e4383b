import { randomInt } from 'node:crypto';
import { newId } from '../../src/ids.ts';
import { ledgerAdjust } from '../../src/ledger/functions.ts';
import { callLedger } from '../../src/ledger/sql-call.ts';
import { DEFAULT_SETTINGS } from '../../src/programs/settings.ts';
import { rulesPayload } from '../../src/rules/rules.ts';
import type { BenchContext, BenchRequest, Reference, Scenario } from '../scenario.ts';
import { randomItem, uniqueSequence } from '../scenario.ts';

/** Points each seeded member gets before the ledger scenarios, so redemptions never run dry during the load. */
export const FUNDED_POINTS = 1_000_000;
const REDEEM_POINTS = 10;

const funded = new WeakMap<BenchContext, Promise<void>>();

/**
 * Gives every seeded member points once, through the ledger's own adjustment function (never by writing balances
 * directly, so the trial balance still holds). Four connections at a time: a few seconds for 10k members.
 */
export function fundMembers(context: BenchContext): Promise<void> {
  let done = funded.get(context);
  if (!done) {
    done = (async () => {
      const queue = [...context.memberIds];
      const now = new Date();
      const expires = new Date(now.getTime() + 365 * 86_400_000).toISOString();
      // An adjustment applies no program rules; the argument carries them all the same.
      const rules = rulesPayload(DEFAULT_SETTINGS, now);
      const worker = async () => {
        for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
          await callLedger(context.pool, {
            fn: ledgerAdjust,
            member: id,
            args: {
              program_id: context.programId,
              idempotency_key: `bench-fund-${context.runId}-${id}`,
              request_hash: '00',
              now: now.toISOString(),
              timezone: 'Asia/Baku',
              rules,
              points: FUNDED_POINTS,
              reason: 'bench funding',
              expires_at: expires,
              txn_id: newId('transaction'),
              adjustment_id: newId('adjustment'),
              lot_id: newId('lot'),
            },
          });
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
    })();
    funded.set(context, done);
  }
  return done;
}

const LEDGER_WRITE: Reference = {
  label: 'node-postgres, one CTE as a named prepared statement, 32 in flight',
  throughput: [4_500, 8_000],
  p99Ms: [10, 20],
};

function earnRequest(context: BenchContext, key: () => string, receipt: () => string): BenchRequest {
  return {
    method: 'POST',
    path: '/v1/purchases',
    key: context.keys.pos,
    headers: { 'idempotency-key': key() },
    // 12.50 AZN: 100 points at the default rate.
    body: { member_id: randomItem(context.memberIds), receipt_id: receipt(), amount: { amount: 1250, currency: 'AZN' } },
  };
}

function redeemRequest(context: BenchContext, key: () => string): BenchRequest {
  return {
    method: 'POST',
    path: '/v1/redemptions',
    key: context.keys.pos,
    headers: { 'idempotency-key': key() },
    body: { member_id: randomItem(context.memberIds), points: REDEEM_POINTS },
  };
}

function balanceRequest(context: BenchContext): BenchRequest {
  return { method: 'GET', path: `/v1/members/${randomItem(context.memberIds)}/balance`, key: context.keys.read };
}

export const earn: Scenario = {
  name: 'earn',
  description: 'POST /v1/purchases: 12.50 AZN for a random member (one ledger write)',
  reference: LEDGER_WRITE,
  async setup(context) {
    const key = uniqueSequence(`earn-${context.runId}`);
    const receipt = uniqueSequence(`rcpt-${context.runId}`);
    return () => earnRequest(context, key, receipt);
  },
};

export const redeem: Scenario = {
  name: 'redeem',
  description: 'POST /v1/redemptions: 10 points from a random funded member',
  reference: LEDGER_WRITE,
  async setup(context) {
    await fundMembers(context);
    const key = uniqueSequence(`redeem-${context.runId}`);
    return () => redeemRequest(context, key);
  },
};

export const balance: Scenario = {
  name: 'balance',
  description: 'GET /v1/members/{id}/balance of a random member',
  reference: LEDGER_WRITE,
  setup(context) {
    return () => balanceRequest(context);
  },
};

/** The mix of the ledger issue: 70 % earn, 25 % redeem, 5 % balance reads, over all seeded members. */
export const mixed: Scenario = {
  name: 'mixed',
  description: '70 % earn, 25 % redeem, 5 % balance reads over the seeded members',
  reference: LEDGER_WRITE,
  async setup(context) {
    await fundMembers(context);
    const key = uniqueSequence(`mixed-${context.runId}`);
    const receipt = uniqueSequence(`mrcpt-${context.runId}`);
    return () => {
      const roll = randomInt(100);
      if (roll < 70) return earnRequest(context, key, receipt);
      if (roll < 95) return redeemRequest(context, key);
      return balanceRequest(context);
    };
  },
};
