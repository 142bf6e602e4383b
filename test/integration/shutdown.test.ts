import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.ts';
import { OPERATOR_TOKEN } from '../helpers/app.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { exitWithin, processAlive, spawnService, statusOf, until, type ServiceProcess } from '../helpers/service-process.ts';

// Shutdown and failed starts of the real process, as an operator sees them in its log.
let service: ServiceProcess | undefined;
const tempDirs: string[] = [];

afterEach(() => service?.kill());
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'points-ledger-shutdown-'));
  tempDirs.push(parent);
  await chmod(parent, 0o755);
  return path.join(parent, 'data');
}

/** Every line the service wrote, parsed: each must be a JSON log line. */
function logLines(output: string): Array<{ level: number; msg: string; [key: string]: unknown }> {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`not a JSON log line: ${line}\n--- output ---\n${output.slice(-4_000)}`);
      }
    });
}

/** Ledger writes from `connections` clients at once until stop() is called; returns how many got any answer. */
async function load(base: string, connections: number): Promise<{ stop(): Promise<number> }> {
  const headers = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
  const program = (await (await fetch(`${base}/v1/programs`, { method: 'POST', headers: headers(OPERATOR_TOKEN), body: JSON.stringify({ name: 'Load', settings: {} }) })).json()) as { api_key: { secret: string } };
  const key: string = program.api_key.secret;
  const member = (await (await fetch(`${base}/v1/members`, { method: 'POST', headers: headers(key), body: JSON.stringify({}) })).json()) as { id: string };
  let running = true;
  let answered = 0;
  const statuses = new Map<number, number>();
  let receipt = 0;
  const worker = async () => {
    while (running) {
      try {
        const res = await fetch(`${base}/v1/purchases`, {
          method: 'POST',
          headers: { ...headers(key), 'idempotency-key': randomUUID() },
          body: JSON.stringify({ member_id: member.id, receipt_id: `r-${receipt++}`, amount: { amount: 1000, currency: 'AZN' } }),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        answered++;
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const workers = Array.from({ length: connections }, worker);
  await until('load to get going', () => (statuses.get(201) ?? 0) > 50, 30_000);
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return answered;
    },
  };
}

/**
 * `perRequest`: problems of single requests that may be logged (the terminal's Ctrl-C stops the embedded PostgreSQL
 * at once, under the requests then in flight); nothing else may warn.
 */
function expectCleanShutdown(output: string, perRequest: string[] = []) {
  const lines = logLines(output);
  expect(output).not.toContain('second error');
  expect(output).not.toMatch(/second SIG/);
  expect(lines.map((l) => l.msg)).toContain('stopped');
  const warnings = lines.filter((l) => l.level >= 40 && !perRequest.includes(l.msg));
  expect(warnings.map((l) => l.msg), output.slice(-4_000)).toEqual([]);
}

describe('shutdown under load', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('should drain on SIGTERM without errors or connection warnings', async () => {
    service = spawnService({ port: await freePort(), env: { DATABASE_URL: database.url, LOG_LEVEL: 'info' } });
    await until('the service to be ready', async () => (await statusOf(service!.base, '/readyz')) === 200, 60_000, service.output);
    const traffic = await load(service.base, 24);
    service.child.kill('SIGTERM');
    expect(await exitWithin(service, 15_000), service.output()).toBe(0);
    await traffic.stop();
    expectCleanShutdown(service.output());
  }, 120_000);

  it('should drain on Ctrl-C with the embedded database, which the terminal signals too', async () => {
    const dir = await dataDir();
    service = spawnService({ port: await freePort(), env: { DATA_DIR: dir, LOG_LEVEL: 'info' } });
    await until('the service to be ready', async () => (await statusOf(service!.base, '/readyz')) === 200, 90_000, service.output);
    const traffic = await load(service.base, 24);
    // A terminal sends SIGINT to the whole foreground process group: node and the PostgreSQL it started.
    process.kill(-service.child.pid!, 'SIGINT');
    expect(await exitWithin(service, 20_000), service.output()).toBe(0);
    await traffic.stop();
    expectCleanShutdown(service.output(), ['database unreachable']);
    expect(service.output()).not.toContain('"problem_code":"overloaded"');
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 180_000);
});

describe('a failed start', () => {
  it('should stop the embedded PostgreSQL it started when the port is in use, and log the failure as JSON', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const dir = await dataDir();
      service = spawnService({ port, env: { DATA_DIR: dir, LOG_LEVEL: 'info' } });
      const exit = await exitWithin(service, 90_000);
      expect(exit, service.output()).toBe(1);
      const lines = logLines(service.output());
      const failure = lines.find((l) => l.level >= 50);
      expect(failure, service.output()).toMatchObject({ msg: expect.stringMatching(/failed to start/) });
      expect(JSON.stringify(failure)).toContain('EADDRINUSE');
      expect(existsSync(path.join(dir, 'pg', 'postmaster.pid')), service.output()).toBe(false);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 120_000);

  it('should log a configuration error as JSON and exit 78', async () => {
    service = spawnService({ port: 8080, env: { PORT: 'eighty', DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none' } });
    expect(await exitWithin(service, 30_000), service.output()).toBe(78);
    const [line] = logLines(service.output());
    expect(line).toMatchObject({ level: 60, msg: expect.stringContaining('PORT') });
    expect(processAlive(service.child.pid!)).toBe(false);
  }, 60_000);
});
