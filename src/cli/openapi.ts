import { writeFile } from 'node:fs/promises';
import { renderOpenApi, OPENAPI_PATH } from '../http/openapi-document.ts';

/** `npm run openapi`: regenerates openapi/openapi.json from the route schemas. */
await writeFile(OPENAPI_PATH, await renderOpenApi());
process.stdout.write(`wrote ${OPENAPI_PATH}\n`);
