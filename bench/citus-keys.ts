/**
 * What each uniqueness decision of issue 12 costs on a Citus cluster (item 3), measured in one run:
 *
 *   npx node bench/citus-keys.ts [--url postgresql://postgres@127.0.0.1:9700/postgres] [--iterations 2000] [--shards 32] [--trace]
 *
 * (npx: the Node the project pins, which runs TypeScript; --trace first prints what each operation sends to the workers.)
 * The url names a server's maintenance database: a Citus coordinator (the default, the shared cluster on 9700), or a
 * single PostgreSQL for comparison. The script creates its own database (on every node of a cluster), a small schema
 * shaped like the ledger's (a member-distributed write function, key tables distributed by their key), and drops it
 * at the end. Every operation runs on one connection, one after another, interleaved with the others in rounds so
 * that the machine's noise falls on all of them alike; p50/p99 are of per-operation latencies, ops/s is operations
 * per second of that one connection. An alternative's key is always taken on another worker than its member's: the
 * common case on a cluster of many workers, and the one that pays the two-phase commit. bench/CITUS-KEYS.md records the figures and the decisions they support.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { clusterWorkers, createClusterDatabase, dropClusterDatabase, type ClusterNode } from '../test/helpers/cluster.ts';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgresql://postgres@127.0.0.1:9700/postgres' },
    iterations: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '10' },
    shards: { type: 'string', default: '32' },
    members: { type: 'string', default: '2000' },
    /** Prints the commands the coordinator sends to the workers for one run of each operation (Citus only). */
    trace: { type: 'boolean', default: false },
  },
});
const ITERATIONS = Number(options.iterations);
const WARMUP = Number(options.warmup);
const ROUNDS = Number(options.rounds);
const SHARDS = Number(options.shards);
const MEMBERS = Number(options.members);
const PURCHASES_PER_MEMBER = 5;
const PROGRAM = 'prg_bench';

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

// The ledger's shape in small: member tables distributed by the member and co-located; the write is one function
// taking its member first (distributed by it, so one delegated call); each alternative key in a table of its own,
// distributed by the key (co-located with members for shard count only, as src/db/placement.ts places member_keys).
const SCHEMA = `
CREATE TABLE members (id text PRIMARY KEY, program_id text NOT NULL, loyalty_id text NOT NULL, external_ref text,
                      name text, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE member_balances (member_id text PRIMARY KEY, balance bigint NOT NULL DEFAULT 0, version bigint NOT NULL DEFAULT 0);
CREATE TABLE ledger_transactions (member_id text NOT NULL, program_id text NOT NULL, id text NOT NULL, type text NOT NULL,
                                  external_ref text, points bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
                                  PRIMARY KEY (member_id, id));
-- A receipt unique per member (the decision taken): the check is this index, on the member's shard.
CREATE UNIQUE INDEX ledger_transactions_receipt_key ON ledger_transactions (member_id, program_id, type, external_ref) WHERE external_ref IS NOT NULL;
CREATE TABLE purchases (member_id text NOT NULL, program_id text NOT NULL, id text NOT NULL, amount bigint NOT NULL, PRIMARY KEY (member_id, id));
CREATE INDEX purchases_program_id_idx ON purchases (program_id, id);
-- The same purchases over a few shards, to see how the fan-out probe grows with the shard count.
CREATE TABLE purchases_few_shards (LIKE purchases INCLUDING ALL);
-- Idempotency-Key scoped by member (the decision taken): stored on the member's shard by the write itself.
CREATE TABLE idempotency_keys (shard_key text NOT NULL, program_id text NOT NULL, key text NOT NULL, response jsonb,
                               PRIMARY KEY (shard_key, program_id, key));
-- The alternatives: keys unique across members, each table distributed by its key.
CREATE TABLE idempotency_keys_global (key text NOT NULL, program_id text NOT NULL, member_id text NOT NULL, response jsonb,
                                      PRIMARY KEY (key, program_id));
CREATE TABLE receipts_by_program (receipt_id text NOT NULL, program_id text NOT NULL, member_id text NOT NULL, PRIMARY KEY (receipt_id, program_id));
CREATE TABLE member_keys (value text NOT NULL, program_id text NOT NULL, kind text NOT NULL, member_id text NOT NULL,
                          PRIMARY KEY (value, program_id, kind));
CREATE TABLE program_codes (code text NOT NULL, program_id text NOT NULL, claimed_by text, claimed_at timestamptz, PRIMARY KEY (code, program_id));

-- A ledger-like write: the key check, the balance lock and update, the transaction row (its receipt checked by the
-- unique index), the response stored against the key. p: {key?, txn_id, receipt_id?, points}.
CREATE FUNCTION ledger_bench(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_prior jsonb;
  v_balance bigint;
  v_result jsonb;
BEGIN
  IF p ? 'key' THEN
    SELECT response INTO v_prior FROM idempotency_keys WHERE shard_key = p_member AND program_id = p->>'program_id' AND key = p->>'key';
    IF FOUND THEN RETURN v_prior || '{"replayed": true}'; END IF;
  END IF;
  UPDATE member_balances SET balance = balance + (p->>'points')::bigint, version = version + 1
   WHERE member_id = p_member RETURNING balance INTO v_balance;
  INSERT INTO ledger_transactions (member_id, program_id, id, type, external_ref, points)
  VALUES (p_member, p->>'program_id', p->>'txn_id', 'earn', p->>'receipt_id', (p->>'points')::bigint);
  v_result := jsonb_build_object('txn_id', p->>'txn_id', 'member_id', p_member, 'balance', v_balance);
  IF p ? 'key' THEN
    INSERT INTO idempotency_keys (shard_key, program_id, key, response) VALUES (p_member, p->>'program_id', p->>'key', v_result);
  END IF;
  RETURN v_result;
END $$;
`;

