import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

const LEAKED_SECRET = 'pg password=hunter2 at /srv/points-ledger/src/secret.ts:42';

let t: TestApp;
let p: ProgramFixture;

beforeAll(async () => {
  t = await createTestApp({
    env: { BODY_LIMIT_BYTES: '1024' },
    beforeReady: (app) => {
      // Stand-ins for a bug: a handler that throws, and one that answers with a body its schema does not allow.
      app.get('/test/boom', { config: { access: 'public' } }, async () => {
        throw new Error(LEAKED_SECRET);
      });
      app.get('/test/reject', { config: { access: 'public' } }, async () => Promise.reject(Object.assign(new Error(LEAKED_SECRET), { code: 'XX000' })));
    },
  });
  p = await createProgramFixture(t);
});
afterAll(() => t.close());

describe('problem+json errors', () => {
  it('should answer an unknown route with 404 route_not_found', async () => {
    const problem = expectProblem(await t.call({ method: 'GET', url: '/v1/nothing-here' }), 404, 'route_not_found');
    expect(problem).toMatchObject({ type: 'https://docs.points-ledger.dev/problems/route_not_found', title: 'Not found', instance: '/v1/nothing-here' });
  });

  it('should answer a known path with the wrong method with 405 and an Allow header', async () => {
    const res = await t.call({ method: 'PUT', url: '/v1/members', key: p.posKey, payload: {} });
    expectProblem(res, 405, 'method_not_allowed');
    expect(String(res.headers['allow']).split(', ').sort()).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(String(res.headers['allow'])).not.toMatch(/PATCH|DELETE|PUT/);
  });

  it('should list the methods of a parameterised path in Allow', async () => {
    const res = await t.call({ method: 'DELETE', url: '/v1/members/mem_01jdq3v7f8e9t0sw2p1x5m3k4z', key: p.posKey });
    expectProblem(res, 405, 'method_not_allowed');
    expect(String(res.headers['allow']).split(', ')).toEqual(expect.arrayContaining(['GET', 'PATCH']));
    expect(String(res.headers['allow'])).not.toMatch(/POST/);
  });

  it('should answer 405 for a path with a trailing slash too', async () => {
    expectProblem(await t.call({ method: 'PUT', url: '/v1/members/', key: p.posKey }), 405, 'method_not_allowed');
  });

  it('should answer malformed JSON with 400 malformed_json', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, headers: { 'content-type': 'application/json' }, payload: '{"name": "Aysel",' });
    expectProblem(res, 400, 'malformed_json');
  });

  it('should answer an empty JSON body with 400 malformed_json', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, headers: { 'content-type': 'application/json' }, payload: '' });
    expectProblem(res, 400, 'malformed_json');
  });

  it('should answer a body over BODY_LIMIT_BYTES with 413 payload_too_large', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { name: 'x'.repeat(2_000) } });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('should accept a body just under the limit', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { name: 'x'.repeat(190), branch: 'y'.repeat(90) } });
    expect(res.statusCode).toBe(201);
  });

  it('should answer a body that is not JSON with 415 unsupported_media_type', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, headers: { 'content-type': 'text/xml' }, payload: '<member/>' });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('should carry every validation error as pointer, location and message', async () => {
    const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { phone: 'x' } });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors).toEqual([{ pointer: '/phone', location: 'body', message: expect.any(String) }]);
  });

  // Known gap: Fastify's router answers these itself, in its own JSON shape, before our error handler runs.
  // src/http/problem.ts exports handleFrameworkError for them; once app.ts passes it as Fastify's
  // `frameworkErrors` option these two tests fail, and `.fails` should be removed.
  it('should answer a path parameter over the router limit with problem+json', async () => {
    expectProblem(await t.call({ method: 'GET', url: `/v1/members/mem_${'m'.repeat(120)}`, key: p.readKey }), 404, 'route_not_found');
  });

  it('should answer a broken percent-encoding in the path with problem+json', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/v1/members/%E0%A4%A', key: p.readKey }), 400, 'bad_request');
  });

  describe('internal errors', () => {
    it.each(['/test/boom', '/test/reject'])('should answer %s with 500 internal_error and leak nothing', async (url) => {
      const res = await t.call({ method: 'GET', url, headers: { 'x-request-id': 'req-500-check' } });
      const problem = expectProblem(res, 500, 'internal_error');
      expect(problem.request_id).toBe('req-500-check');
      expect(res.body).not.toContain('hunter2');
      expect(res.body).not.toContain('secret.ts');
      expect(res.body).not.toMatch(/stack|\bat .*\.ts:\d+/);
      expect(Object.keys(problem).sort()).toEqual(['code', 'detail', 'instance', 'request_id', 'status', 'title', 'type']);
    });
  });
});

describe('x-request-id', () => {
  it('should echo a request id the caller sends, in the header and in a problem body', async () => {
    const res = await t.call({ method: 'GET', url: '/v1/members', headers: { 'x-request-id': 'till-7:sale-42' } });
    expect(res.headers['x-request-id']).toBe('till-7:sale-42');
    expect(expectProblem(res, 401, 'unauthenticated').request_id).toBe('till-7:sale-42');
  });

  it('should echo it on a successful request', async () => {
    const res = await t.call({ method: 'GET', url: '/v1/members', key: p.readKey, headers: { 'x-request-id': 'abc-123' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('should generate a UUID when none is sent', async () => {
    const first = await t.call({ method: 'GET', url: '/healthz' });
    const second = await t.call({ method: 'GET', url: '/healthz' });
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it.each([
    ['too long', 'x'.repeat(129)],
    ['with spaces', 'a b'],
    ['with a newline escape', 'a%0d%0aSet-Cookie:x'],
    ['with quotes', '"><script>'],
  ])('should replace a request id that is %s with a generated one', async (_name, id) => {
    const res = await t.call({ method: 'GET', url: '/healthz', headers: { 'x-request-id': id } });
    expect(res.headers['x-request-id']).not.toBe(id);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
