import { randomInt } from 'node:crypto';
import type pg from 'pg';

/**
 * A large analytics dataset written with set-based SQL (INSERT … SELECT over generate_series): `members` members of one
 * program, each with a year of purchases (about 2.7 on average, 12 % with none), in two currencies (AZN, the home
 * currency, and USD with an FX table), some of them partly or wholly returned, and one redemption for about a third of
 * the members who bought twice or more; branch, gender, birth date, source, store (and channel and device when the
 * purchases table has them) vary.
 *
 * The rows are what the ledger functions would have written for that history, so the ledger's invariants hold
 * (`GET /v1/audit/trial-balance` is ok): every transaction's entries sum to zero; each lot's remaining is its granted
 * plus its allocations; each member's balance row matches their entries and lots, and its version is the number of
 * their transactions, which carry versions 1..n in the order they occurred. How it stays consistent without running
 * the functions: a purchase earns a lot that is available at once (pending_days 0) and expires 12 months later, so
 * nothing in the year has expired or is due to mature; a return comes one to three days after its purchase and claws
 * its points back from the purchase's own lot (as ledger_return does while the lot still has them); a redemption
 * comes five days after the member's last purchase, after every return, and draws from the first purchase's lot only,
 * which is the soonest-expiring one, as pl_draw's soonest-expiry-first order would.
 *
 * What it leaves out: events (the outbox is not the ledger; the seeded history was never published), idempotency keys
 * (no request made it), member_keys (nobody enrolls into this program during the bench, so a loyalty id is never
 * claimed twice), purchase lines and tier changes (the tier is set from the year's points, with no history of it).
 * Triggers are off while it writes (session_replication_role = replica, which needs a superuser, as the bench's
 * databases have): the balance rows are written once with their final figures instead of being created by the
 * enrollment trigger and then updated a million times.
 */

export interface AnalyticsSeedOptions {
  programId: string;
  members: number;
  /** The instant the history ends at; purchases fall in the year before it. */
  now: Date;
  /** Unique per run: external refs and receipt ids carry it. */
  runId: string;
  log?: (message: string) => void;
}

