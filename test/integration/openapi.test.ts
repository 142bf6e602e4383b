import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_PATH, renderOpenApi } from '../../src/http/openapi-document.ts';
import { UNREACHABLE_DATABASE_URL, createTestApp, type TestApp } from '../helpers/app.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

let committed: string;
let document: Document;
let operations: { method: string; path: string; op: Operation }[];

beforeAll(async () => {
  committed = await readFile(OPENAPI_PATH, 'utf8');
  document = JSON.parse(committed);
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, op]) => ({ method, path, op })),
  );
});

describe('openapi/openapi.json', () => {
  it('should be exactly what the route schemas generate', async () => {
    const rendered = await renderOpenApi();
    expect(rendered, 'openapi/openapi.json is stale: run `npm run openapi` and commit the result').toBe(committed);
  });

  it('should be OpenAPI 3.1 with the documented resources', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/programs', '/v1/api-keys', '/v1/api-keys/{id}', '/v1/members', '/v1/members/{id}']));
  });

  it('should give every operation a unique operationId, a summary and a tag', () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const { method, path, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary, where).toEqual(expect.any(String));
      expect(op.tags?.length, where).toBeGreaterThan(0);
    }
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should document at least one 4xx response on every API operation', () => {
    for (const { method, path, op } of operations.filter((o) => o.path.startsWith('/v1/'))) {
      expect(Object.keys(op.responses).filter((s) => /^4\d\d$/.test(s)), `${method.toUpperCase()} ${path}`).not.toEqual([]);
    }
  });

  it('should document 401, 403 and 429 on every operation that needs a key', () => {
    for (const { method, path, op } of operations.filter((o) => o.op.security)) {
      expect(Object.keys(op.responses), `${method.toUpperCase()} ${path}`).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
    }
  });

  it('should document 404 on every operation that takes an id in the path', () => {
    for (const { method, path, op } of operations.filter((o) => o.path.includes('{id}'))) {
      expect(Object.keys(op.responses), `${method.toUpperCase()} ${path}`).toContain('404');
    }
  });

  it('should describe every error response with the shared Problem schema', () => {
    expect(document.components.schemas).toHaveProperty('Problem');
    for (const { method, path, op } of operations) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema?.$ref);
        expect(schemas, `${method.toUpperCase()} ${path} ${status}`).toContain('#/components/schemas/Problem');
      }
    }
  });
});

describe('served documentation', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The document needs no database.
    t = await createTestApp({ databaseUrl: UNREACHABLE_DATABASE_URL });
  });
  afterAll(() => t.close());

  it('should serve the committed document at GET /openapi.json', async () => {
    const res = await t.call({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual(document);
  });

  it('should serve the API reference as HTML at GET /docs', async () => {
    const res = await t.call({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
  });
});
