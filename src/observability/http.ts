import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Later log lines of the request carry these fields: the "request completed" line, and any error logged while the
 * request is answered. Fastify logs through the request's and the reply's logger, so both get the child.
 */
function bindLogFields(request: FastifyRequest, reply: FastifyReply, fields: Record<string, string>): void {
  const child = request.log.child(fields);
  request.log = child;
  reply.log = child;
}

/** After authentication: which program and key a request's log lines belong to. */
export function bindPrincipal(request: FastifyRequest, reply: FastifyReply, principal: { programId: string; keyId: string }): void {
  bindLogFields(request, reply, { program_id: principal.programId, key_id: principal.keyId });
}

/** A problem+json answer: counted by code and status, and its code put on the request's log lines. */
export function observeProblem(request: FastifyRequest, reply: FastifyReply, status: number, code: string): void {
  // Absent only on an instance built without buildApp (none in the service).
  (request.server.metrics as typeof request.server.metrics | undefined)?.problems.inc({ code, status: String(status) });
  bindLogFields(request, reply, { problem_code: code });
}