export interface AnalyticsSeed {
  members: number;
  purchases: number;
  returns: number;
  redemptions: number;
  transactions: number;
  entries: number;
  seconds: number;
  /** Wall time of each step, seconds. */
  steps: Record<string, number>;
  /** Ids of a sample of the seeded members with purchases (for the write load beside the reports). */
  sampleMemberIds: string[];
  from: string;
  to: string;
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Base-32 (Crockford, lower case) digits of a bigint SQL expression, most significant first. */
function base32(expr: string, digits: number): string {
  return Array.from({ length: digits }, (_, i) => `substr('${ALPHABET}', (((${expr}) >> ${5 * (digits - 1 - i)}) & 31)::int + 1, 1)`).join(' || ');
}

/**
 * A TypeID (prefix + UUIDv7 in base 32) is built here from three parts, without a function call per row: the
 * UUID's 48-bit millisecond timestamp (10 digits, so ids sort by when their row happened, as the service's do), then
 * its version and variant bits with the run's 12-bit salt (8 digits, the same for every id of the run), then a 40-bit
 * sequence number unique per prefix within the run (8 digits). A statement computes each row's timestamp and
 * sequence digits once and concatenates them per id: an id costs a few concatenations, not 26 digit extractions.
 */
export const msDigits = (msExpr: string) => base32(`(${msExpr})::bigint`, 10);
export const seqDigits = (seqExpr: string) => base32(`((${seqExpr})::bigint & 1099511627775)`, 8);
export function saltDigits(salt: number): string {
  let value = (7n << 36n) | (BigInt(salt) << 24n) | (2n << 22n);
  let digits = '';
  for (let i = 0; i < 8; i++) {
    digits = ALPHABET[Number(value & 31n)]! + digits;
    value >>= 5n;
  }
  return digits;
}

/** One whole TypeID as an SQL expression, for the few rows that need no sharing (see above). */
export function typeidSql(prefix: string, msExpr: string, seqExpr: string, salt: number): string {
  return `('${prefix}_' || ${msDigits(msExpr)} || '${saltDigits(salt)}' || ${seqDigits(seqExpr)})`;
}

const ms = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)`;

/** The tables the seed writes many rows to. */
const BULK_TABLES = ['members', 'member_balances', 'purchases', 'lots', 'lot_allocations', 'ledger_transactions', 'ledger_entries'];

/** Purchases per member are capped so a member's purchase seq (n * 64 + j) stays unique. */
const MAX_PURCHASES = 40;

export async function seedAnalytics(pool: pg.Pool, options: AnalyticsSeedOptions): Promise<AnalyticsSeed> {
  const { programId, members, now, runId } = options;
  const log = options.log ?? (() => undefined);
  const salt = randomInt(4096);
  const h = saltDigits(salt);
  const client = await pool.connect();
  const steps: Record<string, number> = {};
  const started = performance.now();
  const step = async (name: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> => {
    const t = performance.now();
    if (process.env['SEED_EXPLAIN'] === name) {
      const plan = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${text.replace(/^\s*CREATE TEMP TABLE \w+ ON COMMIT DROP AS/, '')}`, values);
      log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
    const result = await client.query(text, values);
    steps[name] = Math.round((performance.now() - t) / 100) / 10;
    log(`analytics seed: ${name} ${steps[name]} s${result.rowCount ? ` (${result.rowCount} rows)` : ''}`);
    return result;
  };
  const columns = async (table: string) =>
    new Set(
      (await client.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, [table])).rows.map(
        (r) => r.column_name,
      ),
    );
  try {
    const purchaseColumns = await columns('purchases');
    const hasChannel = purchaseColumns.has('channel');
    const hasDevice = purchaseColumns.has('device');
    // Session settings for a bulk load: the temporary staging tables live in local buffers, sorts in memory.
    await client.query(`SET temp_buffers = '512MB'`);
    await client.query(`SET work_mem = '64MB'`);
    // JIT would compile the long id expressions for every statement: seconds each, for nothing at this size.
    await client.query(`SET jit = off`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query('BEGIN');
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL session_replication_role = replica`);
    // No parallel plans: the staging tables are temporary (parallel workers cannot read them) and the machine is small.
    await client.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
    const p = { program: programId, now: now.toISOString(), run: runId };

    // Members: enrolled 30 days to two years before `now`; age 16-80; a few with no birth date, gender or source.
    await step(
      'stage members',
      `CREATE TEMP TABLE seed_m ON COMMIT DROP AS
       SELECT n, ${typeidSql('mem', ms('created_at'), 'n', salt)} AS id, created_at,
              greatest(created_at, $1::timestamptz - interval '365 days') AS window_start,
              CASE WHEN random() < 0.12 THEN 0
                   ELSE least(${MAX_PURCHASES}, 1 + floor(-ln(1 - random()) * 2.2)::int) END AS k,
              CASE WHEN r1 < 0.52 THEN 'female' WHEN r1 < 0.97 THEN 'male' ELSE NULL END AS gender,
              CASE WHEN r2 < 0.05 THEN NULL
                   ELSE ($1::timestamptz - interval '16 years' - (r2 * 64 * 365.25)::int * interval '1 day')::date END AS birth_date,
              'branch-' || (1 + floor(random() * 12))::int AS branch,
              (ARRAY['pos', 'pos', 'pos', 'app', 'app', 'web', 'link', 'qr', 'operator', NULL])[1 + floor(random() * 10)::int] AS source
         FROM (SELECT n, $1::timestamptz - interval '30 days' - random() * interval '700 days' AS created_at,
                      random() AS r1, random() AS r2
                 FROM generate_series(1, $2::int) n OFFSET 0) s`,
      [p.now, members],
    );

    // Purchases: k per member, uniformly over the member's part of the year, numbered j = 1..k in time order.
    // Amounts log-normal around 25 AZN; 12 % in USD (smaller figures, earning 12 points per dollar against 8 per manat).
    // Returns: 6 % of the purchases older than four days, one to three days later; a third of them whole, the rest in
    // part. The points clawed are the cumulative proportion ledger_return takes (floor(points × returned / amount)).
    // A subquery with random() in its select list is never flattened into the one above, so each value is drawn once
    // per row; OFFSET 0 says so where it matters.
    await step(
      'stage purchases',
      `CREATE TEMP TABLE seed_p ON COMMIT DROP AS
       SELECT d.*, 'pur_' || d.pm || '${h}' || d.ls AS id, 'txn_' || d.pm || '${h}' || d.lt AS txn_id,
              'lot_' || d.pm || '${h}' || d.ls AS lot_id, 'ret_' || d.rm || '${h}' || d.ls AS return_id,
              'txn_' || d.rm || '${h}' || d.lr AS return_txn_id
         FROM (SELECT c.*, ${msDigits(ms('c.occurred_at'))} AS pm, ${seqDigits('c.seq')} AS ls, ${seqDigits('c.seq * 4')} AS lt,
                      CASE WHEN c.returned_amount > 0 THEN ${msDigits(ms('c.returned_at'))} END AS rm,
                      CASE WHEN c.returned_amount > 0 THEN ${seqDigits('c.seq * 4 + 1')} END AS lr
         FROM (SELECT b.*, floor(b.points::numeric * b.returned_amount / b.amount)::bigint AS claw
                 FROM (SELECT a.*,
                              CASE WHEN a.returns THEN a.occurred_at + interval '1 day' + random() * interval '2 days' END AS returned_at,
                              CASE WHEN NOT a.returns THEN 0 WHEN random() < 0.33 THEN a.amount
                                   ELSE greatest(1, floor(a.amount * (0.2 + random() * 0.7)))::bigint END AS returned_amount
                         FROM (SELECT s.*, (s.n::bigint * 64 + s.j) AS seq,
                                      floor(s.amount * CASE s.currency WHEN 'USD' THEN 12 ELSE 8 END / 100.0)::bigint AS points,
                                      s.occurred_at < $1::timestamptz - interval '4 days' AND random() < 0.06 AS returns
                                 FROM (SELECT m.n, m.id AS member_id, x.occurred_at, x.currency, x.store, x.channel,
                                              row_number() OVER (PARTITION BY m.n ORDER BY x.occurred_at) AS j,
                                              greatest(100, least(500000, round(exp(ln(CASE x.currency WHEN 'USD' THEN 1500 ELSE 2500 END)
                                                + 0.8 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))))::bigint AS amount
                                         FROM seed_m m
                                        CROSS JOIN LATERAL (
                                          SELECT m.window_start + random() * ($1::timestamptz - interval '1 hour' - m.window_start) AS occurred_at,
                                                 CASE WHEN random() < 0.12 THEN 'USD' ELSE 'AZN' END AS currency,
                                                 'store-' || (1 + floor(random() * 40))::int AS store,
                                                 (ARRAY['store', 'store', 'store', 'store', 'store', 'store', 'store', 'app', 'app', 'web'])[1 + floor(random() * 10)::int] AS channel
                                            FROM generate_series(1, m.k) g) x
                                       OFFSET 0) s
                               OFFSET 0) a
                       OFFSET 0) b
               OFFSET 0) c
               OFFSET 0) d`,
      [p.now],
    );
    await step('index purchases', `CREATE INDEX ON seed_p (n, j)`);

    // Redemptions: a third of the members with two purchases or more whose last purchase is over six days old, five
    // days after it, taking 20-100 % of what the first purchase's lot still holds.
    await step(
      'stage redemptions',
      `CREATE TEMP TABLE seed_r ON COMMIT DROP AS
       SELECT r.*, ${typeidSql('red', ms('r.redeemed_at'), 'r.n', salt)} AS id,
              ${typeidSql('txn', ms('r.redeemed_at'), 'r.n::bigint * 256 + 3', salt)} AS txn_id
         FROM (SELECT m.n, m.id AS member_id, last.occurred_at + interval '5 days' + random() * interval '12 hours' AS redeemed_at,
                      floor((first.points - first.claw) * (0.2 + random() * 0.8))::bigint AS points, first.lot_id
                 FROM seed_m m
                 JOIN seed_p first ON first.n = m.n AND first.j = 1
                 JOIN seed_p last ON last.n = m.n AND last.j = m.k
                WHERE m.k >= 2 AND last.occurred_at < $1::timestamptz - interval '6 days' AND random() < 0.35
               OFFSET 0) r
        WHERE r.points > 0`,
      [p.now],
    );
    await step('analyze staging', `ANALYZE seed_m; ANALYZE seed_p; ANALYZE seed_r`);

    await step(
      'fx rates',
      `INSERT INTO fx_rates (program_id, currency, effective_from, rate, id, created_at)
       VALUES ($1, 'USD', $2::timestamptz - interval '800 days', 1.7000, ${typeidSql('fxr', ms(`$2::timestamptz`), '1', salt)}, $2::timestamptz - interval '800 days'),
              ($1, 'USD', $2::timestamptz - interval '150 days', 1.6995, ${typeidSql('fxr', ms(`$2::timestamptz`), '2', salt)}, $2::timestamptz - interval '150 days')
       ON CONFLICT DO NOTHING`,
      [p.program, p.now],
    );

    // A bulk load builds the secondary indexes once at the end, as pg_restore does, instead of maintaining them row by
    // row (the members' trigram index alone would take minutes): the bench's database is its own, and the rebuild is in
    // this transaction, so nothing ever sees a table without its indexes. Indexes behind a constraint (primary keys,
    // unique constraints) stay; the rows go in in key order.
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [BULK_TABLES],
    );
    await step('drop secondary indexes', indexes.map((i) => `DROP INDEX ${i.name};`).join('\n'));

    await step(
      'members',
      `INSERT INTO members (id, program_id, loyalty_id, external_ref, status, name, phone, birth_date, gender, branch, source,
                            referral_code, created_at, updated_at)
       SELECT id, $1, lpad((20000000 + n)::text, 8, '0'), 'an-' || $2 || '-' || n, 'active', 'Analytics Member ' || n,
              '+99455' || lpad(n::text, 7, '0'), birth_date, gender, branch, source, 'R' || upper(substr(md5(id), 1, 16)),
              created_at, created_at
         FROM seed_m ORDER BY id`,
      [p.program, p.run],
    );

    const channelColumns = `${hasChannel ? ', channel' : ''}${hasDevice ? ', device' : ''}`;
    const channelValues = `${hasChannel ? ', s.channel' : ''}${
      hasDevice ? `, CASE s.channel WHEN 'store' THEN 'till-' || substr(s.store, 7) WHEN 'app' THEN CASE WHEN s.seq % 2 = 0 THEN 'ios' ELSE 'android' END ELSE 'browser' END` : ''
    }`;
    await step(
      'purchases',
      `INSERT INTO purchases (member_id, id, program_id, txn_id, receipt_id, amount, currency, store_id, points, lot_id,
                              returned_amount, returned_points, occurred_at, created_at${channelColumns})
       SELECT s.member_id, s.id, $1, s.txn_id, 'an-' || $2 || '-' || s.seq, s.amount, s.currency, s.store, s.points,
              CASE WHEN s.points > 0 THEN s.lot_id END, s.returned_amount, s.claw, s.occurred_at, s.occurred_at${channelValues}
         FROM seed_p s ORDER BY s.member_id, s.id`,
      [p.program, p.run],
    );

    // Lots: what each purchase earned, less its return's claw and (the first purchase's) the redemption's draw.
    await step(
      'lots',
      `INSERT INTO lots (member_id, id, program_id, txn_id, source, granted, remaining, matured, matures_at, expires_at, created_at)
       SELECT s.member_id, s.lot_id, $1, s.txn_id, 'earn', s.points, s.points - s.claw - coalesce(r.points, 0), true,
              s.occurred_at, s.occurred_at + interval '12 months', s.occurred_at
         FROM seed_p s LEFT JOIN seed_r r ON r.n = s.n AND s.j = 1
        WHERE s.points > 0 ORDER BY s.member_id, s.lot_id`,
      [p.program],
    );
    await step(
      'lot allocations',
      `INSERT INTO lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, points)
       SELECT member_id, return_txn_id, lot_id, return_txn_id, $1, -claw FROM seed_p WHERE claw > 0
       UNION ALL
       SELECT member_id, txn_id, lot_id, txn_id, $1, -points FROM seed_r`,
      [p.program],
    );

    // Every transaction once, with its member's version in the order they occurred. The window's sort by member
    // hands the rows to the primary key (member_id, id) nearly in its order.
    await step(
      'transactions',
      `INSERT INTO ledger_transactions (member_id, id, program_id, type, points, resource_id, ref_id, external_ref,
                                        occurred_at, recorded_at, version, data)
       SELECT t.member_id, t.id, $1, t.type, t.points, t.resource_id, t.ref_id, t.external_ref, t.occurred_at, t.occurred_at,
              row_number() OVER (PARTITION BY t.member_id ORDER BY t.occurred_at, t.ord), t.data
         FROM (SELECT s.member_id, s.txn_id AS id, 'earn' AS type, s.points, s.id AS resource_id, NULL::text AS ref_id,
                      'an-' || $2 || '-' || s.seq AS external_ref, s.occurred_at, 0 AS ord,
                      jsonb_build_object('amount', s.amount, 'currency', s.currency, 'rate', CASE s.currency WHEN 'USD' THEN 12 ELSE 8 END,
                                         'store_id', s.store, 'debt_paid', 0, 'lot_id', s.lot_id) AS data
                 FROM seed_p s
               UNION ALL
               SELECT s.member_id, s.return_txn_id, 'return', s.claw, s.return_id, s.id, 'an-' || $2 || '-r' || s.seq, s.returned_at, 1,
                      jsonb_build_object('amount', s.returned_amount, 'currency', s.currency, 'purchase_id', s.id, 'claw', s.claw,
                                         'clawed_from_purchase', s.claw, 'clawed_from_balance', 0, 'debt', 0, 'forgiven', 0,
                                         'policy', 'debt')
                 FROM seed_p s WHERE s.returned_amount > 0
               UNION ALL
               SELECT r.member_id, r.txn_id, 'redeem', r.points, r.id, NULL, NULL, r.redeemed_at, 2,
                      jsonb_build_object('reason', 'reward', 'store_id', NULL)
                 FROM seed_r r) t`,
      [p.program, p.run],
    );
    // Entries: a purchase issued → available; a return available → issued; a redemption available → redeemed.
    await step(
      'entries',
      `INSERT INTO ledger_entries (member_id, txn_id, account, program_id, amount, occurred_at)
       SELECT s.member_id, s.txn_id, e.account, $1, e.amount, s.occurred_at
         FROM seed_p s CROSS JOIN LATERAL (VALUES ('issued', -s.points), ('available', s.points)) e (account, amount)
       UNION ALL
       SELECT s.member_id, s.return_txn_id, e.account, $1, e.amount, s.returned_at
         FROM seed_p s CROSS JOIN LATERAL (VALUES ('issued', s.claw), ('available', -s.claw)) e (account, amount)
        WHERE s.claw > 0
       UNION ALL
       SELECT r.member_id, r.txn_id, e.account, $1, e.amount, r.redeemed_at
         FROM seed_r r CROSS JOIN LATERAL (VALUES ('redeemed', r.points), ('available', -r.points)) e (account, amount)`,
      [p.program],
    );

    // Balance rows with their final figures (the enrollment trigger is off). Tiers from the year's net points at the
    // default thresholds (silver 1000, gold 3000, platinum 6000; NULL is the entry tier).
    await step(
      'balances',
      `INSERT INTO member_balances (member_id, program_id, available, lifetime_earned, lifetime_redeemed, purchase_count,
                                    return_count, version, next_due_at, last_activity_at, updated_at, tier, tier_since,
                                    last_purchase_at)
       SELECT m.id, $1, coalesce(l.available, 0), coalesce(pu.earned, 0), coalesce(r.points, 0), m.k, coalesce(pu.returns, 0),
              m.k + coalesce(pu.returns, 0) + (r.n IS NOT NULL)::int, l.due, greatest(pu.last_at, r.redeemed_at),
              coalesce(greatest(pu.last_at, pu.last_return_at, r.redeemed_at), m.created_at),
              CASE WHEN pu.earned >= 6000 THEN 'platinum' WHEN pu.earned >= 3000 THEN 'gold' WHEN pu.earned >= 1000 THEN 'silver' END,
              CASE WHEN pu.earned >= 1000 THEN pu.last_at END, pu.last_at
         FROM seed_m m
         LEFT JOIN (SELECT n, sum(points - claw) AS earned, count(*) FILTER (WHERE returned_amount > 0) AS returns,
                           max(occurred_at) AS last_at, max(returned_at) AS last_return_at
                      FROM seed_p GROUP BY n) pu ON pu.n = m.n
         LEFT JOIN (SELECT s.n, sum(s.points - s.claw - coalesce(r.points, 0)) AS available,
                           min(s.occurred_at + interval '12 months') FILTER (WHERE s.points - s.claw - coalesce(r.points, 0) > 0) AS due
                      FROM seed_p s LEFT JOIN seed_r r ON r.n = s.n AND s.j = 1 GROUP BY s.n) l ON l.n = m.n
         LEFT JOIN seed_r r ON r.n = m.n
        ORDER BY m.id`,
      [p.program],
    );

    await step(`rebuild ${indexes.length} indexes`, indexes.map((i) => `${i.def};`).join('\n'));

    const counts = (
      await client.query<{ purchases: string; returns: string; clawed: string; redemptions: string }>(
        `SELECT (SELECT count(*) FROM seed_p) AS purchases, (SELECT count(*) FROM seed_p WHERE returned_amount > 0) AS returns,
                (SELECT count(*) FROM seed_p WHERE claw > 0) AS clawed, (SELECT count(*) FROM seed_r) AS redemptions`,
      )
    ).rows[0]!;
    const sample = (
      await client.query<{ id: string }>(`SELECT id FROM seed_m WHERE k > 0 ORDER BY random() LIMIT 10000`)
    ).rows.map((r) => r.id);
    await step('commit', 'COMMIT');
    // Fresh statistics, so the planner does not plan the reports as if the tables were empty.
    await step('analyze', 'ANALYZE members, member_balances, purchases, lots, lot_allocations, ledger_transactions, ledger_entries');
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    return {
      members,
      purchases: Number(counts.purchases),
      returns: Number(counts.returns),
      redemptions: Number(counts.redemptions),
      transactions: Number(counts.purchases) + Number(counts.returns) + Number(counts.redemptions),
      entries: 2 * (Number(counts.purchases) + Number(counts.clawed) + Number(counts.redemptions)),
      seconds,
      steps,
      sampleMemberIds: sample,
      from: new Date(now.getTime() - 365 * 86_400_000).toISOString(),
      to: now.toISOString(),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
