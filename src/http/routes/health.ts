import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { problems } from '../schemas.ts';
import { sendProblem } from '../problem.ts';

/** How long /readyz waits for the database: a probe must get an answer before its own timeout, whatever the database does. */
export const READINESS_TIMEOUT_MS = 2_000;

class ReadinessTimeout extends Error {}

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
      let timer: NodeJS.Timeout | undefined;
      try {
        // A database that accepts connections and never answers would hold the probe until the connect or statement
        // timeout (or forever, mid-query); the check itself is left to finish or fail in the background.
        await Promise.race([
          sql`SELECT 1`.execute(db),
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new ReadinessTimeout()), READINESS_TIMEOUT_MS);
          }),
        ]);
        return { status: 'ok' as const };
      } catch (error) {
        reply.header('retry-after', '5');
        if (error instanceof ReadinessTimeout) {
          request.log.warn({ timeout_ms: READINESS_TIMEOUT_MS }, 'readiness check timed out');
          return sendProblem(request, reply, 503, 'database_unavailable', `The database did not answer within ${READINESS_TIMEOUT_MS / 1000} s.`);
        }
        request.log.warn({ err: error }, 'readiness check failed');
        // The cause is logged, not sent: this route is public and the error names hosts and ports.
        const refused = (error as { code?: string }).code === 'ECONNREFUSED';
        return sendProblem(request, reply, 503, 'database_unavailable', refused ? 'The database refuses connections.' : 'The database does not answer.');
      } finally {
        clearTimeout(timer);
      }
    },
  );

  app.get('/metrics', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/openapi.json', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async () => app.swagger());
};
