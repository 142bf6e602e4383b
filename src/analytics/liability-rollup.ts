import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { addDays, addMinutes, dayKey, startOfDay } from '../calendar.ts';

/**
 * Liability kept by the rollup job, so the report reads a few thousand summary rows instead of every lot.
 *
 * Every figure of the liability report is a sum of movements, each belonging to one transaction and so to the instant
 * it was recorded: a lot's grant (issued and outstanding +granted), an allocation (outstanding +points, expired
 * -points for an expiry), an entry on a member account. The job folds the movements of each closed local day into
 * rows per (day, cohort, expiry month) and per (day, account), up to a watermark (a local midnight). The report adds
 * the rows of the days before a boundary B and reads live only the transactions recorded from B to as_of:
 *
 * - as_of at or after the watermark: B is the watermark, so the live part is what was recorded since the last run;
 * - as_of before it: B is the start of as_of's local day, so the past is answered from the rollup up to that day plus
 *   the live rest of the day (never a full live scan).
 *
 * One input is not a movement: the expiry month is the lot's expires_at now, which an activity's extension moves later
 * (an `extend` transaction naming the lots, and the expiry they had). Rows are keyed by each lot's expiry "as of the
 * watermark" (before the first extension recorded at or after it). The report moves the rolled-up figures of lots
 * extended since the watermark to their current month, and each fold moves those of lots extended in the days it
 * folds, so rolled-up and live answers stay the same figures.
 */

/** A lot whose expiry is later than this never expires for reporting purposes (no setting makes one today). */
export const NEVER = new Date('9999-01-01T00:00:00Z');

/**
 * How long after a local midnight the day it closes is folded: a write's recorded_at is its request's clock, and it
 * commits a moment later; nothing stays uncommitted this long (statement timeouts are seconds).
 */
export const FOLD_MARGIN_MINUTES = 10;

export const LIABILITY_REPORT = 'liability';

const MEMBER_ACCOUNTS = ['available', 'pending', 'held', 'debt'];

export interface LiabilityRows {
  groups: { cohort: string; expiry_month: string | null; issued: string; outstanding: string; expired: string }[];
  accounts: { account: string; total: string }[];
}

type Db = Kysely<Database> | Transaction<Database>;

const expiryMonth = (expiresAt: RawBuilder<unknown>, timezone: string) =>
  sql`CASE WHEN ${expiresAt} >= ${NEVER} THEN NULL ELSE to_char(${expiresAt} AT TIME ZONE ${timezone}, 'YYYY-MM') END`;

/** Lots keyed by another expiry than their own: lot id → the expiry they had as of a watermark. */
type Expiries = Map<string, Date>;

/**
 * The lots an `extend` transaction recorded in [since, until) moved, each with the expiry it had before the first
 * of them: the expiry it had as of `since`. A handful (one extension per member and local day at most), read apart
 * and passed to the movement queries as arrays, so those join only member tables on member_id (what Citus pushes down
 * to the shards whole).
 */
async function extendedLots(db: Db, programId: string, since: Date, until: Date | null): Promise<Expiries> {
  const { rows } = await sql<{ lot_id: string; expires_before: Date }>`
    SELECT DISTINCT ON (t.member_id, x.lot_id) x.lot_id, (t.data->>'from')::timestamptz AS expires_before
      FROM ledger_transactions t CROSS JOIN LATERAL jsonb_array_elements_text(t.data->'lot_ids') AS x(lot_id)
     WHERE t.program_id = ${programId} AND t.type = 'extend' AND t.recorded_at >= ${since}
       AND (${until}::timestamptz IS NULL OR t.recorded_at < ${until})
     ORDER BY t.member_id, x.lot_id, t.version`.execute(db);
  return new Map(rows.map((r) => [r.lot_id, r.expires_before]));
}

const NONE: Expiries = new Map();

/** The lot's expiry, or the one `keyed` gives it: an array lookup, not a join. */
const keyedExpiry = (keyed: Expiries) =>
  keyed.size === 0
    ? sql`l.expires_at`
    : sql`coalesce((${[...keyed.values()]}::timestamptz[])[array_position(${[...keyed.keys()]}::text[], l.id)], l.expires_at)`;

