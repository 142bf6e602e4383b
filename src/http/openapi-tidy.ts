import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { polishOpenApi, type Document } from './openapi-polish.ts';

type Json = Record<string, unknown>;
type OpenApiDocument = Json & { paths?: Json; webhooks?: Json; components?: Json & { schemas?: Record<string, Json> } };

const SCHEMA_REF = '#/components/schemas/';

/** Replaces every `$ref` to a component by `rename(name)`; the rest of the value is copied as is. */
function renameRefs(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, rename));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF)) return [key, SCHEMA_REF + rename(child.slice(SCHEMA_REF.length))];
      if (key === 'mapping' && child && typeof child === 'object' && !Array.isArray(child)) {
        return [key, Object.fromEntries(Object.entries(child).map(([k, v]) => [k, typeof v === 'string' && v.startsWith(SCHEMA_REF) ? SCHEMA_REF + rename(v.slice(SCHEMA_REF.length)) : v]))];
      }
      return [key, renameRefs(child, rename)];
    }),
  );
}

function refsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF)) into.add(child.slice(SCHEMA_REF.length));
      else refsIn(child, into);
    }
  }
  return into;
}

/**
 * fastify-type-provider-zod emits every registered schema twice, as `X` (what responses serialize) and `XInput`
 * (what requests parse). Most twins are identical: a twin whose input schema equals its output (once its own
 * references to other merged twins are read as outputs too) is merged into `X`, so generators see one type.
 * Twins that really differ (a default or a coercion makes a field optional on input) stay.
 */
function mergeAlikeTwins(document: OpenApiDocument): OpenApiDocument {
  const schemas = document.components?.schemas ?? {};
  const merged = new Set(Object.keys(schemas).filter((name) => name.endsWith('Input') && schemas[name.slice(0, -'Input'.length)]));
  const asOutput = (name: string) => (merged.has(name) ? name.slice(0, -'Input'.length) : name);
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of merged) {
      const input = JSON.stringify(renameRefs(schemas[name], asOutput));
      if (input !== JSON.stringify(schemas[asOutput(name)])) {
        merged.delete(name);
        changed = true;
      }
    }
  }
  const renamed = renameRefs(document, asOutput) as OpenApiDocument;
  for (const name of merged) delete renamed.components!.schemas![name];
  return renamed;
}

/**
 * An input union keeps its branches as `*Input` twins while zod's discriminator mapping names the output schemas;
 * generators then take a branch's schema name for the discriminator value. Point the mapping at the branches.
 */
function alignDiscriminators(document: OpenApiDocument): void {
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    const discriminator = schema['discriminator'] as { mapping?: Record<string, string> } | undefined;
    const branches = (schema['oneOf'] ?? schema['anyOf']) as { $ref?: string }[] | undefined;
    if (!discriminator?.mapping || !branches) continue;
    const refs = new Set(branches.map((b) => b.$ref));
    for (const [value, ref] of Object.entries(discriminator.mapping)) {
      if (!refs.has(ref) && refs.has(`${ref}Input`)) discriminator.mapping[value] = `${ref}Input`;
    }
  }
}

/** Drops the component schemas that no path or webhook references, directly or through other components. */
function dropUnreachable(document: OpenApiDocument): void {
  const schemas = document.components?.schemas;
  if (!schemas) return;
  const reached = refsIn([document.paths, document.webhooks], new Set());
  const queue = [...reached];
  while (queue.length > 0) {
    for (const name of refsIn(schemas[queue.pop()!], new Set())) {
      if (!reached.has(name)) {
        reached.add(name);
        queue.push(name);
      }
    }
  }
  for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
}

/** An `XInput` whose output twin nothing uses (a schema only requests carry) takes the plain name `X`. */
function unsuffixLoneInputs(document: OpenApiDocument): OpenApiDocument {
  const schemas = document.components?.schemas ?? {};
  const lone = new Set(Object.keys(schemas).filter((name) => name.endsWith('Input') && !schemas[name.slice(0, -'Input'.length)]));
  if (lone.size === 0) return document;
  const plain = (name: string) => (lone.has(name) ? name.slice(0, -'Input'.length) : name);
  const renamed = renameRefs(document, plain) as OpenApiDocument;
  renamed.components!.schemas = Object.fromEntries(Object.entries(renamed.components!.schemas!).map(([name, schema]) => [plain(name), schema]));
  return renamed;
}

/** The document as clients should see it: fastify-type-provider-zod's components, tidied for code generators. */
export function tidyOpenApi(document: OpenApiDocument): OpenApiDocument {
  const tidied = mergeAlikeTwins(document);
  alignDiscriminators(tidied);
  dropUnreachable(tidied);
  return polishOpenApi(unsuffixLoneInputs(tidied) as Document);
}

/** @fastify/swagger's `transformObject`: the zod components, then tidied. */
export const openApiTransformObject: typeof jsonSchemaTransformObject = (input) =>
  tidyOpenApi(jsonSchemaTransformObject(input) as OpenApiDocument) as ReturnType<typeof jsonSchemaTransformObject>;
