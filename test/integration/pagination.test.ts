import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';
import { encodeCursor } from '../../src/http/pagination.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Page {
  data: { id: string }[];
  next_cursor: string | null;
}

async function fetchPage(key: string, limit: number, cursor: string | null, path = '/v1/members'): Promise<Page> {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  const res = await t.call({ method: 'GET', url: `${path}?${query}`, key });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Follows next_cursor to the end; `between` runs after every page. */
async function walk(key: string, limit: number, between: () => Promise<void> = async () => undefined, path = '/v1/members') {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = await fetchPage(key, limit, cursor, path);
    expect(page.data.length).toBeLessThanOrEqual(limit);
    seen.push(...page.data.map((m) => m.id));
    cursor = page.next_cursor;
    if (cursor === null) return seen;
    await between();
  }
  throw new Error('pagination did not end');
}

async function enrollMany(p: ProgramFixture, count: number): Promise<string[]> {
  const members = await Promise.all(Array.from({ length: count }, () => enroll(t, p.posKey)));
  return members.map((m) => m.id);
}

describe('cursor pagination', () => {
  describe('GET /v1/members', () => {
    let p: ProgramFixture;
    let existing: string[];

    beforeAll(async () => {
      p = await createProgramFixture(t);
      existing = await enrollMany(p, 23);
    });

    it.each([1, 5, 7, 23, 50])('should visit every member exactly once with limit %i', async (limit) => {
      const seen = await walk(p.readKey, limit);
      expect(seen).toEqual([...existing].sort());
    });

    it('should return next_cursor null on the last page, even when it is exactly full', async () => {
      const page = await fetchPage(p.readKey, 23, null);
      expect(page.data).toHaveLength(23);
      expect(page.next_cursor).toBeNull();
    });

    it('should default to 50 per page', async () => {
      const q = await createProgramFixture(t);
      await enrollMany(q, 51);
      const res = (await t.call({ method: 'GET', url: '/v1/members', key: q.readKey })).json();
      expect(res.data).toHaveLength(50);
      expect(res.next_cursor).toEqual(expect.any(String));
    });

    it('should neither repeat nor skip existing members while others enroll between pages', async () => {
      const q = await createProgramFixture(t);
      const before = await enrollMany(q, 30);
      const added: string[] = [];
      let backdated = 0;
      const seen = await walk(q.readKey, 4, async () => {
        // Several tills enrolling at once while the client pages.
        added.push(...(await enrollMany(q, 3)));
        // A row whose id sorts before pages already served (as a slow transaction's would): an offset-based
        // pager would serve some member twice.
        const id = `mem_00000000000000000000000${String(backdated).padStart(3, '0')}`;
        const now = new Date();
        await t.db
          .insertInto('members')
          .values({ id, program_id: q.programId, loyalty_id: String(10_000_000 + backdated), created_at: now, updated_at: now })
          .execute();
        added.push(id);
        backdated++;
      });
      expect(backdated).toBeGreaterThan(5);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen).toContain(id);
      expect(seen.every((id) => before.includes(id) || added.includes(id))).toBe(true);
      expect(seen).toEqual([...seen].sort());
    });

    it('should neither repeat nor skip while members enroll concurrently with the page requests', async () => {
      const q = await createProgramFixture(t);
      const before = await enrollMany(q, 40);
      let enrolling = true;
      const writer = (async () => {
        let written = 0;
        while (enrolling && written < 200) {
          await enrollMany(q, 2);
          written += 2;
        }
      })();
      const seen = await walk(q.readKey, 3);
      enrolling = false;
      await writer;
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen).toContain(id);
    });

    it('should apply filters across pages', async () => {
      const q = await createProgramFixture(t);
      const ganja = (await Promise.all(Array.from({ length: 9 }, () => enroll(t, q.posKey, { branch: 'Ganja' })))).map((m) => m.id);
      await Promise.all(Array.from({ length: 9 }, () => enroll(t, q.posKey, { branch: 'Baku' })));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ limit: '4', branch: 'Ganja', ...(cursor ? { cursor } : {}) });
        const page: Page = (await t.call({ method: 'GET', url: `/v1/members?${query}`, key: q.readKey })).json();
        seen.push(...page.data.map((m) => m.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual([...ganja].sort());
    });

    it.each([
      ['not base64 JSON', 'not-a-cursor!!'],
      ['JSON without an id', encodeCursor({ position: 3 })],
      ['a JSON array', Buffer.from('[1,2]').toString('base64url')],
      ['JSON null', Buffer.from('null').toString('base64url')],
      ['too long', 'x'.repeat(501)],
    ])('should refuse a cursor that is %s with 400 pointing at /cursor in the query', async (_name, cursor) => {
      const problem = expectProblem(await t.call({ method: 'GET', url: `/v1/members?cursor=${cursor}`, key: p.readKey }), 400, 'validation_failed');
      expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/cursor', location: 'query' })]);
    });

    it.each(['0', '201', '-1', '2.5', 'ten'])('should refuse limit=%s with 400 pointing at /limit', async (limit) => {
      const problem = expectProblem(await t.call({ method: 'GET', url: `/v1/members?limit=${limit}`, key: p.readKey }), 400, 'validation_failed');
      expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/limit', location: 'query' })]);
    });

    it('should accept limit 1 and 200', async () => {
      expect((await fetchPage(p.readKey, 1, null)).data).toHaveLength(1);
      expect((await fetchPage(p.readKey, 200, null)).data).toHaveLength(23);
    });
  });

  describe('GET /v1/api-keys', () => {
    it('should visit every key of the program exactly once', async () => {
      const q = await createProgramFixture(t);
      await Promise.all(Array.from({ length: 7 }, () => t.call({ method: 'POST', url: '/v1/api-keys', key: q.adminKey, payload: { role: 'read' } })));
      const seen = await walk(q.adminKey, 3, undefined, '/v1/api-keys');
      expect(seen).toHaveLength(10);
      expect(new Set(seen).size).toBe(10);
    });

    it('should refuse a bad cursor with 400 pointing at /cursor', async () => {
      const q = await createProgramFixture(t);
      const problem = expectProblem(await t.call({ method: 'GET', url: '/v1/api-keys?cursor=%7B', key: q.adminKey }), 400, 'validation_failed');
      expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/cursor', location: 'query' })]);
    });
  });
});
