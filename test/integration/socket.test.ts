import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, createTestApp, type TestApp } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

async function send(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const body = await res.text();
  return { statusCode: res.status, headers: Object.fromEntries(res.headers), body, json: () => JSON.parse(body) };
}

describe('over a real socket', () => {
  it('should create a program, a key and a member, and read the member back', async () => {
    const created = await send('POST', '/v1/programs', { token: OPERATOR_TOKEN, body: { name: 'Socket Club' } });
    expect(created.statusCode).toBe(201);
    const adminKey = created.json().api_key.secret;

    const issued = await send('POST', '/v1/api-keys', { token: adminKey, body: { role: 'pos', name: 'till 1' } });
    expect(issued.statusCode).toBe(201);
    const posKey = issued.json().secret;

    const enrolled = await send('POST', '/v1/members', { token: posKey, body: { external_ref: 'sock-1', phone: '+994501234567', birth_date: '1985-12-31' } });
    expect(enrolled.statusCode).toBe(201);
    expect(enrolled.headers['content-type']).toMatch(/^application\/json/);
    const member = enrolled.json();

    const read = await send('GET', `/v1/members/${member.id}`, { token: posKey });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject(member);
    expect(read.json()).toMatchObject({ external_ref: 'sock-1', birth_date: '1985-12-31', loyalty_id: expect.stringMatching(/^\d{8}$/) });
  });

  it('should echo x-request-id over the wire, and generate one when absent', async () => {
    const echoed = await send('GET', '/healthz', { headers: { 'x-request-id': 'wire-check-1' } });
    expect(echoed.statusCode).toBe(200);
    expect(echoed.headers['x-request-id']).toBe('wire-check-1');

    const generated = await send('GET', '/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should answer errors as problem+json over the wire', async () => {
    const res = await send('GET', '/v1/members', { headers: { 'x-request-id': 'wire-401' } });
    const problem = expectProblem(res, 401, 'unauthenticated');
    expect(problem.request_id).toBe('wire-401');
  });
});
