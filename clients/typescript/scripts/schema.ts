import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

export const API_DOCUMENT_PATH = fileURLToPath(new URL('../../../openapi/openapi.json', import.meta.url));
export const CLIENT_SCHEMA_PATH = fileURLToPath(new URL('../src/schema.ts', import.meta.url));

const HEADER = `/**
 * Generated from openapi/openapi.json by openapi-typescript: do not edit.
 * Regenerate with \`npm run client\` in the repository root after the API document changes.
 * Idempotency-Key is optional here: the client sends one on every write the caller gives none for.
 */

`;

/**
 * The client's types as committed: `npm run client` writes them and the staleness test compares against them, so both
 * go through this one function. The document is read from disk and passed as an object, so the output depends on its
 * content only (not on the working directory or a redocly config found there).
 */
export async function renderClientSchema(): Promise<string> {
  const document = JSON.parse(await readFile(API_DOCUMENT_PATH, 'utf8'));
  const ast = await openapiTS(idempotencyKeyOptional(document), { silent: true });
  return HEADER + astToString(ast);
}

interface Parameter {
  name?: string;
  in?: string;
  required?: boolean;
}

/**
 * The document requires an Idempotency-Key on ledger writes; the client sends one on every write unless the caller
 * gives one, so its types let the caller leave it out.
 */
function idempotencyKeyOptional(document: OpenAPI3): OpenAPI3 {
  const { paths, components } = document as { paths?: Record<string, Record<string, unknown>>; components?: { parameters?: Record<string, Parameter> } };
  const parameters: Parameter[] = [
    ...Object.values(paths ?? {}).flatMap((item) =>
      Object.values(item).flatMap((operation) => ((operation as { parameters?: Parameter[] } | null)?.parameters ?? [])),
    ),
    ...Object.values(components?.parameters ?? {}),
  ];
  for (const parameter of parameters) {
    if (parameter.in === 'header' && parameter.name?.toLowerCase() === 'idempotency-key') parameter.required = false;
  }
  return document;
}