async function distribute(client: pg.Client): Promise<void> {
  const colocated = ['member_balances', 'ledger_transactions', 'purchases', 'idempotency_keys'];
  const byKey: [string, string][] = [
    ['idempotency_keys_global', 'key'],
    ['receipts_by_program', 'receipt_id'],
    ['member_keys', 'value'],
    ['program_codes', 'code'],
  ];
  await client.query(`SELECT create_distributed_table('members', 'id', shard_count => ${SHARDS}, colocate_with => 'none')`);
  for (const table of colocated) await client.query(`SELECT create_distributed_table($1, ${table === 'idempotency_keys' ? `'shard_key'` : `'member_id'`}, colocate_with => 'members')`, [table]);
  for (const [table, column] of byKey) await client.query(`SELECT create_distributed_table($1, $2, colocate_with => 'members')`, [table, column]);
  await client.query(`SELECT create_distributed_table('purchases_few_shards', 'member_id', shard_count => 4, colocate_with => 'none')`);
  await client.query(`SELECT create_distributed_function('ledger_bench(text, jsonb)', 'p_member', colocate_with => 'members')`);
}

async function seed(client: pg.Client): Promise<{ members: string[]; codes: string[] }> {
  await client.query(
    `INSERT INTO members (id, program_id, loyalty_id) SELECT 'mem_' || i, $1, (10000000 + i)::text FROM generate_series(1, $2) i`,
    [PROGRAM, MEMBERS],
  );
  await client.query(`INSERT INTO member_balances (member_id) SELECT 'mem_' || i FROM generate_series(1, $1) i`, [MEMBERS]);
  for (const table of ['purchases', 'purchases_few_shards']) {
    await client.query(
      `INSERT INTO ${table} (member_id, program_id, id, amount)
       SELECT 'mem_' || m, $1, 'pur_' || m || '_' || n, 1250 FROM generate_series(1, $2) m, generate_series(1, $3) n`,
      [PROGRAM, MEMBERS, PURCHASES_PER_MEMBER],
    );
  }
  const codes = (WARMUP + ITERATIONS + 10) * 3;
  await client.query(`INSERT INTO program_codes (code, program_id) SELECT 'code_' || i, $1 FROM generate_series(1, $2) i`, [PROGRAM, codes]);
  await client.query('ANALYZE');
  return { members: Array.from({ length: MEMBERS }, (_, i) => `mem_${i + 1}`), codes: Array.from({ length: codes }, (_, i) => `code_${i + 1}`) };
}

