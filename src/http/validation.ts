import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodType } from 'zod/v4/core';
import { escapePointer } from './problem.ts';

/** The marker fastify-type-provider-zod's hasZodFastifySchemaValidationErrors looks for (a global symbol). */
const ZOD_VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError');

/**
 * fastify-type-provider-zod's validatorCompiler, except that each error's instancePath is a JSON Pointer (RFC 6901):
 * the library joins the issue's path with '/', so a refused record key holding '/' or '~' (an attribute name such
 * as "a/b") would read as two segments. Every other field of the error is the library's.
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data);
    if (!result.error) return { value: result.data };
    return {
      error: result.error.issues.map(({ path, code, message, ...params }) => {
        const pointer = path.map((segment) => escapePointer(String(segment))).join('/');
        return { [ZOD_VALIDATION_ERROR]: true, keyword: code, instancePath: `/${pointer}`, schemaPath: `#/${pointer}/${code}`, message, params };
      }),
    };
  };
