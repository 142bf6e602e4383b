import pg from 'pg';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import { UnprocessableError, DomainError } from '../errors.ts';
import { earnArgs, preparePurchase, writeEnvelope, type WriteContext } from '../ledger/ledger.ts';
import type { RateSet } from '../rules/rates.ts';
import { rfmMembersQuery, rfmParams } from './rfm.ts';
import { compiledQuery } from './segment-rule.ts';
import { InvalidSettingsError, SettingsPatchSchema, resolveSettings, settingsRuleViolations, withRenamedSettings, type ProgramSettings, type SettingsPatch } from '../programs/settings.ts';

/**
 * What-if replay (analytics.md "What-if replay"): the program's purchases in a period are replayed through the real
 * ledger functions (ledger_earn and the tier/limit rules it calls) once under the program's current settings (the
 * baseline) and once under the changed ones, and the two outcomes are compared.
 *
 * Isolation, and why nothing real can change:
 * - The replay runs on its own fresh session (never a pooled one: PL/pgSQL caches plans per session, and a plan made
 *   against the real tables would keep writing to them). That session first creates empty TEMPORARY tables named like
 *   every table the earn path reads or writes (members, member_balances, ledger_transactions, lots, events, ...).
 *   Temporary tables come first in the search path, so the unqualified names inside the ledger functions resolve to
 *   these scratch copies.
 * - Then one REPEATABLE READ, READ ONLY transaction copies the period's starting state into them and replays. READ
 *   ONLY makes the database itself refuse any write to a real table (and any use of a real sequence), so even a
 *   mistake here cannot change a real row, consume an id or publish an event. The transaction always ends in
 *   ROLLBACK and the session is closed, which drops the scratch tables.
 * - Reads take no row locks (only MVCC snapshot reads), so the write path is never blocked by a simulation.
 *
 * The starting state of each member at `from`: their status today, the tier they held at `from` (from tier_changes),
 * and the earn/bonus/return transactions before `from` within the tier window (what qualifying points and earn caps
 * count). Balances start at zero: the replay measures what the period's purchases add. Promotions are not replayed
 * (they are evaluated outside the ledger with shared budgets), nor returns, redemptions and jobs; both runs leave them
 * out alike, so the difference is the settings' effect on the period's purchases.
 */

/** Tables the earn path (ledger_earn, pl_begin, pl_guard, pl_credit, pl_settle, pl_after_earn...) touches. */
const SCRATCH_TABLES = [
  'members',
  'member_balances',
  'ledger_transactions',
  'ledger_entries',
  'lots',
  'lot_allocations',
  'lot_renewals',
  'purchases',
  'purchase_lines',
  'purchase_promotions',
  'holds',
  'idempotency_keys',
  'tier_changes',
  'member_status_changes',
  'member_activities',
  'member_milestones',
  'benefit_grants',
  // A cashback program's purchase credits the wallet (and settling expires wallet lots) in the same call.
  'wallet_balances',
  'wallet_lots',
  'wallet_lot_allocations',
  'wallet_holds',
  'events',
] as const;

export interface SimulationLimits {
  maxDays: number;
  maxPurchases: number;
  timeoutMs: number;
}

export interface SimulationInput {
  settings: unknown;
  from: string;
  to: string;
}

interface Totals {
  points_issued: number;
  purchases_replayed: number;
  purchases_refused: number;
  /** Points the period's purchases still leave outstanding at `to` (available + pending + held − debt). */
  outstanding_points: number;
  tiers: Record<string, number>;
  by_tier: Record<string, number>;
  by_branch: Record<string, number>;
  by_segment: Record<string, number>;
}

/** 422 with a pointer into the body. */
function refusal(code: string, pointer: string, message: string, extra: Record<string, unknown> = {}) {
  return new UnprocessableError(code, `${pointer.slice(1)} ${message}`, { ...extra, errors: [{ pointer, location: 'body', message }] });
}

/** The changed settings laid over the program's, checked exactly as PATCH /v1/program checks them (same pointers). */
export function simulatedSettings(storedPatch: unknown, change: unknown): ProgramSettings {
  const current = withRenamedSettings(SettingsPatchSchema.parse(storedPatch ?? {}));
  const patch: SettingsPatch = SettingsPatchSchema.parse(change);
  const merged = { ...current, ...Object.fromEntries(Object.entries(withRenamedSettings(patch)).filter(([, v]) => v !== undefined)) };
  const effective = resolveSettings(merged);
  const violations = settingsRuleViolations(effective);
  if (violations.length > 0) throw new InvalidSettingsError(violations);
  return effective;
}

