import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSecret, isWellFormedSecret } from '../../src/api-keys/secrets.ts';
import { OPERATOR_TOKEN, createProgramFixture, createTestApp, issueKey, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

/** A key of the right shape with one character of its random part changed: the checksum no longer matches. */
function mistyped(secret: string): string {
  const i = 10;
  return secret.slice(0, i) + (secret[i] === 'A' ? 'B' : 'A') + secret.slice(i + 1);
}

/** Counts connections taken from the app's pool (every query, auth's key lookup included, takes one). */
function countLookups(t: TestApp) {
  const spy = vi.spyOn(t.pool, 'connect');
  return {
    get count() {
      return spy.mock.calls.length;
    },
    restore: () => spy.mockRestore(),
  };
}

describe('refusing bad keys without the database', () => {
  let t: TestApp;
  let p: ProgramFixture;

  beforeAll(async () => {
    t = await createTestApp();
    p = await createProgramFixture(t);
  });
  afterAll(() => t.close());

  it('should issue keys that carry their own checksum', async () => {
    const key = await issueKey(t, p.adminKey, 'read');
    expect(key.secret).toMatch(/^plk_[A-Za-z0-9_-]{43}[0-9a-f]{8}$/);
    expect(isWellFormedSecret(key.secret)).toBe(true);
    expect(isWellFormedSecret(mistyped(key.secret))).toBe(false);
  });

  it.each([
    ['a mistyped key', () => mistyped(p.readKey)],
    ['a truncated key', () => p.readKey.slice(0, -1)],
    ['a made-up key', () => 'plk_notarealkey0000000000000000000000000000'],
    ['a key without the prefix', () => p.readKey.slice(4)],
  ])('should refuse %s with 401 without a database query', async (_name, key) => {
    const lookups = countLookups(t);
    try {
      expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: key(), remoteAddress: '192.0.2.10' }), 401, 'unauthenticated');
      expect(lookups.count).toBe(0);
    } finally {
      lookups.restore();
    }
  });

  it('should look an unknown well-formed key up once, and refuse it again from memory', async () => {
    const unknown = generateSecret();
    const lookups = countLookups(t);
    try {
      for (let i = 0; i < 5; i++) {
        expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: unknown, remoteAddress: '192.0.2.11' }), 401, 'unauthenticated');
      }
      expect(lookups.count).toBe(1);
    } finally {
      lookups.restore();
    }
  });

  it('should still refuse a revoked key at once after it was accepted, and keep refusing it', async () => {
    const key = await issueKey(t, p.adminKey, 'pos');
    expect((await t.call({ method: 'GET', url: '/v1/members', key: key.secret })).statusCode).toBe(200);
    expect((await t.call({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, key: p.adminKey })).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: key.secret }), 401, 'unauthenticated');
  });
});

describe('failed authentications per client address', () => {
  const LIMIT = 5;
  const DELAY_MS = 200;
  let t: TestApp;
  let p: ProgramFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_WINDOW_MS: '60000', AUTH_FAILURE_DELAY_MS: String(DELAY_MS) } });
    p = await createProgramFixture(t);
  });
  afterAll(() => t.close());

  it('should answer 429 with Retry-After once an address has failed too often, held for a while, without asking the database', async () => {
    const attacker = '198.51.100.7';
    // A valid key the attacker's address used before it started failing.
    expect((await t.call({ method: 'GET', url: '/v1/members', key: p.readKey, remoteAddress: attacker })).statusCode).toBe(200);
    for (let i = 0; i < LIMIT; i++) {
      expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: generateSecret(), remoteAddress: attacker }), 401, 'unauthenticated');
    }

    const lookups = countLookups(t);
    try {
      const started = performance.now();
      const blocked = await t.call({ method: 'GET', url: '/v1/members', key: generateSecret(), remoteAddress: attacker });
      // Held, so each flooding connection sends about one request per delay.
      expect(performance.now() - started).toBeGreaterThanOrEqual(DELAY_MS - 10);
      expectProblem(blocked, 429, 'rate_limited');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
      expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: mistyped(p.posKey), remoteAddress: attacker }), 429, 'rate_limited');
      expect(lookups.count).toBe(0);
    } finally {
      lookups.restore();
    }

    // Other addresses are untouched, and a key this instance already accepted still works from the blocked one.
    expect((await t.call({ method: 'GET', url: '/v1/members', key: p.posKey, remoteAddress: '203.0.113.5' })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/v1/members', key: p.readKey, remoteAddress: attacker })).statusCode).toBe(200);
  });

  it('should never throttle an address whose requests succeed', async () => {
    for (let i = 0; i < LIMIT * 4; i++) {
      expect((await t.call({ method: 'GET', url: '/v1/members', key: p.readKey, remoteAddress: '203.0.113.9' })).statusCode).toBe(200);
    }
  });

  it('should count failed operator tokens too', async () => {
    const address = '198.51.100.8';
    for (let i = 0; i < LIMIT; i++) {
      expectProblem(await t.call({ method: 'POST', url: '/v1/programs', key: `wrong-operator-token-${i}`, remoteAddress: address, payload: { name: 'x' } }), 401, 'unauthenticated');
    }
    expectProblem(await t.call({ method: 'POST', url: '/v1/programs', key: 'wrong-operator-token-x', remoteAddress: address, payload: { name: 'x' } }), 429, 'rate_limited');
    // The right token is never a failure.
    const created = await t.call({ method: 'POST', url: '/v1/programs', key: OPERATOR_TOKEN, remoteAddress: address, payload: { name: 'x' } });
    expect(created.statusCode).toBe(201);
  });
});

describe('holding the answers to an address over the limit', () => {
  const DELAY_MS = 200;
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_FAILURE_LIMIT: '1', AUTH_FAILURE_DELAY_MS: String(DELAY_MS) } });
  });
  afterAll(() => t.close());

  it('should space the answers to one address however many connections it floods on', async () => {
    const address = '198.51.100.20';
    expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: generateSecret(), remoteAddress: address }), 401, 'unauthenticated');
    const started = performance.now();
    const answered = await Promise.all(
      Array.from({ length: 256 }, async () => {
        const res = await t.call({ method: 'GET', url: '/v1/members', key: generateSecret(), remoteAddress: address });
        expect(res.statusCode).toBe(429);
        return performance.now() - started;
      }),
    );
    // At most 64 answers per delay: 256 take about four delays, not one.
    expect(Math.min(...answered)).toBeGreaterThanOrEqual(DELAY_MS - 10);
    expect(Math.max(...answered) - Math.min(...answered)).toBeGreaterThanOrEqual((255 * DELAY_MS) / 64 - 100);
  });
});

describe('closing while answers are held', () => {
  it('should answer held requests at once and close promptly', async () => {
    const t = await createTestApp({ env: { AUTH_FAILURE_LIMIT: '1', AUTH_FAILURE_DELAY_MS: '10000' } });
    const address = '198.51.100.30';
    expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: generateSecret(), remoteAddress: address }), 401, 'unauthenticated');
    const held = t.call({ method: 'GET', url: '/v1/members', key: generateSecret(), remoteAddress: address });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await t.app.close();
    expect((await held).statusCode).toBe(429);
    expect(performance.now() - started).toBeLessThan(5_000);
    await t.close();
  });
});
