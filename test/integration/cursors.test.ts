import { beforeAll, describe, expect, it } from 'vitest';
import { enroll, useTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { purchase } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, program) => {
  t = app;
  p = program;
});

/** What a client can forge: base64url JSON of anything. */
const forge = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const TWENTY_THREE_DIGITS = '12345678901234567890123';

/** Cursors this service never issues, whatever the list. */
const TAMPERED: [string, string][] = [
  ['the example of the report ({"v":"abc"})', 'eyJ2IjoiYWJjIn0'],
  ['23 digits, raw', TWENTY_THREE_DIGITS],
  ['not base64', 'not-a-cursor!!'],
  ['a NUL', '%00'],
  ['base64 of a NUL', Buffer.from('\u0000').toString('base64url')],
  ['base64 of plain text', Buffer.from('hello').toString('base64url')],
  ['JSON null', forge(null)],
  ['a JSON array', forge(['mem_01'])],
  ['a JSON string', forge('abc')],
  ['an empty object', forge({})],
  ['an extra field beside the key', forge({ id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z', v: 1, x: '1', s: 0, extra: true })],
  ['an id that is a number', forge({ id: 12 })],
  ['an id that is an object', forge({ id: { $gt: '' } })],
  ['an id with a NUL', forge({ id: 'mem_\u0000' })],
  ['an id with a lone surrogate', forge({ id: 'mem_\ud800' })],
  ['an over-long id', forge({ id: `mem_${'a'.repeat(500)}` })],
  ['a version that is not a number', forge({ v: 'abc' })],
  ['a version of 23 digits', forge({ v: TWENTY_THREE_DIGITS })],
  ['a version of 23 digits as a number', Buffer.from(`{"v":${TWENTY_THREE_DIGITS}}`).toString('base64url')],
  ['a negative version', forge({ v: -1 })],
  ['a fractional version', forge({ v: 1.5 })],
  ['a version beyond 2^53', forge({ v: 2 ** 60 })],
  ['a version in exponent form', forge({ v: 1e300 })],
  ['a feed position of 23 digits', forge({ x: TWENTY_THREE_DIGITS, s: 0 })],
  ['a feed position beyond xid8', forge({ x: (2n ** 64n).toString(), s: 0 })],
  ['a negative feed sequence', forge({ x: '1', s: -1 })],
  ['a feed sequence that is text', forge({ x: '1', s: 'abc' })],
  ['a feed position that is text', forge({ x: 'abc', s: 0 })],
];

describe('tampered cursors', () => {
  let memberId: string;
  let webhookId: string;

  beforeAll(async () => {
    memberId = (await enroll(t, p.posKey)).id;
    await purchase(t, p.posKey, memberId, 1250);
    await purchase(t, p.posKey, memberId, 1250);
    const webhook = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url: 'https://crm.example.com/hooks' } });
    expect(webhook.statusCode, webhook.body).toBe(201);
    webhookId = webhook.json().id;
  });

  const lists = () => [
    ['/v1/members', 'cursor'],
    ['/v1/api-keys', 'cursor'],
    ['/v1/webhooks', 'cursor'],
    [`/v1/webhooks/${webhookId}/deliveries`, 'cursor'],
    [`/v1/members/${memberId}/transactions`, 'cursor'],
    ['/v1/events', 'cursor'],
    ['/v1/events', 'after'],
  ];

  it.each(TAMPERED)('refuses %s on every list with 400 pointing at the cursor', async (_name, cursor) => {
    for (const [path, parameter] of lists()) {
      const url = `${path}?${parameter}=${cursor.startsWith('%') ? cursor : encodeURIComponent(cursor)}`;
      const res = await t.call({ method: 'GET', url, key: p.adminKey });
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(problem.errors, `${url}: ${res.body}`).toEqual([expect.objectContaining({ pointer: `/${parameter}`, location: 'query' })]);
    }
  });

  it('still follows the cursors it issued, on every list', async () => {
    for (const [path, parameter] of lists()) {
      const first = await t.call({ method: 'GET', url: `${path}?limit=1`, key: p.adminKey });
      expect(first.statusCode, `${path}: ${first.body}`).toBe(200);
      const next = first.json().next_cursor as string | null;
      if (next === null) continue;
      const second = await t.call({ method: 'GET', url: `${path}?limit=1&${parameter}=${encodeURIComponent(next)}`, key: p.adminKey });
      expect(second.statusCode, `${path}: ${second.body}`).toBe(200);
    }
  });
});

describe('the event feed follows ?cursor= like every other list', () => {
  interface FeedPage {
    data: { id: string }[];
    next_cursor: string;
  }
  const feed = async (query: string): Promise<FeedPage> => {
    const res = await t.call({ method: 'GET', url: `/v1/events?${query}`, key: p.readKey });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    await enroll(t, p.posKey);
    await enroll(t, p.posKey);
    // The feed shows a transaction's events only once every older transaction on the server has ended, and other
    // test files share the server: wait until every event written so far is readable.
    const { rows } = await t.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM events WHERE program_id = $1', [p.programId]);
    const deadline = Date.now() + 20_000;
    while ((await feed('limit=1000')).data.length < rows[0]!.count) {
      if (Date.now() > deadline) throw new Error('the feed did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('continues from next_cursor passed as cursor, not from the first event', async () => {
    const first = await feed('limit=1');
    const second = await feed(`limit=1&cursor=${first.next_cursor}`);
    expect(second.data).toHaveLength(1);
    expect(second.data[0]!.id).not.toBe(first.data[0]!.id);
    const all = await feed('limit=1000');
    expect(second.data[0]!.id).toBe(all.data[1]!.id);
  });

  it('keeps after as an alias, and accepts both when they agree', async () => {
    const first = await feed('limit=1');
    const viaCursor = await feed(`limit=1&cursor=${first.next_cursor}`);
    expect(await feed(`limit=1&after=${first.next_cursor}`)).toEqual(viaCursor);
    expect(await feed(`limit=1&cursor=${first.next_cursor}&after=${first.next_cursor}`)).toEqual(viaCursor);
  });

  it('refuses cursor and after that disagree', async () => {
    const first = await feed('limit=1');
    const second = await feed(`limit=1&cursor=${first.next_cursor}`);
    const res = await t.call({ method: 'GET', url: `/v1/events?cursor=${first.next_cursor}&after=${second.next_cursor}`, key: p.readKey });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/after', location: 'query' })]);
  });
});
