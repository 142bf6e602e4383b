import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorKind } from '../errors.ts';

const STATUS_OF: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  locked: 423,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

const PROBLEM_BASE = 'https://docs.points-ledger.dev/problems/';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: PROBLEM_BASE + code,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code,
      instance: request.url,
      request_id: request.id,
      ...extra,
    });
}

const LOCATION: Record<string, 'body' | 'query' | 'path' | 'header'> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

// PostgreSQL errors that mean "busy, try again", not "bug".
const TRANSIENT_PG_CODES = new Set(['57014', '55P03', '53300', '57P03', '40001', '40P01']);

function isPoolTimeout(error: Error): boolean {
  return /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i.test(error.message);
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const location = LOCATION[error.validationContext ?? 'body'] ?? 'body';
      const errors = error.validation.map((v) => ({ pointer: v.instancePath || '/', location, message: v.message ?? 'is invalid' }));
      return sendProblem(request, reply, 400, 'validation_failed', `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`, {
        errors,
      });
    }
    if (error instanceof DomainError) {
      const status = STATUS_OF[error.kind];
      if (status === 503 || status === 429) reply.header('retry-after', String(error.extra['retry_after'] ?? 1));
      return sendProblem(request, reply, status, error.code, error.message, error.extra);
    }
    const pgCode = (error as { code?: string }).code;
    if ((pgCode && TRANSIENT_PG_CODES.has(pgCode)) || isPoolTimeout(error)) {
      request.log.warn({ err: error }, 'database overloaded');
      reply.header('retry-after', '1');
      return sendProblem(request, reply, 503, 'overloaded', 'The service is busy; retry shortly.');
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return sendProblem(request, reply, 429, 'rate_limited', error.message);
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, body too large, wrong content type...
      const code =
        status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'malformed_json' : 'bad_request';
      return sendProblem(request, reply, status, code, error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 500, 'internal_error', 'Something went wrong on our side. Quote the request_id when you report it.');
  });

  // Remember every route's path pattern, so a known path with the wrong method answers 405 with Allow, not 404.
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    const pattern = new RegExp(`^${route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+')}/?$`);
    const methods = ([] as string[]).concat(route.method);
    const existing = routes.find((r) => r.pattern.source === pattern.source);
    if (existing) methods.forEach((m) => existing.methods.add(m));
    else routes.push({ pattern, methods: new Set(methods) });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = routes.filter((r) => r.pattern.test(path)).flatMap((r) => [...r.methods]);
    if (allowed.length > 0) {
      reply.header('allow', [...new Set(allowed)].join(', '));
      return sendProblem(request, reply, 405, 'method_not_allowed', `${request.method} is not allowed on ${path}.`);
    }
    return sendProblem(request, reply, 404, 'route_not_found', `No route ${request.method} ${path}.`);
  });
}
