import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, OPERATOR_TOKEN, UNREACHABLE_DATABASE_URL, type TestApp } from '../helpers/app.ts';

/** A "database" that accepts connections and never says a word: a hung server, or a firewall that swallows packets. */
async function hangingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/hangs`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('readiness when the database hangs', () => {
  let hanging: Awaited<ReturnType<typeof hangingServer>>;
  let t: TestApp;
  beforeAll(async () => {
    hanging = await hangingServer();
    // A connect timeout far beyond the readiness bound: /readyz must not wait for it.
    t = await createTestApp({ databaseUrl: hanging.url, env: { DB_CONNECT_TIMEOUT_MS: '30000' } });
  });
  afterAll(async () => {
    await hanging.close();
    await t.close();
  });

  it('should answer /readyz 503 within about 2 s, saying the database does not answer', async () => {
    const started = performance.now();
    const res = await t.call({ method: 'GET', url: '/readyz' });
    const elapsed = performance.now() - started;
    expect(res.statusCode).toBe(503);
    expect(elapsed).toBeLessThan(3_000);
    expect(res.headers['retry-after']).toBeDefined();
    const body = res.json();
    expect(body.code).toBe('database_unavailable');
    expect(body.detail).toMatch(/database did not answer within 2 s/i);
  });

  it('should answer /readyz within the bound again while earlier checks still hang', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => t.call({ method: 'GET', url: '/readyz' })));
    for (const res of results) expect(res.statusCode).toBe(503);
    const started = performance.now();
    const res = await t.call({ method: 'GET', url: '/readyz' });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(res.json().code).toBe('database_unavailable');
  });
});

describe('a request when the database does not accept connections in time', () => {
  let hanging: Awaited<ReturnType<typeof hangingServer>>;
  let t: TestApp;
  beforeAll(async () => {
    hanging = await hangingServer();
    t = await createTestApp({ databaseUrl: hanging.url, env: { DB_CONNECT_TIMEOUT_MS: '300' } });
  });
  afterAll(async () => {
    await hanging.close();
    await t.close();
  });

  it('should say the database is unavailable, not that the service is busy', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/programs', key: OPERATOR_TOKEN, payload: { name: 'Down', settings: {} } });
    expect(res.statusCode).toBe(503);
    const body = res.json();
    expect(body.code).toBe('database_unavailable');
    expect(body.detail).not.toMatch(/busy/i);
  });
});

describe('readiness when the database is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ databaseUrl: UNREACHABLE_DATABASE_URL });
  });
  afterAll(async () => t.close());

  it('should say the database does not answer', async () => {
    const res = await t.call({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'database_unavailable' });
    expect(res.json().detail).toBe('The database refuses connections.');
  });
});
