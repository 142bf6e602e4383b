import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerProblem, createLedgerClient, parseRetryAfter, type LedgerClient } from '../../clients/typescript/src/index.ts';
import { OPERATOR_TOKEN, createTestApp, type TestApp } from '../helpers/app.ts';

// The shipped TypeScript client (clients/typescript) against the service over a real socket, as an integrator runs it.

let t: TestApp;
let base: string;
/** A program made through the client: its admin key and a till's pos key. */
let adminKey: string;
let posKey: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const operator = createLedgerClient({ baseUrl: base, apiKey: OPERATOR_TOKEN });
  const { data: created } = await operator.POST('/v1/programs', { body: { name: 'Client Club' } });
  adminKey = created!.api_key.secret;
  const admin = createLedgerClient({ baseUrl: base, apiKey: adminKey });
  const { data: issued } = await admin.POST('/v1/api-keys', { body: { role: 'pos', name: 'till 1' } });
  posKey = issued!.secret;
});
afterAll(() => t.close());

/** The LedgerProblem a call is refused with. */
async function problemOf(call: Promise<unknown>): Promise<LedgerProblem> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerProblem);
  return error as LedgerProblem;
}

async function enroll(client: LedgerClient, externalRef: string) {
  const { data } = await client.POST('/v1/members', { body: { external_ref: externalRef, phone: '+994501234567' } });
  return data!;
}

describe('a till scenario through the TypeScript client', () => {
  it('should enroll, earn, redeem, replay a redemption, and read balance, history and the event feed', async () => {
    const pos = createLedgerClient({ baseUrl: base, apiKey: posKey });
    const member = await enroll(pos, 'client-1');
    expect(member).toMatchObject({ external_ref: 'client-1', loyalty_id: expect.stringMatching(/^\d{8}$/) });

    // No Idempotency-Key given: the client makes one per call, so two purchases are two writes.
    const first = await pos.POST('/v1/purchases', { body: { member_id: member.id, receipt_id: 'R-1', amount: { amount: 10_050, currency: 'AZN' } } });
    expect(first.response.status).toBe(201);
    expect(first.data!.purchase.points).toBe(804);
    const second = await pos.POST('/v1/purchases', { body: { member_id: member.id, receipt_id: 'R-2', amount: { amount: 2_000, currency: 'AZN' } } });
    expect(second.response.headers.get('idempotent-replayed')).toBeNull();
    expect(second.data!.balance.available).toBe(964);

    // The caller's own key: the retry is answered from the first write.
    const key = randomUUID();
    const redeemed = await pos.POST('/v1/redemptions', { params: { header: { 'idempotency-key': key } }, body: { member_id: member.id, points: 300 } });
    expect(redeemed.response.status).toBe(201);
    expect(redeemed.response.headers.get('idempotent-replayed')).toBeNull();
    const replayed = await pos.POST('/v1/redemptions', { params: { header: { 'idempotency-key': key } }, body: { member_id: member.id, points: 300 } });
    expect(replayed.response.status).toBe(201);
    expect(replayed.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.data).toEqual(redeemed.data);

    const { data: balance } = await pos.GET('/v1/members/{id}/balance', { params: { path: { id: member.id } } });
    expect(balance).toMatchObject({ member_id: member.id, available: 664, pending: 0, held: 0 });

    const { data: history } = await pos.GET('/v1/members/{id}/transactions', { params: { path: { id: member.id }, query: { limit: 10 } } });
    // Newest first; the replay wrote nothing.
    expect(history!.data.map((txn) => [txn.type, txn.points])).toEqual([['redeem', 300], ['earn', 160], ['earn', 804]]);

    const problem = await problemOf(pos.POST('/v1/redemptions', { body: { member_id: member.id, points: 5_000 } }));
    expect(problem).toMatchObject({ name: 'LedgerProblem', status: 422, code: 'insufficient_points' });
    expect(problem.extensions).toMatchObject({ available: 664, requested: 5_000 });
    expect(problem.requestId).toEqual(expect.any(String));
    expect(problem.message).toContain('insufficient_points');

    // The feed shows an event once every transaction that began before it has ended: poll briefly.
    let types: string[] = [];
    for (let tries = 0; tries < 50 && !types.includes('points.redeemed'); tries++) {
      const { data: page } = await pos.GET('/v1/events', { params: { query: { member_id: member.id } } });
      types = page!.data.map((event) => event.type);
      if (!types.includes('points.redeemed')) await sleep(100);
    }
    // One points.redeemed: the replay wrote nothing, and the refused redemption has no event either.
    expect(types).toEqual(['member.enrolled', 'points.earned', 'points.earned', 'points.redeemed']);
  });

  it('should throw validation problems with a JSON pointer to each refused field', async () => {
    const pos = createLedgerClient({ baseUrl: base, apiKey: posKey });
    const member = await enroll(pos, 'client-2');
    const problem = await problemOf(pos.POST('/v1/purchases', { body: { member_id: member.id, receipt_id: 'R-3', amount: { amount: -5, currency: 'AZN' } } }));
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/amount/amount', location: 'body' })]);
  });

  it('should throw 401 unauthenticated for a wrong key without retrying it', async () => {
    const stranger = createLedgerClient({ baseUrl: base, apiKey: 'not-a-key' });
    const problem = await problemOf(stranger.GET('/v1/program'));
    expect(problem).toMatchObject({ status: 401, code: 'unauthenticated' });
  });
});