interface Range {
  /** Recorded at or after (none: from the start). */
  from: Date | null;
  /** Recorded before, or at when `inclusive`. */
  to: Date;
  inclusive: boolean;
}

const inRange = (column: RawBuilder<unknown>, r: Range) =>
  sql`(${r.from}::timestamptz IS NULL OR ${column} >= ${r.from}) AND ${r.inclusive ? sql`${column} <= ${r.to}` : sql`${column} < ${r.to}`}`;

type LotGroup = { day: string; cohort: string; expiry_month: string | null; issued: string; outstanding: string; expired: string };

/**
 * The lot movements of the transactions recorded in a range, per local day, cohort and expiry month, with each lot's
 * expiry taken from `keyed` where it names the lot (its expiry as of a watermark) and from the lot otherwise. Grants
 * and draws are two queries whose every join is on member_id: on a Citus cluster each shard sums its own members.
 */
async function lotMovements(db: Db, programId: string, timezone: string, range: Range, keyed: Expiries): Promise<LotGroup[]> {
  const month = expiryMonth(keyedExpiry(keyed), timezone);
  const { rows: grants } = await sql<LotGroup>`
    SELECT to_char(t.recorded_at AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day, to_char(t.occurred_at AT TIME ZONE ${timezone}, 'YYYY-MM') AS cohort,
           ${month} AS expiry_month, sum(l.granted)::text AS issued, sum(l.granted)::text AS outstanding, '0' AS expired
      FROM ledger_transactions t
      JOIN lots l ON l.member_id = t.member_id AND l.txn_id = t.id
     WHERE t.program_id = ${programId} AND ${inRange(sql`t.recorded_at`, range)}
     GROUP BY 1, 2, 3`.execute(db);
  const { rows: draws } = await sql<LotGroup>`
    SELECT to_char(t.recorded_at AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day, to_char(g.occurred_at AT TIME ZONE ${timezone}, 'YYYY-MM') AS cohort,
           ${month} AS expiry_month, '0' AS issued, sum(a.points)::text AS outstanding,
           (-coalesce(sum(a.points) FILTER (WHERE t.type = 'expire'), 0))::text AS expired
      FROM ledger_transactions t
      JOIN lot_allocations a ON a.member_id = t.member_id AND a.txn_id = t.id
      JOIN lots l ON l.member_id = a.member_id AND l.id = a.lot_id
      JOIN ledger_transactions g ON g.member_id = l.member_id AND g.id = l.txn_id
     WHERE t.program_id = ${programId} AND ${inRange(sql`t.recorded_at`, range)}
     GROUP BY 1, 2, 3`.execute(db);
  return [...grants, ...draws];
}

/** What the transactions recorded in a range posted to the member accounts, per local day. */
async function accountMovements(db: Db, programId: string, timezone: string, range: Range) {
  const { rows } = await sql<{ day: string; account: string; amount: string }>`
    SELECT to_char(t.recorded_at AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day, e.account, sum(e.amount)::text AS amount
      FROM ledger_transactions t
      JOIN ledger_entries e ON e.member_id = t.member_id AND e.txn_id = t.id
     WHERE t.program_id = ${programId} AND ${inRange(sql`t.recorded_at`, range)}
       AND e.account IN (${sql.join(MEMBER_ACCOUNTS)})
     GROUP BY 1, 2`.execute(db);
  return rows;
}

type Move = { day: string; cohort: string; from_month: string | null; to_month: string | null; issued: string; outstanding: string; expired: string };

/**
 * Everything the lots in `moved` moved before `before`, per local day and cohort, with the month rows were keyed by
 * (the lot's expiry as of the watermark, `moved`'s) and the month they belong in now (`keyed`'s where it names the
 * lot, else the lot's own).
 */
