import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

/**
 * The errors a Citus coordinator relays when the worker holding a member's shard is down, as node-postgres hands them
 * to the service (the messages and SQLSTATEs seen from a coordinator whose worker was stopped with
 * `pg_ctl -m immediate`; test/cluster/two-instances.test.ts produces them for real). Each is an outage of one node:
 * 503 database_unavailable with Retry-After, never a 500.
 */
const RELAYED: Array<{ name: string; code: string; message: string }> = [
  {
    name: 'a worker that refuses connections (class 08)',
    code: '08006',
    message: 'connection to the remote node postgres@127.0.0.1:9702 failed with the following error: Connection refused',
  },
  { name: 'no connection to a worker within the timeout (class 08)', code: '08006', message: 'could not establish any connections to the node 127.0.0.1:9702 after 5000 ms' },
  { name: 'a worker connection lost mid-command (XX000)', code: 'XX000', message: 'server closed the connection unexpectedly' },
  { name: 'a worker connection lost on TLS (XX000)', code: 'XX000', message: 'SSL SYSCALL error: EOF detected' },
  { name: 'a lost worker connection that held part of the transaction (XX000)', code: 'XX000', message: 'failure on connection marked as essential: 127.0.0.1:9702' },
  { name: 'a worker lost while data was copied to it (58030)', code: '58030', message: 'failed to COPY to shard 0 on 127.0.0.1:9702' },
  { name: 'a worker shut down under the command (57P01)', code: '57P01', message: 'terminating connection due to administrator command' },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    beforeReady: (app) => {
      app.get('/test/relayed/:index', { config: { access: 'public' } }, async (request) => {
        const relayed = RELAYED[Number((request.params as { index: string }).index)]!;
        throw Object.assign(new Error(relayed.message), { code: relayed.code, where: 'while executing command on 127.0.0.1:9702' });
      });
      app.get('/test/internal', { config: { access: 'public' } }, async () => {
        throw Object.assign(new Error('cache lookup failed for function 12345'), { code: 'XX000' });
      });
      app.get('/test/fetch', { config: { access: 'public' } }, async () => {
        throw Object.assign(new Error('cannot connect to 127.0.0.1:9702 to fetch intermediate results'), { code: 'XX000' });
      });
      app.get('/test/disk', { config: { access: 'public' } }, async () => {
        throw Object.assign(new Error('could not read block 7 in file "base/16384/16385": read only 0 of 8192 bytes'), { code: '58030' });
      });
    },
  });
});
afterAll(() => t?.close());

describe('errors a Citus coordinator relays from a worker that is down', () => {
  it.each(RELAYED.map((relayed, index) => ({ ...relayed, index })))('answers $name with 503 database_unavailable and Retry-After', async ({ index }) => {
    const res = await t.call({ method: 'GET', url: `/test/relayed/${index}` });
    expectProblem(res, 503, 'database_unavailable');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers a worker it cannot fetch intermediate results from (XX000) with 503', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/test/fetch' }), 503, 'database_unavailable');
  });

  it('still answers any other internal error (XX000) or I/O error (58030) with 500', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/test/internal' }), 500, 'internal_error');
    expectProblem(await t.call({ method: 'GET', url: '/test/disk' }), 500, 'internal_error');
  });
});
