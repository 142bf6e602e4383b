import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH } from '../../src/http/openapi-document.ts';

/** Properties of the committed document that make generated clients clean (issue 11). */

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  description?: string;
  responses: Record<string, { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: Json; example?: unknown; examples?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Document;

function refsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) into.add(child.slice('#/components/schemas/'.length));
      else refsIn(child, into);
    }
  }
  return into;
}

describe('openapi/openapi.json generates clean code', () => {
  it('should reference every component schema from a path or a webhook, directly or through other components', () => {
    const reached = refsIn([document.paths, document.webhooks], new Set());
    const queue = [...reached];
    while (queue.length > 0) {
      for (const name of refsIn(document.components.schemas[queue.pop()!], new Set())) {
        if (!reached.has(name)) {
          reached.add(name);
          queue.push(name);
        }
      }
    }
    const unreachable = Object.keys(document.components.schemas).filter((name) => !reached.has(name));
    expect(unreachable).toEqual([]);
  });

  it('should keep an *Input twin only where it differs from its output schema', () => {
    const schemas = document.components.schemas;
    const alike = Object.keys(schemas).filter((name) => {
      const base = name.replace(/Input$/, '');
      if (base === name || !schemas[base]) return false;
      return JSON.stringify(schemas[name]).replace(/Input"/g, '"') === JSON.stringify(schemas[base]);
    });
    expect(alike).toEqual([]);
  });

  it('should map every discriminator value to a schema among its oneOf', () => {
    const checked: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      const discriminator = schema['discriminator'] as { mapping?: Record<string, string> } | undefined;
      if (!discriminator?.mapping) continue;
      const branches = ((schema['oneOf'] ?? schema['anyOf']) as { $ref?: string }[]).map((b) => b.$ref);
      for (const [value, ref] of Object.entries(discriminator.mapping)) {
        expect(branches, `${name}: ${value}`).toContain(ref);
      }
      checked.push(name);
    }
    expect(checked).toContain('Event');
  });
});