async function rekeyedMovements(db: Db, programId: string, timezone: string, moved: Expiries, before: Date, keyed: Expiries): Promise<Move[]> {
  if (moved.size === 0) return [];
  const ids = [...moved.keys()];
  const fromMonth = expiryMonth(keyedExpiry(moved), timezone);
  const toMonth = expiryMonth(keyedExpiry(keyed), timezone);
  const { rows: grants } = await sql<Move>`
    SELECT to_char(g.recorded_at AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day, to_char(g.occurred_at AT TIME ZONE ${timezone}, 'YYYY-MM') AS cohort,
           ${fromMonth} AS from_month, ${toMonth} AS to_month,
           sum(l.granted)::text AS issued, sum(l.granted)::text AS outstanding, '0' AS expired
      FROM lots l
      JOIN ledger_transactions g ON g.member_id = l.member_id AND g.id = l.txn_id
     WHERE l.program_id = ${programId} AND l.id = ANY (${ids}::text[]) AND g.recorded_at < ${before}
     GROUP BY 1, 2, 3, 4`.execute(db);
  const { rows: draws } = await sql<Move>`
    SELECT to_char(t.recorded_at AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day, to_char(g.occurred_at AT TIME ZONE ${timezone}, 'YYYY-MM') AS cohort,
           ${fromMonth} AS from_month, ${toMonth} AS to_month,
           '0' AS issued, sum(a.points)::text AS outstanding, (-coalesce(sum(a.points) FILTER (WHERE t.type = 'expire'), 0))::text AS expired
      FROM lots l
      JOIN ledger_transactions g ON g.member_id = l.member_id AND g.id = l.txn_id
      JOIN lot_allocations a ON a.member_id = l.member_id AND a.lot_id = l.id
      JOIN ledger_transactions t ON t.member_id = a.member_id AND t.id = a.txn_id
     WHERE l.program_id = ${programId} AND l.id = ANY (${ids}::text[]) AND t.recorded_at < ${before}
     GROUP BY 1, 2, 3, 4`.execute(db);
  return [...grants, ...draws].filter((r) => r.from_month !== r.to_month);
}

interface Watermark {
  timezone: string;
  /** Null until the first fold. */
  through: Date | null;
}

