import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createProgramFixture, type TestApp, type ProgramFixture } from '../helpers/app.ts';
import { loadConfig } from '../../src/config.ts';

const ORIGIN = 'https://console.example.com';

describe('CORS with CORS_ORIGINS set', () => {
  let t: TestApp;
  let p: ProgramFixture;
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: `${ORIGIN}, http://localhost:3000` } });
    p = await createProgramFixture(t);
  });
  afterAll(async () => t.close());

  it('should answer a preflight OPTIONS from an allowed origin with the methods and headers clients send', async () => {
    const res = await t.call({
      method: 'OPTIONS',
      url: '/v1/members',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    const methods = String(res.headers['access-control-allow-methods']).split(/\s*,\s*/);
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
    const headers = String(res.headers['access-control-allow-headers']).toLowerCase().split(/\s*,\s*/);
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
  });

  it('should expose the headers clients read on a cross-origin response', async () => {
    const res = await t.call({ method: 'GET', url: '/v1/program', key: p.readKey, headers: { origin: 'http://localhost:3000' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const exposed = String(res.headers['access-control-expose-headers']).toLowerCase().split(/\s*,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['idempotent-replayed', 'x-request-id', 'retry-after', 'ratelimit', 'ratelimit-policy']));
  });

  it('should not allow an origin that is not listed', async () => {
    const res = await t.call({
      method: 'OPTIONS',
      url: '/v1/members',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('should send no CORS headers', async () => {
    const res = await t.call({ method: 'GET', url: '/healthz', headers: { origin: ORIGIN } });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const preflight = await t.call({ method: 'OPTIONS', url: '/v1/members', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('should serve an API document whose server is this service, whatever address it was reached at', async () => {
    const res = await t.call({ method: 'GET', url: '/openapi.json' });
    expect(res.json().servers).toEqual([expect.objectContaining({ url: '/' })]);
  });
});

describe('CORS_ORIGINS', () => {
  it('should be a comma-separated list of origins, empty by default', () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:3000 ' }).CORS_ORIGINS).toEqual(['https://a.example', 'http://localhost:3000']);
  });

  it('should refuse an entry that is not an origin', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'not a url' })).toThrow(/CORS_ORIGINS/);
  });
});
