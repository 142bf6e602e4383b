import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.ts';
import { OPERATOR_TOKEN } from '../helpers/app.ts';
import { exitWithin, processAlive, spawnService, statusOf, until, type ServiceProcess } from '../helpers/service-process.ts';

// The real service on its embedded PostgreSQL (no DATABASE_URL), as its own process.
const services: ServiceProcess[] = [];
const tempDirs: string[] = [];

async function tempDir(mode: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'points-ledger-embedded-'));
  await chmod(dir, mode);
  tempDirs.push(dir);
  return dir;
}

// A failed case must not leave its service (or cluster) running into the next one.
afterEach(() => {
  for (const service of services.splice(0)) service.kill();
});
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<ServiceProcess> {
  const service = spawnService({ port: await freePort(), env: { DATA_DIR: dataDir } });
  services.push(service);
  return service;
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

async function createProgram(service: ServiceProcess, name: string): Promise<number> {
  const res = await fetch(`${service.base}/v1/programs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
    signal: AbortSignal.timeout(5_000),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('supervised embedded PostgreSQL', () => {
  // One cluster for both cases: initdb runs once. The temp directory is 0755 so the postgres system user (when the
  // tests run as root) can reach the cluster inside it.
  let dataDir: string;
  beforeAll(async () => {
    dataDir = path.join(await tempDir(0o755), 'data');
  });

  it('should restart a killed postmaster by itself: readiness and writes come back, and SIGTERM still exits 0 promptly', async () => {
    const service = await start(dataDir);
    await until('the service to be ready', async () => (await statusOf(service.base, '/readyz')) === 200, 90_000, service.output);
    expect(await createProgram(service, 'Before the crash')).toBe(201);

    const killed = await postmasterPid(dataDir);
    process.kill(killed, 'SIGKILL');
    // The pid file can vanish or be half written between two looks while the supervisor restarts the cluster: a
    // failed read is "not yet", not a failure.
    const currentPid = () => postmasterPid(dataDir).catch(() => null);
    await until('the database to be restarted and ready again', async () => {
      if ((await statusOf(service.base, '/readyz')) !== 200) return false;
      const pid = await currentPid();
      return pid !== null && pid > 0 && pid !== killed;
    }, 20_000, service.output);
    const restarted = await postmasterPid(dataDir);
    expect(restarted).not.toBe(killed);
    expect(processAlive(restarted)).toBe(true);
    expect(await createProgram(service, 'After the crash')).toBe(201);

    const began = Date.now();
    service.child.kill('SIGTERM');
    expect(await exitWithin(service, 5_000), service.output()).toBe(0);
    expect(Date.now() - began).toBeLessThan(5_000);
    // It stopped the cluster it restarted.
    await until('the restarted postmaster to be gone', () => !processAlive(restarted), 5_000);
  }, 150_000);

  it('should exit 0 promptly on SIGTERM while the database is dead and cannot be restarted yet', async () => {
    const service = await start(dataDir);
    await until('the service to be ready', async () => (await statusOf(service.base, '/readyz')) === 200, 60_000, service.output);
    const killed = await postmasterPid(dataDir);

    // Moved away at once, the cluster cannot start again: the restarts keep failing and backing off.
    const cluster = path.join(dataDir, 'pg');
    process.kill(killed, 'SIGKILL');
    renameSync(cluster, `${cluster}.away`);
    try {
      await until('readiness to fail', async () => (await statusOf(service.base, '/readyz')) === 503, 10_000, service.output);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await statusOf(service.base, '/readyz')).toBe(503);

      service.child.kill('SIGTERM');
      expect(await exitWithin(service, 5_000), service.output()).toBe(0);
    } finally {
      renameSync(`${cluster}.away`, cluster);
    }
  }, 120_000);

  it('should exit 0 promptly when SIGTERM arrives just as the postmaster dies', async () => {
    const service = await start(dataDir);
    await until('the service to be ready', async () => (await statusOf(service.base, '/readyz')) === 200, 60_000, service.output);
    const killed = await postmasterPid(dataDir);

    process.kill(killed, 'SIGKILL');
    service.child.kill('SIGTERM');
    expect(await exitWithin(service, 5_000), service.output()).toBe(0);
    // No cluster is left running behind it (a restart begun during shutdown was stopped too).
    await new Promise((r) => setTimeout(r, 500));
    if (existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))) expect(processAlive(await postmasterPid(dataDir))).toBe(false);
  }, 120_000);
});

describe('a DATA_DIR the postgres system user cannot reach', () => {
  it.skipIf(process.getuid?.() !== 0)('should fail at once, naming the directory that blocks it and the fix', async () => {
    // mktemp -d makes a 0700 directory: as root the cluster runs as `postgres`, which cannot traverse it.
    const parent = await tempDir(0o700);
    const dataDir = path.join(parent, 'data');
    const service = await start(dataDir);
    const began = Date.now();
    expect(await exitWithin(service, 10_000), service.output()).toBe(78);
    expect(Date.now() - began).toBeLessThan(10_000);
    const output = service.output();
    expect(output).toContain(`DATA_DIR: ${dataDir}`);
    expect(output).toContain(`${parent} (mode 0700`);
    expect(output).toContain(`chmod o+x ${parent}`);
    expect(output).not.toMatch(/initdb|Permission denied/i);
    // Refused before anything was created there.
    expect(existsSync(dataDir)).toBe(false);
  }, 30_000);
});