/** A stand-in for a proxy in front of the service: records each request, then answers as `answer` decides. */
interface Stub {
  url: string;
  requests: { at: number; idempotencyKey: string | undefined; authorization: string | undefined }[];
  close(): Promise<void>;
}

async function startStub(answer: (attempt: number, req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>): Promise<Stub> {
  const requests: Stub['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ at: performance.now(), idempotencyKey: req.headers['idempotency-key'] as string | undefined, authorization: req.headers.authorization });
      void answer(requests.length, req, res, Buffer.concat(chunks).toString());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Passes a request on to the service and hands back its answer. */
async function forward(req: IncomingMessage, body: string) {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
  const res = await fetch(base + req.url, { method: req.method!, headers, ...(body ? { body } : {}) });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

async function forwardAndSend(req: IncomingMessage, res: ServerResponse, body: string) {
  const answer = await forward(req, body);
  res.writeHead(answer.status, { 'content-type': answer.headers['content-type']!, ...pick(answer.headers, ['idempotent-replayed', 'x-request-id']) });
  res.end(answer.body);
}

function pick(headers: Record<string, string>, names: string[]) {
  return Object.fromEntries(names.filter((name) => headers[name] !== undefined).map((name) => [name, headers[name]!]));
}

function sendProblem(res: ServerResponse, status: number, code: string, headers: Record<string, string>) {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: `https://points-ledger.dev/problems/${code}`, title: code, status, detail: `stub ${code}`, code }));
}

describe('retries', () => {
  it('should retry 429 and 503 no sooner than their Retry-After (seconds, then an HTTP date), with the same Idempotency-Key', async () => {
    const stub = await startStub(async (attempt, req, res, body) => {
      if (attempt === 1) return sendProblem(res, 429, 'rate_limited', { 'retry-after': '1' });
      // An HTTP date has whole seconds: two seconds ahead is at least one second away.
      if (attempt === 2) return sendProblem(res, 503, 'overloaded', { 'retry-after': new Date(Date.now() + 2_000).toUTCString() });
      await forwardAndSend(req, res, body);
    });
    try {
      const member = await enroll(createLedgerClient({ baseUrl: base, apiKey: posKey }), 'retry-1');
      const client = createLedgerClient({ baseUrl: stub.url, apiKey: posKey, retryDelayMs: 10 });
      const { data, response } = await client.POST('/v1/purchases', { body: { member_id: member.id, receipt_id: 'R-retry-1', amount: { amount: 1_000, currency: 'AZN' } } });
      expect(response.status).toBe(201);
      expect(data!.balance.available).toBe(80);

      expect(stub.requests).toHaveLength(3);
      const [a, b, c] = stub.requests;
      expect(a!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      expect([b!.idempotencyKey, c!.idempotencyKey]).toEqual([a!.idempotencyKey, a!.idempotencyKey]);
      expect(c!.authorization).toBe(`Bearer ${posKey}`);
      expect(b!.at - a!.at).toBeGreaterThanOrEqual(990);
      expect(c!.at - b!.at).toBeGreaterThanOrEqual(990);
    } finally {
      await stub.close();
    }
  });

  it('should apply a write once when its answer is lost to a timeout: the retry carries the same key and gets the first answer', async () => {
    const firstAnswers: string[] = [];
    const stub = await startStub(async (attempt, req, res, body) => {
      if (attempt === 1) {
        // The service does the write, but its answer never reaches the client.
        firstAnswers.push((await forward(req, body)).body);
        return;
      }
      await forwardAndSend(req, res, body);
    });
    try {
      const direct = createLedgerClient({ baseUrl: base, apiKey: posKey });
      const member = await enroll(direct, 'retry-2');
      await direct.POST('/v1/purchases', { body: { member_id: member.id, receipt_id: 'R-retry-2', amount: { amount: 1_000, currency: 'AZN' } } });

      const client = createLedgerClient({ baseUrl: stub.url, apiKey: posKey, timeoutMs: 2_000, retryDelayMs: 10 });
      const { data, response } = await client.POST('/v1/redemptions', { body: { member_id: member.id, points: 30 } });
      expect(stub.requests).toHaveLength(2);
      expect(stub.requests[1]!.idempotencyKey).toBe(stub.requests[0]!.idempotencyKey);
      expect(response.headers.get('idempotent-replayed')).toBe('true');
      expect(data).toEqual(JSON.parse(firstAnswers[0]!));

      const { data: balance } = await direct.GET('/v1/members/{id}/balance', { params: { path: { id: member.id } } });
      expect(balance!.available).toBe(50);
    } finally {
      await stub.close();
    }
  });

  it('should retry when the connection fails', async () => {
    const stub = await startStub(async (attempt, req, res, body) => {
      if (attempt === 1) return void req.socket.destroy();
      await forwardAndSend(req, res, body);
    });
    try {
      const client = createLedgerClient({ baseUrl: stub.url, apiKey: posKey, retryDelayMs: 10 });
      const { data } = await client.POST('/v1/members', { body: { external_ref: 'retry-3' } });
      expect(data!.external_ref).toBe('retry-3');
      expect(stub.requests).toHaveLength(2);
      expect(stub.requests[1]!.idempotencyKey).toBe(stub.requests[0]!.idempotencyKey);
    } finally {
      await stub.close();
    }
  });

  it('should stop after its bounded number of attempts and throw the last answer', async () => {
    const stub = await startStub((_attempt, _req, res) => sendProblem(res, 503, 'overloaded', { 'retry-after': '0' }));
    try {
      const client = createLedgerClient({ baseUrl: stub.url, apiKey: posKey, retries: 2, retryDelayMs: 10 });
      const problem = await problemOf(client.GET('/v1/program'));
      expect(problem).toMatchObject({ status: 503, code: 'overloaded' });
      expect(stub.requests).toHaveLength(3);
      // GET changes nothing: it carries no Idempotency-Key.
      expect(stub.requests[0]!.idempotencyKey).toBeUndefined();
    } finally {
      await stub.close();
    }
  });

  it('should not wait for a Retry-After beyond maxRetryDelayMs: the 429 is thrown at once', async () => {
    const stub = await startStub((_attempt, _req, res) => sendProblem(res, 429, 'rate_limited', { 'retry-after': '3600' }));
    try {
      const client = createLedgerClient({ baseUrl: stub.url, apiKey: posKey, maxRetryDelayMs: 5_000 });
      const problem = await problemOf(client.GET('/v1/program'));
      expect(problem).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(stub.requests).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  it('should throw an answer that is not problem+json as code unexpected_response', async () => {
    const stub = await startStub((_attempt, _req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    try {
      const client = createLedgerClient({ baseUrl: stub.url, apiKey: posKey });
      const problem = await problemOf(client.GET('/v1/program'));
      expect(problem).toMatchObject({ status: 502, code: 'unexpected_response', detail: '<html>Bad Gateway</html>' });
      expect(stub.requests).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });
});

describe('parseRetryAfter', () => {
  it('should read delay-seconds and HTTP dates, and ignore what is neither', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
