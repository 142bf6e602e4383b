import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { problems } from '../schemas.ts';
import { sendProblem } from '../problem.ts';

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const healthRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, metrics }) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        operationId: 'getHealth',
        summary: 'Liveness: the process is up',
        tags: ['ops'],
        response: { 200: Health.meta({ examples: [{ status: 'ok' }] }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers',
        tags: ['ops'],
        response: { 200: Health, ...problems(503) },
      },
    },
    async (request, reply) => {
      try {
        await sql`SELECT 1`.execute(db);
        return { status: 'ok' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        reply.header('retry-after', '5');
        return sendProblem(request, reply, 503, 'database_unavailable', 'The database does not answer.');
      }
    },
  );

  app.get('/metrics', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/openapi.json', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async () => app.swagger());
};