interface Operation {
  group: string;
  name: string;
  /** The operation's baseline in its group (ratio 1); null for the baseline itself. */
  baseline: string | null;
  run: (client: pg.Client) => Promise<void>;
}

/**
 * Values of one distribution column sorted by the worker that holds them, so that an operation can take a key on
 * another worker than its member's: on a cluster of many workers that is the common case (with W workers, a random
 * key is elsewhere with probability (W-1)/W), and the one that costs a two-phase commit. On a single node, one pool.
 */
class KeyPool {
  private readonly byNode = new Map<string, string[]>();
  constructor(placed: { value: string; node: string }[]) {
    for (const { value, node } of placed) this.byNode.set(node, [...(this.byNode.get(node) ?? []), value]);
  }
  nodeOf(value: string): string {
    for (const [node, values] of this.byNode) if (values.includes(value)) return node;
    throw new Error(`${value} is not in the pool`);
  }
  /** A value not used before, on `on` when given, else on another node than `awayFrom` when there is one. */
  take({ on, awayFrom }: { on?: string; awayFrom?: string } = {}): { value: string; node: string } {
    const nodes = [...this.byNode.keys()].filter((n) => (on ? n === on : n !== awayFrom || this.byNode.size === 1));
    const node = nodes[Math.floor(Math.random() * nodes.length)]!;
    const value = this.byNode.get(node)!.pop();
    if (value === undefined) throw new Error(`key pool on ${node} is exhausted`);
    return { value, node };
  }
}

/** Where each value of `table`'s distribution column lives ('local' on a single node). */
async function placeValues(client: pg.Client, table: string, values: string[], citus: boolean): Promise<KeyPool> {
  if (!citus) return new KeyPool(values.map((value) => ({ value, node: 'local' })));
  const { rows } = await client.query<{ value: string; node: string }>(
    `SELECT u.v AS value, n.nodename || ':' || n.nodeport AS node
       FROM unnest($2::text[]) u(v)
       JOIN pg_dist_placement p ON p.shardid = get_shard_id_for_distribution_column($1::regclass, u.v)
       JOIN pg_dist_node n USING (groupid)`,
    [table, values],
  );
  return new KeyPool(rows);
}

interface Pools {
  members: string[];
  memberNode: Map<string, string>;
  newMembers: KeyPool;
  globalKeys: KeyPool;
  receipts: KeyPool;
  memberKeys: KeyPool;
  codes: KeyPool;
}

async function keyPools(client: pg.Client, members: string[], citus: boolean, codes: string[]): Promise<Pools> {
  // Each operation runs warm-up + measured + one traced time; drawn values are split over the workers: room for both.
  const needed = (WARMUP + ITERATIONS + 10) * 3;
  const fresh = (prefix: string, n: number) => Array.from({ length: n }, () => `${prefix}${randomBytes(8).toString('hex')}`);
  const placedMembers = await placeValues(client, 'members', members, citus);
  return {
    members,
    memberNode: new Map(members.map((m) => [m, placedMembers.nodeOf(m)])),
    newMembers: await placeValues(client, 'members', fresh('mem_', needed), citus),
    globalKeys: await placeValues(client, 'idempotency_keys_global', fresh('key_', needed * 2), citus),
    receipts: await placeValues(client, 'receipts_by_program', fresh('R-', needed), citus),
    memberKeys: await placeValues(client, 'member_keys', fresh('', needed * 2), citus),
    codes: await placeValues(client, 'program_codes', codes, citus),
  };
}