async function watermark(db: Db, programId: string, lock: boolean): Promise<Watermark | null> {
  const { rows } = await sql<Watermark>`SELECT timezone, through FROM analytics_rollups
    WHERE program_id = ${programId} AND report = ${LIABILITY_REPORT} ${lock ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0] ?? null;
}

/** Days folded per transaction: a week of a 1,000,000-member program is about 50,000 transactions, seconds to read. */
const FOLD_CHUNK_DAYS = 7;

/**
 * Folds the program's closed local days into the liability rollup: every day that ended at least FOLD_MARGIN_MINUTES
 * before min(asOf, now) and is not folded yet, a week per transaction (each within the service's statement timeout,
 * and a crash keeps what was folded). Each transaction holds the program's watermark row, so a rerun, or a second
 * instance running it at once, finds the days already folded. A changed time zone moves every day boundary, so the
 * rows are dropped and folded again. Returns how many local days the watermark moved.
 */
export async function foldLiability(
  db: Kysely<Database>,
  programId: string,
  settings: Pick<ProgramSettings, 'timezone'>,
  asOf: Date,
  now: Date,
): Promise<{ days: number }> {
  const timezone = settings.timezone;
  const latest = new Date(Math.min(asOf.getTime(), now.getTime()));
  const through = startOfDay(addMinutes(latest, -FOLD_MARGIN_MINUTES), timezone);
  let days = 0;
  for (;;) {
    const folded = await foldChunk(db, programId, timezone, through, now);
    if (folded === 0) return { days };
    days += folded;
  }
}

/** Folds up to FOLD_CHUNK_DAYS days after the watermark, not past `through`; returns how many it folded. */
async function foldChunk(db: Kysely<Database>, programId: string, timezone: string, through: Date, now: Date): Promise<number> {
  // Read committed: the watermark row's lock orders concurrent runs, and the second then reads the first's watermark
  // (repeatable read would fail it instead). Each statement below reads closed days only, and keys a lot by its expiry
  // as of the chunk's end, which no later write changes, so their separate snapshots agree.
  return db.transaction().execute(async (trx) => {
    await sql`INSERT INTO analytics_rollups (program_id, report, timezone, through, folded_at)
      VALUES (${programId}, ${LIABILITY_REPORT}, ${timezone}, NULL, ${now}) ON CONFLICT DO NOTHING`.execute(trx);
    let mark = (await watermark(trx, programId, true))!;
    if (mark.timezone !== timezone) {
      await sql`DELETE FROM liability_rollup_lots WHERE program_id = ${programId}`.execute(trx);
      await sql`DELETE FROM liability_rollup_accounts WHERE program_id = ${programId}`.execute(trx);
      mark = { timezone, through: null };
    }
    // The first fold starts at the local day of the program's first transaction (none: nothing to fold before now).
    const from = mark.through ?? (await firstDay(trx, programId, timezone)) ?? through;
    const to = new Date(Math.min(through.getTime(), startOfDay(addDays(from, FOLD_CHUNK_DAYS), timezone).getTime()));
    if (to.getTime() <= from.getTime()) {
      if (mark.through === null) await advance(trx, programId, timezone, through, now);
      return 0;
    }

    const range: Range = { from, to, inclusive: false };
    // New days keyed by each lot's expiry as of the new watermark; lots extended within them rekeyed to it.
    const asOfEnd = await extendedLots(trx, programId, to, null);
    const lots = await lotMovements(trx, programId, timezone, range, asOfEnd);
    const moves = await rekeyedMovements(trx, programId, timezone, await extendedLots(trx, programId, from, to), from, asOfEnd);
    const rows = [
      ...lots.map((r) => ({ day: r.day, cohort: r.cohort, expiry_month: r.expiry_month, issued: r.issued, outstanding: r.outstanding, expired: r.expired })),
      ...moves.flatMap((r) => [
        { day: r.day, cohort: r.cohort, expiry_month: r.from_month, issued: neg(r.issued), outstanding: neg(r.outstanding), expired: neg(r.expired) },
        { day: r.day, cohort: r.cohort, expiry_month: r.to_month, issued: r.issued, outstanding: r.outstanding, expired: r.expired },
      ]),
    ];
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      await sql`INSERT INTO liability_rollup_lots (program_id, day, cohort, expiry_month, issued, outstanding, expired)
        SELECT ${programId}, d::date, c, m, i::bigint, o::bigint, e::bigint
          FROM unnest(${batch.map((r) => r.day)}::text[], ${batch.map((r) => r.cohort)}::text[], ${batch.map((r) => r.expiry_month)}::text[],
                      ${batch.map((r) => r.issued)}::text[], ${batch.map((r) => r.outstanding)}::text[], ${batch.map((r) => r.expired)}::text[])
               AS u(d, c, m, i, o, e)`.execute(trx);
    }
    const accounts = await accountMovements(trx, programId, timezone, range);
    if (accounts.length > 0) {
      await sql`INSERT INTO liability_rollup_accounts (program_id, day, account, amount)
        SELECT ${programId}, d::date, a, n::bigint
          FROM unnest(${accounts.map((r) => r.day)}::text[], ${accounts.map((r) => r.account)}::text[], ${accounts.map((r) => r.amount)}::text[]) AS u(d, a, n)`.execute(trx);
    }
    await advance(trx, programId, timezone, to, now);
    // Local days are 23 to 25 hours long across a DST change.
    return Math.round((to.getTime() - from.getTime()) / 86_400_000);
  });
}

/** The local midnight before the program's first recorded transaction, or null for a program without any. */
async function firstDay(trx: Transaction<Database>, programId: string, timezone: string): Promise<Date | null> {
  const { rows } = await sql<{ first: Date | null }>`SELECT min(recorded_at) AS first FROM ledger_transactions WHERE program_id = ${programId}`.execute(trx);
  return rows[0]?.first ? startOfDay(rows[0].first, timezone) : null;
}

async function advance(trx: Transaction<Database>, programId: string, timezone: string, through: Date, now: Date) {
  await sql`UPDATE analytics_rollups SET timezone = ${timezone}, through = ${through}, folded_at = ${now}
    WHERE program_id = ${programId} AND report = ${LIABILITY_REPORT}`.execute(trx);
}

const INSERT_BATCH = 5_000;

const neg = (n: string) => (n.startsWith('-') ? n.slice(1) : n === '0' ? '0' : `-${n}`);

/**
 * The liability report's rows from the rollup plus the live remainder (see the module comment), or null when the
 * program has no rollup in its current time zone (never folded, or folded before the zone changed): the caller then
 * reads everything live.
 */
export async function rolledUpLiability(trx: Transaction<Database>, programId: string, timezone: string, asOf: Date): Promise<LiabilityRows | null> {
  const mark = await watermark(trx, programId, false);
  if (!mark || mark.timezone !== timezone || mark.through === null) return null;
  const boundary = asOf.getTime() >= mark.through.getTime() ? mark.through : startOfDay(asOf, timezone);
  const { rows: folded } = await sql<{ cohort: string; expiry_month: string | null; issued: string; outstanding: string; expired: string }>`
    SELECT cohort, expiry_month, sum(issued)::text AS issued, sum(outstanding)::text AS outstanding, sum(expired)::text AS expired
      FROM liability_rollup_lots WHERE program_id = ${programId} AND day < ${dayKey(boundary, timezone)}::date
     GROUP BY 1, 2`.execute(trx);
  const { rows: foldedAccounts } = await sql<{ account: string; total: string }>`
    SELECT account, sum(amount)::text AS total FROM liability_rollup_accounts
     WHERE program_id = ${programId} AND day < ${dayKey(boundary, timezone)}::date GROUP BY 1`.execute(trx);
  // Lots extended since the watermark: their rolled-up figures move to the month they expire in now.
  const moves = await rekeyedMovements(trx, programId, timezone, await extendedLots(trx, programId, mark.through, null), boundary, NONE);
  const live: Range = { from: boundary, to: asOf, inclusive: true };
  const lots = await lotMovements(trx, programId, timezone, live, NONE);
  const accounts = await accountMovements(trx, programId, timezone, live);

  const groups = new Map<string, { cohort: string; expiry_month: string | null; issued: bigint; outstanding: bigint; expired: bigint }>();
  const add = (cohort: string, month: string | null, issued: string, outstanding: string, expired: string, sign: bigint) => {
    const key = `${cohort}\u0000${month ?? ''}`;
    const g = groups.get(key) ?? { cohort, expiry_month: month, issued: 0n, outstanding: 0n, expired: 0n };
    g.issued += sign * BigInt(issued);
    g.outstanding += sign * BigInt(outstanding);
    g.expired += sign * BigInt(expired);
    groups.set(key, g);
  };
  for (const r of folded) add(r.cohort, r.expiry_month, r.issued, r.outstanding, r.expired, 1n);
  for (const r of moves) {
    add(r.cohort, r.from_month, r.issued, r.outstanding, r.expired, -1n);
    add(r.cohort, r.to_month, r.issued, r.outstanding, r.expired, 1n);
  }
  for (const r of lots) add(r.cohort, r.expiry_month, r.issued, r.outstanding, r.expired, 1n);
  const totals = new Map<string, bigint>();
  for (const r of foldedAccounts) totals.set(r.account, (totals.get(r.account) ?? 0n) + BigInt(r.total));
  for (const r of accounts) totals.set(r.account, (totals.get(r.account) ?? 0n) + BigInt(r.amount));
  return {
    groups: [...groups.values()].map((g) => ({
      cohort: g.cohort,
      expiry_month: g.expiry_month,
      issued: String(g.issued),
      outstanding: String(g.outstanding),
      expired: String(g.expired),
    })),
    accounts: [...totals.entries()].map(([account, total]) => ({ account, total: String(total) })),
  };
}

