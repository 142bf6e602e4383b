import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FieldError, NotFoundError } from '../errors.ts';
import { ID_PREFIX } from '../ids.ts';
import { escapePointer } from './problem.ts';

/**
 * Input no route can store, refused before any route sees it.
 *
 * PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate (which JSON escapes such as "\ud800" and some
 * percent-encodings produce) cannot be encoded as UTF-8: either would fail deep inside a query with a 500, possibly
 * after part of the work was done. Checking every string of the params, query and body once, here, covers every
 * route, present and future, and every nested field and object key (activity `data` is free-form).
 *
 * Unknown query parameters are refused too: a misspelt filter or cursor parameter silently ignored returns the wrong
 * data. Every documented route's querystring schema is made strict, and an API route that declares none gets an empty
 * one.
 */
export function registerInputGuards(app: FastifyInstance) {
  // By route path and parameter name: the resource whose ordinary 404 a path id with unstorable text answers.
  const idResources = new Map<string, Map<string, string>>();

  app.addHook('onRoute', (route) => {
    const schema = route.schema as { querystring?: unknown; params?: unknown; hide?: boolean } | undefined;
    if (!schema || schema.hide) return;
    // Public probes (liveness, readiness) take no parameters, and one a probe tool adds must not make it fail.
    const isPublic = (route.config?.access ?? 'public') === 'public';
    if (schema.querystring === undefined) {
      if (!isPublic) schema.querystring = z.object({}).strict();
    } else if (schema.querystring instanceof z.ZodObject) schema.querystring = schema.querystring.strict();
    if (schema.params instanceof z.ZodObject) {
      const resources = idResources.get(route.url) ?? new Map<string, string>();
      for (const [name, field] of Object.entries(schema.params.shape as Record<string, z.ZodType>)) {
        const resource = resourceOfIdField(field);
        if (resource) resources.set(name, resource);
      }
      idResources.set(route.url, resources);
    }
  });

  app.addHook('preValidation', async (request) => {
    const params = (request.params ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(params)) {
      if (typeof value !== 'string' || isStorable(value)) continue;
      const resource = idResources.get(request.routeOptions.url ?? '')?.get(name);
      // No id we issue contains such a character, so nothing can be found under it.
      if (resource) throw new NotFoundError(resource, value);
      throw new FieldError(`/${escapePointer(name)}`, UNSTORABLE_MESSAGE, 'path');
    }
    const inQuery = findUnstorable(request.query);
    if (inQuery !== undefined) throw new FieldError(inQuery, UNSTORABLE_MESSAGE, 'query');
    const inBody = findUnstorable(request.body);
    if (inBody !== undefined) throw new FieldError(inBody, UNSTORABLE_MESSAGE, 'body');
  });
}

const UNSTORABLE_MESSAGE = 'contains a NUL character or an unpaired UTF-16 surrogate';

/** U+0000 is valid JSON and UTF-8 but not PostgreSQL text; `isWellFormed` is false for a lone surrogate. */
export const isStorable = (text: string) => !text.includes('\u0000') && text.isWellFormed();

/**
 * The JSON pointer of the first string (value or object key) that cannot be stored, depth first in document order.
 * Iterative: a deeply nested body must not overflow the stack.
 */
export function findUnstorable(root: unknown): string | undefined {
  const stack: { value: unknown; pointer: string }[] = [{ value: root, pointer: '' }];
  while (stack.length > 0) {
    const { value, pointer } = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorable(value)) return pointer || '/';
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    const children: { value: unknown; pointer: string }[] = [];
    if (Array.isArray(value)) value.forEach((item, index) => children.push({ value: item, pointer: `${pointer}/${index}` }));
    else {
      for (const [key, item] of Object.entries(value)) {
        const child = `${pointer}/${escapePointer(key)}`;
        if (!isStorable(key)) return child;
        children.push({ value: item, pointer: child });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return undefined;
}

// Resource names as their routes' `<resource>_not_found` codes spell them, by id prefix. Most are the id kind in
// snake case; these routes name theirs otherwise (a wallet hold is refused hold_not_found, as a points hold is).
const RESOURCE_NAMES: Readonly<Record<string, string>> = { delivery: 'webhook_delivery', walletHold: 'hold', walletDebit: 'debit' };
const RESOURCE_OF_PREFIX: ReadonlyMap<string, string> = new Map(
  Object.entries(ID_PREFIX).map(([kind, prefix]) => [prefix, RESOURCE_NAMES[kind] ?? kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]),
);

/** Id fields (schemas/common.ts Id) describe themselves as "… (TypeID with prefix mem_)". */
function resourceOfIdField(field: z.ZodType): string | undefined {
  const prefix = /TypeID with prefix ([a-z]+)_/.exec(field.description ?? '')?.[1];
  return prefix === undefined ? undefined : RESOURCE_OF_PREFIX.get(prefix);
}
