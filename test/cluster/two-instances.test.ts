import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ownClusterUnavailable, startOwnCluster, type OwnCluster } from '../../bench/citus-cluster.ts';
import { freePort } from '../../src/db/embedded.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { OPERATOR_TOKEN } from '../helpers/app.ts';
import { createClusterDatabase } from '../helpers/cluster.ts';
import { spawnService, statusOf, until, type ServiceProcess } from '../helpers/service-process.ts';

/**
 * Two real service processes on one Citus cluster of the test's own (it stops a worker, so never the shared one):
 * spends through both never overspend, an Idempotency-Key replays across them, and a worker stopped under load
 * (`pg_ctl -m immediate`) loses no acknowledged write while its members are answered 503 database_unavailable.
 *
 * Opt-in, CITUS_TWO_INSTANCES=1: it starts three PostgreSQL servers and two services and kills one server, about
 * a minute on two cores. Skipped, with the reason in its name, where Citus or cluster.sh is missing.
 */
const unavailable = process.env['CITUS_TWO_INSTANCES'] === '1' ? await ownClusterUnavailable() : 'set CITUS_TWO_INSTANCES=1 to run it';

interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

async function send(base: string, method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? null : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** Runs `tasks` with at most `limit` in flight. */
async function inParallel<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let i = next++; i < tasks.length; i = next++) results[i] = await tasks[i]!();
    }),
  );
  return results;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(unavailable !== null)(`two service instances on one Citus cluster${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: OwnCluster;
  let pool: pg.Pool;
  const services: ServiceProcess[] = [];
  let a: string;
  let b: string;
  let admin: string;
  let pos: string;
  let read: string;

  /** Where each member's shard lives. */
  async function workerOf(memberIds: string[]): Promise<Map<string, number>> {
    const { rows } = await pool.query<{ id: string; port: number }>(
      `SELECT m.id, p.nodeport AS port FROM unnest($1::text[]) AS m(id)
         JOIN pg_dist_shard_placement p ON p.shardid = get_shard_id_for_distribution_column('members', m.id)`,
      [memberIds],
    );
    return new Map(rows.map((r) => [r.id, r.port]));
  }

  async function enroll(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await send(i % 2 ? b : a, 'POST', '/v1/members', admin, { name: `Member ${i}` });
      expect(res.status, res.text).toBe(201);
      ids.push((JSON.parse(res.text) as { id: string }).id);
    }
    return ids;
  }

  const purchaseBody = (memberId: string) => ({ member_id: memberId, receipt_id: `R-${randomUUID()}`, amount: { amount: 1250, currency: 'AZN' } });

  async function available(memberId: string): Promise<number> {
    const res = await send(a, 'GET', `/v1/members/${memberId}/balance`, read);
    expect(res.status, res.text).toBe(200);
    return (JSON.parse(res.text) as { available: number }).available;
  }

  async function expectTrialBalanceOk(): Promise<void> {
    const res = await send(b, 'GET', '/v1/audit/trial-balance', admin);
    expect(res.status, res.text).toBe(200);
    const report = JSON.parse(res.text) as { ok: boolean; checks: Array<{ ok: boolean }> };
    expect(report.checks.filter((c) => !c.ok), res.text).toEqual([]);
    expect(report.ok).toBe(true);
  }

  beforeAll(async () => {
    cluster = await startOwnCluster();
    const workers = cluster.workerPorts.map((port) => ({ host: '127.0.0.1', port }));
    await createClusterDatabase(cluster.url, workers, 'pl_two_instances');
    const url = new URL(cluster.url);
    url.pathname = '/pl_two_instances';
    pool = createPool({ connectionString: url.toString(), max: 4, statementTimeoutMs: 60_000, connectTimeoutMs: 10_000 });
    pool.on('error', () => undefined);
    await migrate(pool);
    for (let i = 0; i < 2; i++) {
      const service = spawnService({ port: await freePort(), env: { DATABASE_URL: url.toString(), MIGRATE_ON_START: 'false', DB_CONNECT_TIMEOUT_MS: '5000' } });
      services.push(service);
      await until(`instance ${i} ready`, async () => (await statusOf(service.base, '/readyz')) === 200, 60_000, service.output);
    }
    [a, b] = services.map((s) => s.base) as [string, string];
    // One tier without a benefit and no velocity limit: every balance below is exactly what the test wrote.
    const created = await send(a, 'POST', '/v1/programs', OPERATOR_TOKEN, {
      name: 'two instances',
      settings: { tiers: [{ name: 'member', threshold: 0, multiplier: 1, benefit: null }], velocity: null },
    });
    expect(created.status, created.text).toBe(201);
    admin = (JSON.parse(created.text) as { api_key: { secret: string } }).api_key.secret;
    const issue = async (role: string) => (JSON.parse((await send(b, 'POST', '/v1/api-keys', admin, { role })).text) as { secret: string }).secret;
    pos = await issue('pos');
    read = await issue('read');
  }, 240_000);

  afterAll(async () => {
    for (const service of services) service.kill();
    await pool?.end().catch(() => undefined);
    await cluster?.destroy();
  }, 60_000);

  it('spends through both instances on the same members never overspend', async () => {
    const members = await enroll(50);
    const placed = new Set((await workerOf(members)).values());
    expect(placed.size, 'the members are spread over both workers').toBe(2);
    for (const [i, member] of members.entries()) {
      const res = await send(i % 2 ? a : b, 'POST', '/v1/adjustments', admin, { member_id: member, points: 100, reason: 'funding' }, { 'idempotency-key': randomUUID() });
      expect(res.status, res.text).toBe(201);
    }
    // 12 redemptions of 10 points for each member holding 100, every one of them at once over both instances.
    const attempts = members.flatMap((member) => Array.from({ length: 12 }, (_, n) => ({ member, instance: n % 2 ? a : b })));
    const answers = await inParallel(
      attempts.map(({ member, instance }) => () => send(instance, 'POST', '/v1/redemptions', pos, { member_id: member, points: 10 }, { 'idempotency-key': randomUUID() })),
      48,
    );
    for (const member of members) {
      const mine = answers.filter((_, i) => attempts[i]!.member === member);
      const statuses = mine.map((r) => r.status).sort();
      expect(statuses, mine.map((r) => r.text).join('\n')).toEqual([...Array(10).fill(201), 422, 422]);
      for (const refused of mine.filter((r) => r.status === 422)) expect(JSON.parse(refused.text)).toMatchObject({ code: 'insufficient_points' });
    }
    const balances = await Promise.all(members.map(available));
    expect(balances).toEqual(members.map(() => 0));
    await expectTrialBalanceOk();
  });

  it('replays an Idempotency-Key across instances, and concurrent duplicates to both write once', async () => {
    const [member] = await enroll(1);
    const key = randomUUID();
    const body = purchaseBody(member!);
    const first = await send(a, 'POST', '/v1/purchases', pos, body, { 'idempotency-key': key });
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retry = await send(b, 'POST', '/v1/purchases', pos, body, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const duplicateKey = randomUUID();
    const duplicateBody = purchaseBody(member!);
    const duplicates = await Promise.all(Array.from({ length: 8 }, (_, i) => send(i % 2 ? b : a, 'POST', '/v1/purchases', pos, duplicateBody, { 'idempotency-key': duplicateKey })));
    expect(duplicates.map((r) => r.status)).toEqual(duplicates.map(() => 201));
    expect(new Set(duplicates.map((r) => r.text)).size, 'every duplicate answers the same bytes').toBe(1);
    expect(duplicates.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_transactions WHERE member_id = $1 AND type = 'earn'`, [member]);
    expect(rows[0]!.n).toBe(2);
    expect(await available(member!)).toBe(200);

    // A creation's key (scoped by its program) replays across instances too.
    const enrolKey = randomUUID();
    const created = await send(a, 'POST', '/v1/members', admin, { name: 'Once' }, { 'idempotency-key': enrolKey });
    const again = await send(b, 'POST', '/v1/members', admin, { name: 'Once' }, { 'idempotency-key': enrolKey });
    expect(created.status, created.text).toBe(201);
    expect(again.text).toBe(created.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await expectTrialBalanceOk();
  });

  describe('a worker stopped and restarted under load', () => {
    interface Sent {
      member: string;
      key: string;
      body: ReturnType<typeof purchaseBody>;
      instance: string;
      startedAt: number;
      endedAt: number;
      answer: Answer;
    }
    const sent: Sent[] = [];
    let members: string[];
    let placement: Map<string, number>;
    let stopped: number;
    let down: { from: number; to: number };
    let recoveredAt: number;

    beforeAll(async () => {
      members = await enroll(40);
      placement = await workerOf(members);
      stopped = cluster.workerPorts[1]!;
      let running = true;
      let n = 0;
      const loop = async () => {
        while (running) {
          const member = members[n % members.length]!;
          const instance = n++ % 2 ? a : b;
          const body = purchaseBody(member);
          const key = randomUUID();
          const startedAt = Date.now();
          // A request the service never answers is recorded as status 0, which the first check below refuses.
          const answer = await send(instance, 'POST', '/v1/purchases', pos, body, { 'idempotency-key': key }).catch(
            (error: unknown): Answer => ({ status: 0, text: String(error), headers: new Headers() }),
          );
          sent.push({ member, key, body, instance, startedAt, endedAt: Date.now(), answer });
        }
      };
      const loops = Array.from({ length: 12 }, loop);
      try {
        await sleep(3_000);
        await cluster.stopNode(stopped);
        down = { from: Date.now(), to: 0 };
        await sleep(4_000);
        down.to = Date.now();
        await cluster.startNode(stopped);
        // A write prepared on the stopped worker when it went down is resolved by Citus's 2PC recovery (every
        // citus.recover_2pc_interval, 60 s by default); until then it holds its member's row lock. Run it now (the
        // first attempts may meet a connection to the worker the coordinator cached before the stop).
        await until('2PC recovery on the coordinator', () => pool.query('SELECT recover_prepared_transactions()').then(() => true, () => false), 30_000);
        // Both instances reach the restarted worker again: a purchase of one of its members succeeds through each.
        const itsMember = members.find((m) => placement.get(m) === stopped)!;
        for (const instance of [a, b]) {
          await until('a write on the restarted worker', async () => (await send(instance, 'POST', '/v1/purchases', pos, purchaseBody(itsMember), { 'idempotency-key': randomUUID() })).status === 201, 30_000);
        }
        recoveredAt = Date.now();
        await sleep(3_000);
      } finally {
        running = false;
        await Promise.all(loops);
      }
    }, 120_000);

    it('answers every request 201, or 503 database_unavailable as problem+json with Retry-After', () => {
      expect(sent.length).toBeGreaterThan(100);
      const other = sent.filter((s) => s.answer.status !== 201 && s.answer.status !== 503);
      // With the services' log lines of each such request, which name the database error behind it.
      const logged = (text: string) => {
        const id = /"request_id":"([^"]+)"/.exec(text)?.[1];
        return id ? services.flatMap((service) => service.output().split('\n').filter((line) => line.includes(id))).join('\n') : '';
      };
      expect(other.map((s) => `${s.answer.status} ${s.answer.text}\n${logged(s.answer.text)}`)).toEqual([]);
      for (const s of sent.filter((x) => x.answer.status === 503)) {
        expect(JSON.parse(s.answer.text)).toMatchObject({ status: 503, code: 'database_unavailable' });
        expect(s.answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(Number(s.answer.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    });

    it('answers 503 for the stopped worker\'s members while it is down', () => {
      const whileDown = sent.filter((s) => s.startedAt > down.from + 200 && s.endedAt < down.to && placement.get(s.member) === stopped);
      expect(whileDown.length).toBeGreaterThan(10);
      expect(whileDown.map((s) => s.answer.status)).toEqual(whileDown.map(() => 503));
    });

    it('keeps writing for the other worker\'s members while one is down', () => {
      const whileDown = sent.filter((s) => s.startedAt > down.from + 200 && s.endedAt < down.to && placement.get(s.member) !== stopped);
      expect(whileDown.length).toBeGreaterThan(10);
      expect(whileDown.filter((s) => s.answer.status !== 201).map((s) => s.answer.text)).toEqual([]);
    });

    it('answers every request 201 again once the worker is back', () => {
      const after = sent.filter((s) => s.startedAt > recoveredAt);
      expect(after.length).toBeGreaterThan(10);
      expect(after.filter((s) => s.answer.status !== 201).map((s) => s.answer.text)).toEqual([]);
    });

    it('lost no acknowledged write, and every refused one is safe to retry with its key', async () => {
      const acknowledged = sent.filter((s) => s.answer.status === 201);
      const ids = acknowledged.map((s) => (JSON.parse(s.answer.text) as { transaction: { id: string } }).transaction.id);
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM ledger_transactions WHERE id = ANY($1)', [ids]);
      expect(ids.filter((id) => !rows.some((r) => r.id === id))).toEqual([]);
      // A 503 may or may not have been written: the retry with the same key tells, and writes it at most once.
      const retried = await inParallel(
        sent.filter((s) => s.answer.status !== 201).map((s) => () => send(s.instance === a ? b : a, 'POST', '/v1/purchases', pos, s.body, { 'idempotency-key': s.key })),
        12,
      );
      expect(retried.filter((r) => r.status !== 201).map((r) => r.text)).toEqual([]);
      // Every request of the run is in the ledger exactly once, and each balance is what its recorded purchases gave.
      const { rows: keys } = await pool.query<{ key: string; n: number }>(
        `SELECT idempotency_key AS key, count(*)::int AS n FROM ledger_transactions WHERE idempotency_key = ANY($1) GROUP BY idempotency_key`,
        [sent.map((s) => s.key)],
      );
      expect(keys.length).toBe(sent.length);
      expect(keys.filter((k) => k.n !== 1)).toEqual([]);
      const { rows: counts } = await pool.query<{ member_id: string; n: number }>(
        `SELECT member_id, count(*)::int AS n FROM ledger_transactions WHERE member_id = ANY($1) AND type = 'earn' GROUP BY member_id`,
        [members],
      );
      const earned = new Map(counts.map((r) => [r.member_id, r.n]));
      for (const member of members) expect(await available(member), member).toBe(100 * (earned.get(member) ?? 0));
      await expectTrialBalanceOk();
    });
  });
});