export function checkPeriod(from: Date, to: Date, now: Date, limits: SimulationLimits): void {
  if (to.getTime() <= from.getTime()) throw refusal('invalid_period', '/to', 'must be after from');
  if (to.getTime() > now.getTime()) throw refusal('invalid_period', '/to', 'must not be in the future: only purchases already made can be replayed');
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days > limits.maxDays) throw refusal('simulation_too_large', '/to', `makes a period of ${Math.ceil(days)} days; at most ${limits.maxDays} can be replayed at once`, { max_days: limits.maxDays });
}

const entryTier = (s: ProgramSettings) => s.tiers[0]!.name;

async function createScratch(client: pg.Client): Promise<void> {
  for (const t of SCRATCH_TABLES) {
    // Defaults (xid, identity), constraints and indexes as the real table has them: the functions rely on the unique
    // keys (receipts, versions). No foreign keys: LIKE never copies them.
    await client.query(`CREATE TEMPORARY TABLE pg_temp.${t} (LIKE public.${t} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
  }
}

/** Copies each member's state at `from` into the scratch tables (inside the read-only transaction). */
async function copyStartingState(client: pg.Client, programId: string, from: Date, to: Date, windowMonths: number): Promise<void> {
  // Members who had joined by the end of the period: the tier counts are of them.
  await client.query(`INSERT INTO pg_temp.members SELECT * FROM public.members WHERE program_id = $1 AND created_at <= $2`, [programId, to]);
  await client.query(
    `INSERT INTO pg_temp.ledger_transactions
     SELECT * FROM public.ledger_transactions
      WHERE program_id = $1 AND type IN ('earn', 'bonus', 'return')
        AND occurred_at < $2 AND occurred_at > $2::timestamptz - make_interval(months => $3)`,
    [programId, from, windowMonths],
  );
  // The tier each member held at `from`: the last change before it, or the entry tier (NULL).
  await client.query(
    `INSERT INTO pg_temp.member_balances (member_id, program_id, version, tier, tier_since, updated_at)
     SELECT m.id, m.program_id,
            coalesce((SELECT max(t.version) FROM pg_temp.ledger_transactions t WHERE t.member_id = m.id), 0),
            tc.to_tier, tc.occurred_at, $2
       FROM pg_temp.members m
       LEFT JOIN (SELECT DISTINCT ON (member_id) member_id, to_tier, occurred_at FROM public.tier_changes
                   WHERE program_id = $1 AND occurred_at < $2 ORDER BY member_id, occurred_at DESC, id DESC) tc
         ON tc.member_id = m.id`,
    [programId, from],
  );
}

interface ReplayPurchase {
  id: string;
  member_id: string;
  receipt_id: string;
  amount: number;
  currency: string;
  store_id: string | null;
  channel: string | null;
  device: string | null;
  occurred_at: Date;
  lines: { sku: string; brand: string | null; category: string | null; quantity: number; unit_price: number; amount: number }[] | null;
}

async function replay(
  client: pg.Client,
  programId: string,
  settings: ProgramSettings,
  rateSets: RateSet[],
  purchases: ReplayPurchase[],
  segments: Map<string, string>,
  from: Date,
  to: Date,
  deadline: number,
): Promise<Totals> {
  let issued = 0;
  let refused = 0;
  for (const p of purchases) {
    if (performance.now() > deadline) throw new SimulationTimeout();
    const at = p.occurred_at;
    const clock: Clock = { now: () => at } as Clock;
    const ctx: WriteContext = { pool: undefined as unknown as pg.Pool, clock, programId, settings, rateSets, idempotencyKey: null, apiKeyId: null };
    const input = {
      member_id: p.member_id,
      receipt_id: p.receipt_id,
      amount: { amount: p.amount, currency: p.currency },
      store_id: p.store_id ?? undefined,
      channel: p.channel ?? undefined,
      device: p.device ?? undefined,
      occurred_at: at.toISOString(),
      lines: p.lines?.map((l) => ({ sku: l.sku, brand: l.brand ?? undefined, category: l.category ?? undefined, quantity: l.quantity, unit_price: l.unit_price, amount: l.amount })),
    };
    const prepared = preparePurchase(ctx, input);
    const args = earnArgs(input, prepared, writeEnvelope(ctx, 'purchase', input, at), prepared.pointsFor(p.amount));
    const { rows } = await client.query<{ r: Record<string, unknown> }>('SELECT ledger_earn($1, $2::jsonb) AS r', [p.member_id, JSON.stringify(args)]);
    if (rows[0]!.r['error'] !== undefined) refused++;
  }
  // Settle what fell due by `to` (maturing, expiry), as the jobs would have.
  await client.query(
    `SELECT pl_settle(member_id, program_id, $1, $1, p_renewal_hours => $2) FROM pg_temp.member_balances WHERE next_due_at <= $1`,
    [to, settings.renewal_window_hours],
  );
  const { rows: issuedRows } = await client.query<{ member_id: string; points: number }>(
    `SELECT member_id, sum(points)::bigint AS points FROM pg_temp.ledger_transactions
      WHERE type IN ('earn', 'bonus') AND occurred_at >= $1 GROUP BY member_id`,
    [from],
  );
  const { rows: members } = await client.query<{ id: string; branch: string | null; tier: string | null; outstanding: number }>(
    `SELECT m.id, m.branch, b.tier, (b.available + b.pending + b.held - b.debt)::bigint AS outstanding
       FROM pg_temp.members m JOIN pg_temp.member_balances b ON b.member_id = m.id`,
  );
  const tiers: Record<string, number> = Object.fromEntries(settings.tiers.map((t) => [t.name, 0]));
  const byTier: Record<string, number> = {};
  const byBranch: Record<string, number> = {};
  const bySegment: Record<string, number> = {};
  const issuedBy = new Map(issuedRows.map((r) => [r.member_id, Number(r.points)]));
  let outstanding = 0;
  for (const m of members) {
    const tier = m.tier && settings.tiers.some((t) => t.name === m.tier) ? m.tier : entryTier(settings);
    tiers[tier] = (tiers[tier] ?? 0) + 1;
    const points = issuedBy.get(m.id) ?? 0;
    issued += points;
    outstanding += Number(m.outstanding);
    if (points !== 0) {
      byTier[tier] = (byTier[tier] ?? 0) + points;
      const branch = m.branch ?? '(none)';
      byBranch[branch] = (byBranch[branch] ?? 0) + points;
      const segment = segments.get(m.id) ?? UNSCORED;
      bySegment[segment] = (bySegment[segment] ?? 0) + points;
    }
  }
  return { points_issued: issued, purchases_replayed: purchases.length - refused, purchases_refused: refused, outstanding_points: outstanding, tiers, by_tier: byTier, by_branch: byBranch, by_segment: bySegment };
}

/** The breakdown's key for a member RFM does not score (no purchase in its lookback). */
const UNSCORED = '(unscored)';

/**
 * Each member's RFM segment as of `to`, read before the scratch tables exist (they would shadow the real ones the
 * query reads): the breakdown shows the effect on the customers the period's purchases made them.
 */
async function rfmSegments(client: pg.Client, programId: string, settings: ProgramSettings, to: Date): Promise<Map<string, string>> {
  const query = compiledQuery(sql`SELECT rfm.member_id, rfm.segment FROM (${rfmMembersQuery(rfmParams(programId, settings, to))}) rfm WHERE rfm.segment IS NOT NULL`);
  const { rows } = await client.query<{ member_id: string; segment: string }>(query.sql, [...query.parameters]);
  return new Map(rows.map((r) => [r.member_id, r.segment]));
}

export class SimulationTimeout extends DomainError {
  constructor() {
    super('unprocessable', 'simulation_timeout', 'The simulation took longer than its time limit and was rolled back; replay a shorter period.');
  }
}

const diffRecord = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].sort().map((k) => [k, { baseline: a[k] ?? 0, simulated: b[k] ?? 0, difference: (b[k] ?? 0) - (a[k] ?? 0) }]));

export interface SimulationDeps {
  pool: pg.Pool;
  clock: Clock;
  limits: SimulationLimits;
  /** Awaited at two points of the open scratch transaction: tests race real writes and lock waits against it. */
  hooks?: { afterBegin?: () => Promise<void>; afterCopy?: () => Promise<void> } | undefined;
}

/** Runs a simulation; see the module comment. Always rolls back. */
export async function simulate(deps: SimulationDeps, programId: string, storedSettings: unknown, rateSets: RateSet[], input: SimulationInput) {
  const current = resolveSettings(storedSettings);
  const changed = simulatedSettings(storedSettings, input.settings);
  const from = new Date(input.from);
  const to = new Date(input.to);
  checkPeriod(from, to, deps.clock.now(), deps.limits);
  // Elapsed time, not business time: the limit is on the work, whatever the injected clock says.
  const started = performance.now();
  const deadline = started + deps.limits.timeoutMs;
  // A fresh session with the pool's settings, its own statement timeout, and nothing cached.
  const options = (deps.pool as unknown as { options: pg.ClientConfig }).options;
  const client = new pg.Client({ ...options, statement_timeout: deps.limits.timeoutMs, idle_in_transaction_session_timeout: deps.limits.timeoutMs * 2, application_name: 'points-ledger-simulation' });
  await client.connect();
  try {
    const segments = await rfmSegments(client, programId, current, to);
    await createScratch(client);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await deps.hooks?.afterBegin?.();
      const { rows: purchases } = await client.query<ReplayPurchase & { line_count: number }>(
        `SELECT p.id, p.member_id, p.receipt_id, p.amount, p.currency, p.store_id, p.channel, p.device, p.occurred_at,
                (SELECT jsonb_agg(jsonb_build_object('sku', l.sku, 'brand', l.brand, 'category', l.category, 'quantity', l.quantity,
                                                     'unit_price', l.unit_price, 'amount', l.amount) ORDER BY l.line_no)
                   FROM public.purchase_lines l WHERE l.member_id = p.member_id AND l.purchase_id = p.id) AS lines
           FROM public.purchases p
          WHERE p.program_id = $1 AND p.occurred_at >= $2 AND p.occurred_at < $3
          ORDER BY p.occurred_at, p.created_at, p.id
          LIMIT $4`,
        [programId, from, to, deps.limits.maxPurchases + 1],
      );
      if (purchases.length > deps.limits.maxPurchases) {
        throw refusal('simulation_too_large', '/from', `starts a period with more than ${deps.limits.maxPurchases} purchases; replay a shorter period`, { max_purchases: deps.limits.maxPurchases });
      }
      const window = Math.max(current.tier_window_months, changed.tier_window_months);
      await copyStartingState(client, programId, from, to, window);
      await deps.hooks?.afterCopy?.();
      await client.query('SAVEPOINT baseline');
      const baseline = await replay(client, programId, current, rateSets, purchases, segments, from, to, deadline);
      await client.query('ROLLBACK TO SAVEPOINT baseline');
      const simulated = await replay(client, programId, changed, rateSets, purchases, segments, from, to, deadline);
      // Real liability at `to`: every member account's entries up to then (debt counts negative).
      const { rows: real } = await client.query<{ outstanding: number | null }>(
        `SELECT sum(amount)::bigint AS outstanding FROM public.ledger_entries
          WHERE program_id = $1 AND account IN ('available', 'pending', 'held', 'debt') AND occurred_at < $2`,
        [programId, to],
      );
      const realOutstanding = Number(real[0]?.outstanding ?? 0);
      const liability = (t: Totals, s: ProgramSettings) => {
        const points = realOutstanding + t.outstanding_points - baseline.outstanding_points;
        return { points, value: Math.round(points * s.point_value), currency: s.home_currency };
      };
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        purchases: { in_period: purchases.length, replayed: { baseline: baseline.purchases_replayed, simulated: simulated.purchases_replayed }, refused: { baseline: baseline.purchases_refused, simulated: simulated.purchases_refused } },
        points_issued: { baseline: baseline.points_issued, simulated: simulated.points_issued, difference: simulated.points_issued - baseline.points_issued },
        liability_at_end: {
          baseline: liability(baseline, current),
          simulated: liability(simulated, changed),
          difference: { points: simulated.outstanding_points - baseline.outstanding_points },
        },
        tier_counts: diffRecord(baseline.tiers, simulated.tiers),
        // Per-segment effect: by tier (at the end of each run), branch, and RFM segment as of `to`.
        breakdown: {
          tier: diffRecord(baseline.by_tier, simulated.by_tier),
          branch: diffRecord(baseline.by_branch, simulated.by_branch),
          segment: diffRecord(baseline.by_segment, simulated.by_segment),
        },
        elapsed_ms: Math.round(performance.now() - started),
      };
    } finally {
      // Always: the scratch work never outlives the request, whatever happened.
      await client.query('ROLLBACK').catch(() => undefined);
    }
  } catch (error) {
    if ((error as { code?: string }).code === '57014') throw new SimulationTimeout();
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
