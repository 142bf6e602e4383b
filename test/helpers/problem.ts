import { expect } from 'vitest';
import type { Problem } from '../../src/http/schemas.ts';

export interface ResponseLike {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** Asserts an RFC 9457 problem with our stable code, and returns its body for further checks. */
export function expectProblem(res: ResponseLike, status: number, code: string): Problem {
  const body = JSON.parse(res.body) as Problem;
  expect({ status: res.statusCode, code: body.code }, res.body).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({
    type: expect.stringContaining(code),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
  });
  return body;
}
