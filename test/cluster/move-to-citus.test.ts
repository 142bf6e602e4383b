import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { createClusterDatabase, dropClusterDatabase } from '../helpers/cluster.ts';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, post, purchase } from '../helpers/ledger.ts';
import { databaseUrl } from '../helpers/global-setup.ts';

const run = promisify(execFile);
const workers = inject('clusterWorkers');
const PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * README "Scaling out", moving a single-node database onto Citus: pg_dump the database, restore it into a cluster
 * database, run the migrations (which place every table, copying its rows into their shards), start the service.
 * Here the single node is a plain database on the coordinator's server (no citus extension: an ordinary PostgreSQL).
 */
describe.skipIf(workers.length === 0)('moving a single-node database onto a Citus cluster', () => {
  const adminUrl = inject('adminDatabaseUrl');
  const prefix = inject('databasePrefix');
  const single = `${prefix}single_${randomBytes(3).toString('hex')}`;
  const moved = `${prefix}moved_${randomBytes(3).toString('hex')}`;
  let before: TestApp;
  let f: ProgramFixture;
  const members: string[] = [];
  const balances = new Map<string, unknown>();
  let purchaseId: string;
  let dumpDir: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${single}`);
    await admin.end();
    const pool = createPool({ connectionString: databaseUrl(adminUrl, single), max: 1, statementTimeoutMs: 60_000, connectTimeoutMs: 10_000 });
    await migrate(pool, undefined, { mode: 'single' });
    await pool.end();
    before = await createTestApp({ databaseUrl: databaseUrl(adminUrl, single) });
    f = await createProgramFixture(before);
    for (let i = 0; i < 12; i++) {
      const m = await enroll(before, f.posKey, { external_ref: `crm-${i}` });
      members.push(m.id);
      const bought = await purchase(before, f.posKey, m.id, 12_500 + i * 100);
      if (i === 0) purchaseId = bought.purchase.id;
    }
    // Matured points to spend: an adjustment is available at once.
    await post(before, f.adminKey, '/v1/adjustments', { member_id: members[1]!, points: 500, reason: 'opening balance' });
    await post(before, f.posKey, '/v1/redemptions', { member_id: members[1]!, points: 120 }, 'moved-redemption');
    for (const id of members) balances.set(id, await balanceOf(before, f.readKey, id));
    await before.close();
    dumpDir = await mkdtemp(path.join(tmpdir(), 'pl-move-'));
  });

  afterAll(async () => {
    if (dumpDir) await rm(dumpDir, { recursive: true, force: true });
    await dropClusterDatabase(adminUrl, workers, moved);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${single} WITH (FORCE)`);
    await admin.end();
  });

  it('keeps every balance, key, receipt and replay, and goes on writing as one delegated call per write', async () => {
    const dump = path.join(dumpDir, 'single.dump');
    await run(`${PG_BIN}/pg_dump`, ['--format=custom', '--no-owner', `--file=${dump}`, databaseUrl(adminUrl, single)]);
    await createClusterDatabase(adminUrl, workers, moved);
    await run(`${PG_BIN}/pg_restore`, ['--no-owner', '--exit-on-error', `--dbname=${databaseUrl(adminUrl, moved)}`, dump]);

    const pool = createPool({ connectionString: databaseUrl(adminUrl, moved), max: 1, statementTimeoutMs: 120_000, connectTimeoutMs: 10_000 });
    const placed: string[] = [];
    let rows: { table: string; method: string }[];
    try {
      await migrate(pool, undefined, { mode: 'citus', onTablesPlaced: (tables) => placed.push(...tables) });
      ({ rows } = await pool.query<{ table: string; method: string }>(
        `SELECT logicalrelid::text AS table, partmethod AS method FROM pg_dist_partition ORDER BY 1`,
      ));
    } finally {
      await pool.end();
    }
    expect(placed).toEqual(expect.arrayContaining(['members', 'ledger_transactions', 'events', 'programs']));
    expect(rows.find((r) => r.table === 'ledger_entries')?.method).toBe('h');
    expect(rows.find((r) => r.table === 'api_keys')?.method).toBe('n');

    const after = await createTestApp({ databaseUrl: databaseUrl(adminUrl, moved) });
    try {
      for (const id of members) expect(await balanceOf(after, f.readKey, id), id).toEqual(balances.get(id));
      await expectTrialBalanceOk(after, f.adminKey);
      // A retry of a write made before the move replays it; a taken external_ref is still taken.
      const replay = await post(after, f.posKey, '/v1/redemptions', { member_id: members[1]!, points: 120 }, 'moved-redemption');
      expect(replay.headers['idempotent-replayed']).toBe('true');
      const taken = await after.call({ method: 'POST', url: '/v1/members', key: f.posKey, payload: { external_ref: 'crm-3' } });
      expect(taken.statusCode).toBe(409);
      // New writes, and one on a resource made before the move (found by its id across the shards).
      const returned = await post(after, f.posKey, `/v1/purchases/${purchaseId}/returns`, { receipt_id: 'moved-return', amount: { amount: 12_500, currency: 'AZN' } });
      expect(returned.statusCode, returned.body).toBe(201);
      await purchase(after, f.posKey, members[2]!, 5_000);
      await expectTrialBalanceOk(after, f.adminKey);
      // The feed holds the moved events first, then what the cluster wrote.
      const feed = await after.call({ method: 'GET', url: '/v1/events?limit=1000', key: f.readKey });
      const types = (feed.json() as { data: { type: string }[] }).data.map((e) => e.type);
      expect(types.filter((t) => t === 'member.enrolled')).toHaveLength(12);
      expect(types.filter((t) => t === 'points.returned')).toHaveLength(1);
      expect(types.filter((t) => t === 'points.earned')).toHaveLength(13);
    } finally {
      await after.close();
    }
  });
});
