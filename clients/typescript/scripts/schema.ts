import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const API_DOCUMENT_PATH = fileURLToPath(new URL('../../../openapi/openapi.json', import.meta.url));
export const CLIENT_SCHEMA_PATH = fileURLToPath(new URL('../src/schema.ts', import.meta.url));

const HEADER = `/**
 * Generated from openapi/openapi.json by openapi-typescript: do not edit.
 * Regenerate with \`npm run client\` in the repository root after the API document changes.
 */

`;

/**
 * The client's types as committed: `npm run client` writes them and the staleness test compares against them, so both
 * go through this one function. The document is read from disk and passed as an object, so the output depends on its
 * content only (not on the working directory or a redocly config found there).
 */
export async function renderClientSchema(): Promise<string> {
  const document = JSON.parse(await readFile(API_DOCUMENT_PATH, 'utf8'));
  const ast = await openapiTS(document, { silent: true });
  return HEADER + astToString(ast);
}
