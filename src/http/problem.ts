import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorKind } from '../errors.ts';
import { observeProblem } from '../observability/http.ts';

const STATUS_OF: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
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
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

const PROBLEM_BASE = 'https://docs.points-ledger.dev/problems/';

/**
 * RFC 6750 section 3: a 401 names the scheme and realm; when a token was sent and refused it adds
 * `error="invalid_token"` (a request without credentials gets no error attribute).
 */
function bearerChallenge(request: FastifyRequest): string {
  return request.headers.authorization ? 'Bearer realm="points-ledger", error="invalid_token"' : 'Bearer realm="points-ledger"';
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  if (status === 401) reply.header('www-authenticate', bearerChallenge(request));
  observeProblem(request, reply, status, code);
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
const TRANSIENT_PG_CODES = new Set(['57014', '55P03', '53300', '40001', '40P01']);

// Waiting for a free connection of our own pool: busy. (A new connection the database does not accept in time is an
// outage: see isDatabaseUnreachable.)
function isPoolTimeout(error: Error): boolean {
  return /timeout exceeded when trying to connect/i.test(error.message);
}

// The database cannot be reached or went away: an outage to wait out, not a bug. SQLSTATE class 08 is
// "connection exception"; 57P01/57P02 are a server shutting down or crashing under us, 57P03 one starting up or
// shutting down that refuses new connections.
const UNREACHABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE']);

// A Citus coordinator relays a worker it cannot reach as class 08 ("connection to the remote node ... failed"), but
// a worker connection lost in the middle of a command has no SQLSTATE of its own and arrives as XX000 with libpq's
// message, or Citus's own when the lost connection held part of the transaction, or as 58030 when data was being
// copied to it: the worker is down, not a bug.
const LOST_REMOTE_NODE_CODES = new Set(['XX000', '58030']);
const LOST_REMOTE_NODE =
  /connection to the remote node|could not establish any connections to the node|failure on connection marked as essential|failed to COPY to shard|cannot connect to \S+ to fetch intermediate results|server closed the connection unexpectedly|SSL SYSCALL error|connection not open|terminating connection/;

function isDatabaseUnreachable(error: Error, code: string | undefined): boolean {
  if (code && (UNREACHABLE_NODE_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) return true;
  if (code && LOST_REMOTE_NODE_CODES.has(code) && LOST_REMOTE_NODE.test(error.message)) return true;
  return /^Connection terminated (unexpectedly|due to connection timeout)$/.test(error.message);
}

/** RFC 6901: '~' and '/' inside a key are escaped. */
export const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Fastify answers a few malformed URLs from its router, before any hook or error handler runs (a path parameter
 * over the router's maxParamLength, a broken percent-encoding). Passed as Fastify's `frameworkErrors` option, this
 * gives them the same problem+json shape as every other error.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', request.id);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    // No id we issue is that long, so nothing can be found under it.
    return sendProblem(request, reply, 404, 'route_not_found', 'No resource has an id that long.');
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(request, reply, 400, 'bad_request', 'The URL is not valid: a path segment is not well-formed percent-encoding.');
  }
  request.log.error({ err: error, problem_code: 'internal_error' }, 'router error');
  return sendProblem(request, reply, 500, 'internal_error', 'Something went wrong on our side. Quote the request_id when you report it.');
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const location = LOCATION[error.validationContext ?? 'body'] ?? 'body';
      const errors = error.validation.flatMap((v) => {
        const pointer = v.instancePath || '/';
        // A strict object reports unknown fields on the object itself; point at each field so a client can find it.
        const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: unknown }).keys : undefined;
        if (Array.isArray(keys) && keys.length > 0) {
          return keys.map((key) => ({ pointer: `${pointer.replace(/\/$/, '')}/${escapePointer(String(key))}`, location, message: 'is not a known field' }));
        }
        return [{ pointer, location, message: v.message ?? 'is invalid' }];
      });
      return sendProblem(request, reply, 400, 'validation_failed', `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`, {
        errors,
      });
    }
    if (error instanceof DomainError) {
      const status = STATUS_OF[error.kind];
      if (status === 503 || status === 429) reply.header('retry-after', String(error.extra['retry_after'] ?? 1));
      // A refusal stored against an Idempotency-Key is replayed like a success.
      if ((error as { replayed?: boolean }).replayed) reply.header('idempotent-replayed', 'true');
      return sendProblem(request, reply, status, error.code, error.message, error.extra);
    }
    const pgCode = (error as { code?: string }).code;
    if ((pgCode && TRANSIENT_PG_CODES.has(pgCode)) || isPoolTimeout(error)) {
      request.log.warn({ err: error, problem_code: 'overloaded' }, 'database overloaded');
      reply.header('retry-after', '1');
      return sendProblem(request, reply, 503, 'overloaded', 'The service is busy; retry shortly.');
    }
    if (isDatabaseUnreachable(error, pgCode)) {
      request.log.error({ err: error, problem_code: 'database_unavailable' }, 'database unreachable');
      reply.header('retry-after', '5');
      return sendProblem(request, reply, 503, 'database_unavailable', 'The database does not answer; retry shortly.');
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
    request.log.error({ err: error, problem_code: 'internal_error' }, 'unhandled error');
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