function operations(pools: Pools, citus: boolean): Operation[] {
  const { members, memberNode } = pools;
  // Where the alternative's key is, as the row names say it: on a single node, in the same database.
  const elsewhere = citus ? ' on another worker' : '';
  const twoPhase = citus ? ' (2PC)' : '';
  const member = () => {
    const id = members[Math.floor(Math.random() * members.length)]!;
    return { id, node: memberNode.get(id)! };
  };
  const unique = () => randomBytes(8).toString('hex');
  const write = (client: pg.Client, memberId: string, p: Record<string, unknown>) =>
    client.query({ name: 'ledger_bench', text: 'SELECT ledger_bench($1, $2::jsonb) AS result', values: [memberId, JSON.stringify({ program_id: PROGRAM, txn_id: `txn_${unique()}`, points: 10, ...p })] });
  const inTransaction = async (client: pg.Client, work: () => Promise<unknown>) => {
    await client.query('BEGIN');
    try {
      await work();
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
  // The Idempotency-Key in a table distributed by the key: claimed first (a retry finds it taken), the write, and
  // the response stored against it, in one transaction.
  const globalKeyWrite = (sameWorker: boolean) => async (c: pg.Client) => {
    const m = member();
    const key = pools.globalKeys.take(sameWorker ? { on: m.node } : { awayFrom: m.node }).value;
    await inTransaction(c, () => claimWriteStore(c, key, m.id));
  };
  /** Claims the key (a retry finds it taken), makes the write, stores its result against the key. */
  const claimWriteStore = async (c: pg.Client, key: string, memberId: string) => {
    const claimed = await c.query({
      name: 'claim_key',
      text: 'INSERT INTO idempotency_keys_global (key, program_id, member_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key',
      values: [key, PROGRAM, memberId],
    });
    if (claimed.rowCount !== 1) throw new Error('key taken');
    const { rows } = await write(c, memberId, { receipt_id: `R-${unique()}` });
    await c.query({ name: 'store_key', text: 'UPDATE idempotency_keys_global SET response = $3 WHERE key = $1 AND program_id = $2', values: [key, PROGRAM, rows[0].result] });
  };
  // The same key table without the transaction: the write stays one delegated call, but a crash between the three
  // statements leaves a key claimed with no response, which a retry must then tell from a request still running.
  const globalKeySeparate = async (c: pg.Client) => {
    const m = member();
    await claimWriteStore(c, pools.globalKeys.take({ awayFrom: m.node }).value, m.id);
  };
  const probe = (name: string, text: string, routed: boolean) => async (c: pg.Client) => {
    const m = Math.floor(Math.random() * members.length) + 1;
    await c.query({ name, text, values: [PROGRAM, `pur_${m}_3`, ...(routed ? [`mem_${m}`] : [])] });
  };
  const W = `write + member key + receipt per member${citus ? ' (one delegated call)' : ' (one call)'}`;
  const ROUTED = 'routed probe (id + member)';
  const ENROLL = 'members insert alone';
  return [
    { group: 'write', name: 'write alone, no key', baseline: W, run: (c) => write(c, member().id, {}).then(() => undefined) },
    { group: 'write', name: 'write + receipt per member, no key', baseline: W, run: (c) => write(c, member().id, { receipt_id: `R-${unique()}` }).then(() => undefined) },
    { group: 'write', name: W, baseline: null, run: (c) => write(c, member().id, { key: randomUUID(), receipt_id: `R-${unique()}` }).then(() => undefined) },
    { group: 'a idempotency', name: `key global (by key)${elsewhere}: claim + write + store${twoPhase}`, baseline: W, run: globalKeyWrite(false) },
    // Only a cluster has a worker to be on or not; on one node this would be the row above again.
    ...(citus ? [{ group: 'a idempotency', name: 'key global (by key) on the member\'s worker: claim + write + store (1PC)', baseline: W, run: globalKeyWrite(true) }] : []),
    { group: 'a idempotency', name: `key global (by key), not atomic: claim; write; store (3 round trips${citus ? ', no 2PC' : ''})`, baseline: W, run: globalKeySeparate },
    { group: 'b lookup by id', name: ROUTED, baseline: null, run: probe('probe_routed', 'SELECT member_id FROM purchases WHERE program_id = $1 AND id = $2 AND member_id = $3', true) },
    {
      group: 'b lookup by id',
      name: citus ? `fan-out probe, ${SHARDS} shards (the service's)` : 'probe without the member (the service\'s)',
      baseline: ROUTED,
      run: probe('probe_fanout', 'SELECT member_id FROM purchases WHERE program_id = $1 AND id = $2', false),
    },
    ...(citus
      ? [{ group: 'b lookup by id', name: 'fan-out probe, 4 shards', baseline: ROUTED, run: probe('probe_fanout_4', 'SELECT member_id FROM purchases_few_shards WHERE program_id = $1 AND id = $2', false) }]
      : []),
    {
      group: 'c receipt',
      name: `receipt per program (by receipt)${elsewhere} + write${twoPhase}`,
      baseline: W,
      run: async (c) => {
        const m = member();
        const receipt = pools.receipts.take({ awayFrom: m.node }).value;
        await inTransaction(c, async () => {
          await c.query({ name: 'claim_receipt', text: 'INSERT INTO receipts_by_program (receipt_id, program_id, member_id) VALUES ($1, $2, $3)', values: [receipt, PROGRAM, m.id] });
          await write(c, m.id, { key: randomUUID(), receipt_id: receipt });
        });
      },
    },
    {
      group: 'd enrollment',
      name: ENROLL,
      baseline: null,
      run: async (c) => {
        const id = pools.newMembers.take().value;
        await inTransaction(c, () =>
          c.query({ name: 'enroll', text: 'INSERT INTO members (id, program_id, loyalty_id) VALUES ($1, $2, $3)', values: [id, PROGRAM, String(Math.floor(Math.random() * 9e7) + 1e7)] }),
        );
      },
    },
    {
      group: 'd enrollment',
      name: `members insert + loyalty id + external ref claims${elsewhere}${twoPhase}`,
      baseline: ENROLL,
      run: async (c) => {
        const { value: id, node } = pools.newMembers.take();
        const externalRef = pools.memberKeys.take({ awayFrom: node }).value;
        const loyaltyId = pools.memberKeys.take({ awayFrom: node }).value;
        await inTransaction(c, async () => {
          const claim = (kind: string, value: string) =>
            c.query({
              name: 'claim_member_key',
              text: 'INSERT INTO member_keys (value, program_id, kind, member_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING member_id',
              values: [value, PROGRAM, kind, id],
            });
          await claim('external_ref', externalRef);
          await claim('loyalty_id', loyaltyId);
          await c.query({ name: 'enroll', text: 'INSERT INTO members (id, program_id, loyalty_id) VALUES ($1, $2, $3)', values: [id, PROGRAM, loyaltyId] });
        });
      },
    },
    {
      group: 'e code per program',
      name: `claim a code (by code)${elsewhere} + write${twoPhase}`,
      baseline: W,
      run: async (c) => {
        const m = member();
        const code = pools.codes.take({ awayFrom: m.node }).value;
        await inTransaction(c, async () => {
          const claimed = await c.query({
            name: 'claim_code',
            text: 'UPDATE program_codes SET claimed_by = $3, claimed_at = now() WHERE code = $1 AND program_id = $2 AND claimed_by IS NULL',
            values: [code, PROGRAM, m.id],
          });
          if (claimed.rowCount !== 1) throw new Error(`code ${code} not claimable`);
          await write(c, m.id, { key: randomUUID(), receipt_id: `R-${unique()}` });
        });
      },
    },
  ];
}

/** One run of each operation with citus.log_remote_commands: what crosses to the workers, and which commits are 2PC. */
async function trace(client: pg.Client, ops: Operation[]): Promise<void> {
  const lines: string[] = [];
  const collect = (notice: { message?: string }) => lines.push(`  ${notice.message ?? ''}`.slice(0, 220));
  await client.query(`SET citus.log_remote_commands = on; SET client_min_messages = log`);
  client.on('notice', collect);
  for (const op of ops) {
    lines.push(`${op.group}: ${op.name}`);
    await op.run(client);
  }
  client.off('notice', collect);
  await client.query(`SET citus.log_remote_commands = off; SET client_min_messages = warning`);
  console.log(lines.join('\n'));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(client: pg.Client, ops: Operation[]): Promise<Map<string, number[]>> {
  for (const op of ops) for (let i = 0; i < WARMUP; i++) await op.run(client);
  const samples = new Map(ops.map((op) => [op.name, [] as number[]]));
  const perRound = Math.ceil(ITERATIONS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const op of ops) {
      const times = samples.get(op.name)!;
      for (let i = 0; i < perRound; i++) {
        const start = performance.now();
        await op.run(client);
        times.push(performance.now() - start);
      }
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
  }
  return samples;
}

function report(ops: Operation[], samples: Map<string, number[]>, title: string): void {
  const stats = new Map(
    ops.map((op) => {
      const times = [...samples.get(op.name)!].sort((a, b) => a - b);
      const total = times.reduce((a, b) => a + b, 0);
      return [op.name, { p50: percentile(times, 50), p99: percentile(times, 99), opsPerSecond: (times.length / total) * 1000 }];
    }),
  );
  const rows = ops.map((op) => {
    const s = stats.get(op.name)!;
    const base = op.baseline ? stats.get(op.baseline)! : s;
    return [op.group, op.name, s.p50.toFixed(2), s.p99.toFixed(2), s.opsPerSecond.toFixed(0), `${(s.p50 / base.p50).toFixed(2)}×`, `${(s.p99 / base.p99).toFixed(2)}×`];
  });
  const header = ['group', 'operation', 'p50 ms', 'p99 ms', 'ops/s', 'p50 ÷ base', 'p99 ÷ base'];
  console.log(`\n${title}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

async function main(): Promise<void> {
  const serverUrl = options.url;
  const workers: ClusterNode[] = await clusterWorkers(serverUrl);
  const name = `pl_keys_${randomBytes(5).toString('hex')}`;
  const log = (message: string) => process.stderr.write(`${message}\n`);
  if (workers.length > 0) await createClusterDatabase(serverUrl, workers, name);
  else {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  }
  log(`created ${name} on ${new URL(serverUrl).host}${workers.length > 0 ? ` and ${workers.length} workers` : ''}`);
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, name) });
  try {
    await client.connect();
    await client.query('SET client_min_messages = warning');
    await client.query(SCHEMA);
    if (workers.length > 0) await distribute(client);
    const { members, codes } = await seed(client);
    const ops = operations(await keyPools(client, members, workers.length > 0, codes), workers.length > 0);
    log(`seeded ${members.length} members, ${members.length * PURCHASES_PER_MEMBER} purchases; ${WARMUP} warm-up and ${ITERATIONS} measured per operation`);
    if (options.trace && workers.length > 0) await trace(client, ops);
    const samples = await measure(client, ops);
    const kind = workers.length > 0 ? `Citus: coordinator + ${workers.length} workers, ${SHARDS} shards` : 'single PostgreSQL';
    report(ops, samples, `${kind} (${new URL(serverUrl).host}); ${ITERATIONS} operations each, one connection, ${new Date().toISOString()}`);
  } finally {
    await client.end().catch(() => undefined);
    if (workers.length > 0) await dropClusterDatabase(serverUrl, workers, name);
    else {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => admin.end());
    }
    log(`dropped ${name}`);
  }
}

await main();
