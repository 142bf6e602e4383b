import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCHEMA_PATH, renderClientSchema } from '../../clients/typescript/scripts/schema.ts';

describe('clients/typescript/src/schema.ts', () => {
  it('should be exactly what openapi-typescript generates from openapi/openapi.json', async () => {
    const committed = await readFile(CLIENT_SCHEMA_PATH, 'utf8');
    expect(await renderClientSchema(), 'the TypeScript client is stale: run `npm run client` and commit the result').toBe(committed);
  });
});
