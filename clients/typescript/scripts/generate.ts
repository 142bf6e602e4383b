import { writeFile } from 'node:fs/promises';
import { CLIENT_SCHEMA_PATH, renderClientSchema } from './schema.ts';

/** `npm run client`: regenerates the TypeScript client's types from openapi/openapi.json. */
await writeFile(CLIENT_SCHEMA_PATH, await renderClientSchema());
process.stdout.write(`wrote ${CLIENT_SCHEMA_PATH}\n`);
