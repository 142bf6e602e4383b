import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { exitWithin, spawnService, statusOf, until, type ServiceProcess } from '../helpers/service-process.ts';

// The README's start command, as a process manager or a terminal runs it.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let service: ServiceProcess | undefined;
const tempDirs: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterEach(() => {
  // The whole process group: before the fix, node outlived npm and kept serving.
  service?.kill();
});

afterAll(async () => {
  await database?.drop();
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

async function npmStart(env: Record<string, string>): Promise<ServiceProcess> {
  service = spawnService({
    port: await freePort(),
    command: ['npm', 'start', '--silent'],
    env: { LOG_LEVEL: 'info', npm_config_update_notifier: 'false', ...env },
  });
  await until('the service to be ready', async () => (await statusOf(service!.base, '/readyz')) === 200, 60_000, service.output);
  return service;
}

it('should stop the service gracefully when a process manager sends SIGTERM to `npm start`', async () => {
  const npm = await npmStart({ DATABASE_URL: database.url });

  npm.child.kill('SIGTERM');
  expect(await exitWithin(npm, 10_000), npm.output()).toBe(0);
  // node itself stopped (not orphaned by npm's shell): nothing listens on its port any more.
  await until('the port to close', async () => (await statusOf(npm.base, '/healthz')) === null, 5_000, npm.output);
  expect(npm.output()).toContain('"msg":"stopped"');
}, 90_000);

it('should stop the service and its embedded database gracefully on Ctrl-C, which signals npm and node alike', async () => {
  // The README's quick start: the embedded database, whose shutdown takes long enough for npm's copy to arrive during it.
  const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'points-ledger-npm-')), 'data');
  tempDirs.push(path.dirname(dataDir));
  await chmod(path.dirname(dataDir), 0o755);
  const npm = await npmStart({ DATA_DIR: dataDir });

  // A terminal sends SIGINT to the whole foreground process group; npm forwards its copy to node as well.
  process.kill(-npm.child.pid!, 'SIGINT');
  expect(await exitWithin(npm, 10_000), npm.output()).toBe(0);
  expect(npm.output()).toContain('"msg":"stopped"');
  expect(npm.output()).not.toContain('second SIGINT');
  expect(await statusOf(npm.base, '/healthz')).toBeNull();
  // PostgreSQL removes its pid file when it has shut down cleanly.
  expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
}, 120_000);
