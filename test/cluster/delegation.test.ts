import { describe, expect, inject, it } from 'vitest';
import type pg from 'pg';
import { PLACEMENTS } from '../../src/db/placement.ts';
import { ledgerEarn, ledgerHold, ledgerRedeem, ledgerWalletDebit, type LedgerFunction } from '../../src/ledger/functions.ts';
import { callText } from '../../src/ledger/sql-call.ts';
import { enroll, useTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { post, purchase, recordLedgerCalls, type SentLedgerCall } from '../helpers/ledger.ts';

/**
 * One delegated call per write (issue 12, item 2): the SQL a purchase, a redemption and a hold send is forwarded by
 * the coordinator, whole, to the one worker that holds the member, and every table sits where src/db/placement.ts
 * says. Only a Citus cluster has anything to delegate to.
 */
const workers = inject('clusterWorkers');
const onCluster = workers.length > 0;
const title = onCluster
  ? 'on the Citus cluster'
  : 'on a Citus cluster (skipped: TEST_DATABASE_URL names a single PostgreSQL, which has no workers to delegate to)';

/** A call as the service sent it through the pool: the text and the values, untouched. */
type SentCall = SentLedgerCall;

describe.skipIf(!onCluster)(title, () => {
  let t: TestApp;
  let f: ProgramFixture;
  /** Every ledger call the app sends, in order: the pool's query is wrapped to record them and then send them. */
  const sent: SentCall[] = [];
  useTestProgram((app, program) => {
    t = app;
    f = program;
    recordLedgerCalls(app, sent);
  });

  /** The ledger call a request made: exactly one, the one named. */
  async function sentBy(fn: LedgerFunction, request: () => Promise<unknown>): Promise<SentCall> {
    const before = sent.length;
    await request();
    const calls = sent.slice(before);
    expect(calls.map((c) => c.text)).toEqual([callText(fn)]);
    return calls[0]!;
  }

  async function rows<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await t.pool.query<T>(text, values)).rows;
  }

  /** Host and port of the worker holding the member's shard of the member tables. */
  async function workerOf(memberId: string): Promise<string> {
    const [node] = await rows<{ node: string }>(
      `SELECT n.nodename || ':' || n.nodeport AS node
         FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid)
        WHERE p.shardid = get_shard_id_for_distribution_column('members', $1::text)`,
      [memberId],
    );
    return node!.node;
  }

  async function membersColocation(): Promise<number> {
    const [row] = await rows<{ id: number }>(`SELECT colocationid AS id FROM pg_dist_partition WHERE logicalrelid = 'members'::regclass`);
    return row!.id;
  }

  async function explain(call: SentCall): Promise<string> {
    const plan = await rows<{ 'QUERY PLAN': string }>(`EXPLAIN (VERBOSE) ${call.text}`, call.values);
    return plan.map((r) => r['QUERY PLAN']).join('\n');
  }

  /** The plan of a delegated call: one Citus task, run on the member's worker, which runs the whole function call. */
  async function expectDelegated(fn: LedgerFunction, call: SentCall): Promise<void> {
    const memberId = call.values[0] as string;
    const plan = await explain(call);
    expect(plan).toMatch(/^Custom Scan \(Citus Adaptive\)/);
    expect(plan).toMatch(/^\s+Task Count: 1$/m);
    const tasks = [...plan.matchAll(/^\s+->\s+Task$/gm)];
    expect(tasks, plan).toHaveLength(1);
    const nodes = [...plan.matchAll(/^\s+Node: host=(\S+) port=(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(nodes, plan).toEqual([await workerOf(memberId)]);
    expect(workers.map((w) => `${w.host}:${w.port}`)).toContain(nodes[0]);
    // The worker is sent the function call itself, not the statements inside it.
    expect(plan).toMatch(new RegExp(`^\\s+Query: SELECT (public\\.)?${fn.name}\\(`, 'm'));

    const [object] = await rows<{ argument: number | null; colocation: number }>(
      `SELECT distribution_argument_index AS argument, colocationid AS colocation FROM pg_dist_object
        WHERE classid = 'pg_proc'::regclass AND objid = $1::regprocedure`,
      [`${fn.name}(text, jsonb)`],
    );
    expect(object, `${fn.name} is not in pg_dist_object`).toBeDefined();
    expect(object!.argument, 'distributed by its first argument, the member').toBe(0);
    expect(object!.colocation).toBe(await membersColocation());
  }

  it('a purchase is one call, delegated to the member\'s worker', async () => {
    const member = await enroll(t, f.posKey);
    const call = await sentBy(ledgerEarn, () => purchase(t, f.posKey, member.id, 12_500));
    expect(call.values[0]).toBe(member.id);
    await expectDelegated(ledgerEarn, call);
  });

  it('a redemption is one call, delegated to the member\'s worker', async () => {
    const member = await enroll(t, f.posKey);
    await purchase(t, f.posKey, member.id, 12_500);
    const call = await sentBy(ledgerRedeem, async () => {
      const res = await post(t, f.posKey, '/v1/redemptions', { member_id: member.id, points: 100 });
      expect(res.statusCode, res.body).toBe(201);
    });
    expect(call.values[0]).toBe(member.id);
    await expectDelegated(ledgerRedeem, call);
  });

  it('a hold is one call, delegated to the member\'s worker', async () => {
    const member = await enroll(t, f.posKey);
    await purchase(t, f.posKey, member.id, 12_500);
    const call = await sentBy(ledgerHold, async () => {
      const res = await post(t, f.posKey, '/v1/holds', { member_id: member.id, points: 100 });
      expect(res.statusCode, res.body).toBe(201);
    });
    expect(call.values[0]).toBe(member.id);
    await expectDelegated(ledgerHold, call);
  });

  it('a wallet debit is one call, delegated to the member\'s worker', async () => {
    const member = await enroll(t, f.posKey);
    const credit = await post(t, f.adminKey, `/v1/members/${member.id}/wallet/credits`, { amount: { amount: 500, currency: 'USD' }, reason: 'goodwill' });
    expect(credit.statusCode, credit.body).toBe(201);
    const call = await sentBy(ledgerWalletDebit, async () => {
      const res = await post(t, f.posKey, `/v1/members/${member.id}/wallet/debits`, { amount: { amount: 300, currency: 'USD' }, receipt_id: `R-${member.id}` });
      expect(res.statusCode, res.body).toBe(201);
    });
    expect(call.values[0]).toBe(member.id);
    await expectDelegated(ledgerWalletDebit, call);
  });

  it('members on different workers are delegated to their own worker', async () => {
    // Enough members that both workers hold some (4 shards over 2 workers): each call goes to its member's worker.
    const seen = new Set<string>();
    for (let i = 0; i < 12 && seen.size < workers.length; i++) {
      const member = await enroll(t, f.posKey);
      const call = await sentBy(ledgerEarn, () => purchase(t, f.posKey, member.id, 1_250));
      const plan = await explain(call);
      const node = /Node: host=(\S+) port=(\d+)/.exec(plan)!;
      expect(`${node[1]}:${node[2]}`).toBe(await workerOf(member.id));
      seen.add(`${node[1]}:${node[2]}`);
    }
    expect(seen.size).toBe(workers.length);
  });

  it('every ledger_x(text, jsonb) function is distributed by its member and co-located with members', async () => {
    const functions = await rows<{ fn: string; first: string; argument: number | null; colocation: number | null }>(
      `SELECT p.oid::regprocedure::text AS fn, p.proargnames[1] AS first,
              o.distribution_argument_index AS argument, o.colocationid AS colocation
         FROM pg_proc p
         LEFT JOIN pg_dist_object o ON o.classid = 'pg_proc'::regclass AND o.objid = p.oid
        WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'ledger\\_%' AND p.proargtypes = '25 3802'::oidvector
        ORDER BY 1`,
    );
    expect(functions.length).toBeGreaterThan(10);
    const colocation = await membersColocation();
    const misplaced = functions.filter((f) => f.first !== 'p_member' || f.argument !== 0 || f.colocation !== colocation);
    expect(misplaced).toEqual([]);
  });

  it('every table is placed as src/db/placement.ts says', async () => {
    const placed = await rows<{ table: string; method: string; model: string; column: string | null; colocation: number; groups: number[] }>(
      `SELECT p.logicalrelid::regclass::text AS table, p.partmethod AS method, p.repmodel AS model,
              column_to_column_name(p.logicalrelid, p.partkey) AS column, p.colocationid AS colocation,
              (SELECT array_agg(DISTINCT pl.groupid ORDER BY pl.groupid) FROM pg_dist_shard s JOIN pg_dist_placement pl USING (shardid)
                WHERE s.logicalrelid = p.logicalrelid) AS groups
         FROM pg_dist_partition p`,
    );
    const byTable = new Map(placed.map((p) => [p.table, p]));
    const colocation = await membersColocation();
    const [nodes] = await rows<{ groups: number[] }>(`SELECT array_agg(groupid ORDER BY groupid) AS groups FROM pg_dist_node WHERE noderole = 'primary'`);
    const wrong: string[] = [];
    for (const [table, placement] of Object.entries(PLACEMENTS)) {
      const p = byTable.get(table);
      const is = p ? `${p.method}/${p.model} by ${p.column ?? '-'} colocation ${p.colocation} on groups ${p.groups.join(',')}` : 'not in pg_dist_partition';
      switch (placement.kind) {
        case 'member':
        case 'key':
          if (!p || p.method !== 'h' || p.column !== placement.column || p.colocation !== colocation || p.groups.includes(0)) {
            wrong.push(`${table}: expected hash by ${placement.column}, co-located with members, on the workers; is ${is}`);
          }
          break;
        case 'reference':
          // Replicated to every node, the coordinator included (writes on any worker read it locally).
          if (!p || p.method !== 'n' || p.model !== 't' || p.groups.join(',') !== nodes!.groups.join(',')) {
            wrong.push(`${table}: expected a reference table on every node; is ${is}`);
          }
          break;
        case 'coordinator':
          // Either a plain table or a Citus local table, whose one shard is on the coordinator (group 0).
          if (p && (p.method !== 'n' || p.model !== 's' || p.groups.join(',') !== '0')) wrong.push(`${table}: expected on the coordinator only; is ${is}`);
          break;
      }
    }
    expect(wrong).toEqual([]);
    expect(placed.map((p) => p.table).filter((t) => !(t in PLACEMENTS)), 'distributed tables without a placement').toEqual([]);
  });
});
