import { z } from 'zod';

export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the problem type'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable code, e.g. insufficient_points'),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z
      .array(
        z.object({
          pointer: z.string().describe('JSON Pointer to the offending field'),
          location: z.enum(['body', 'query', 'path', 'header']).optional(),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export type Problem = z.infer<typeof ProblemSchema>;

const problemExample = (status: number, code: string, title: string, detail: string) => ({
  type: `https://docs.points-ledger.dev/problems/${code}`,
  title,
  status,
  detail,
  code,
});

/** Error responses, keyed by status, with examples the OpenAPI document shows. */
export const problemResponses = {
  400: ProblemSchema.describe('Invalid request').meta({
    examples: [
      {
        ...problemExample(400, 'validation_failed', 'Validation failed', 'The request has 1 invalid field.'),
        errors: [{ pointer: '/phone', location: 'body', message: 'must be in E.164 format, e.g. +994501234567' }],
      },
    ],
  }),
  401: ProblemSchema.describe('Missing or invalid credentials').meta({
    examples: [problemExample(401, 'unauthenticated', 'Unauthenticated', 'Send Authorization: Bearer <api key>.')],
  }),
  403: ProblemSchema.describe('The key lacks the required role').meta({
    examples: [problemExample(403, 'forbidden', 'Forbidden', 'This operation needs one of the roles: admin.')],
  }),
  404: ProblemSchema.describe('Not found (or belongs to another program)').meta({
    examples: [problemExample(404, 'member_not_found', 'Not found', 'No member with id mem_01j...')],
  }),
  409: ProblemSchema.describe('Conflict with the current state').meta({
    examples: [problemExample(409, 'member_exists', 'Conflict', 'A member with external_ref CRM-1 already exists.')],
  }),
  410: ProblemSchema.describe('No longer available').meta({
    examples: [problemExample(410, 'cursor_expired', 'Gone', 'Events after this cursor were pruned.')],
  }),
  422: ProblemSchema.describe('Well-formed but breaks a business rule').meta({
    examples: [problemExample(422, 'insufficient_points', 'Unprocessable', 'Only 40 points are available.')],
  }),
  423: ProblemSchema.describe('The member is blocked').meta({
    examples: [problemExample(423, 'member_blocked', 'Locked', 'The member is blocked.')],
  }),
  429: ProblemSchema.describe('Rate limit reached; see Retry-After').meta({
    examples: [problemExample(429, 'rate_limited', 'Too many requests', 'Rate limit reached; retry in 1 s.')],
  }),
  500: ProblemSchema.describe('Internal error (details are logged, never returned)').meta({
    examples: [problemExample(500, 'internal_error', 'Internal error', 'Something went wrong on our side.')],
  }),
  503: ProblemSchema.describe('Overloaded or database unavailable; see Retry-After').meta({
    examples: [problemExample(503, 'overloaded', 'Service unavailable', 'The service is overloaded; retry shortly.')],
  }),
} as const;

type ProblemStatus = keyof typeof problemResponses;

/** Errors are served as application/problem+json, and the document says so. */
type ProblemResponse<K extends ProblemStatus> = { description: string; content: { 'application/problem+json': { schema: (typeof problemResponses)[K] } } };

export function problems<S extends ProblemStatus>(...statuses: S[]): { [K in S]: ProblemResponse<K> } {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: problemResponses[s].description ?? 'Error', content: { 'application/problem+json': { schema: problemResponses[s] } } }]),
  ) as { [K in S]: ProblemResponse<K> };
}

/** Every authenticated route can answer these. */
export const AUTH_PROBLEMS = [400, 401, 403, 429, 500, 503] as const;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (1-200)'),
  cursor: z.string().max(500).optional().describe('Opaque cursor from a previous page'),
});

/**
 * Every list answers one page shape: `data`, `next_cursor` (null on the last page) and `has_more`. Generated clients
 * then share one paging loop.
 */
export const pageOf = <T extends z.ZodType>(item: T, id: string, description: string) =>
  z
    .object({
      data: z.array(item),
      next_cursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
      has_more: z.boolean().describe('Another page follows: read it with next_cursor'),
    })
    .meta({ id, description });

/** A page's body from its items and the cursor of the next page (null when this is the last). */
export const pageBody = <T>(data: T[], nextCursor: string | null) => ({ data, next_cursor: nextCursor, has_more: nextCursor !== null });
