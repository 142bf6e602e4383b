import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { issueApiKey, listApiKeys, revokeApiKey, ROLES, type ApiKey } from '../../api-keys/api-keys.ts';
import { ADMIN, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { AUTH_PROBLEMS, PageQuery, pageOf, problems, pageBody } from '../schemas.ts';
import { Id } from '../../schemas/common.ts';
import { decodeCursor, paginate } from '../pagination.ts';

const Role = z.enum(ROLES as ['admin', 'pos', 'read']).describe('admin: configure; pos: members and ledger writes; read: reads only');

export const ApiKeySchema = z
  .object({
    id: Id('key', 'API key'),
    name: z.string().nullable(),
    role: Role,
    secret_hint: z.string().describe('The first characters of the secret'),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const ApiKeyIssuedSchema = ApiKeySchema.extend({
  secret: z.string().describe('The key itself. Shown only in this response; only a hash is stored.'),
}).meta({ id: 'ApiKeyIssued' });

export const toApiKeyJson = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  secret_hint: k.secret_hint,
  created_at: k.created_at.toISOString(),
  revoked_at: k.revoked_at?.toISOString() ?? null,
});

export const apiKeyRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock }) => {
  app.post(
    '/v1/api-keys',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createApiKey',
        summary: 'Issue an API key for this program',
        tags: ['api-keys'],
        security: bearerSecurity,
        body: z.object({ role: Role, name: z.string().trim().min(1).max(100).optional() }).meta({ examples: [{ role: 'pos', name: 'till 3' }] }),
        // A replay returns the secret again: a client whose first answer was lost needs it, and has no other way to get it.
        headers: OptionalIdempotencyHeaders,
        response: { 201: ApiKeyIssuedSchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(request, reply, { db, clock }, programOf(request), 'createApiKey', async (trx) => {
        const key = await issueApiKey(trx, clock, { programId: programOf(request), role: request.body.role, name: request.body.name });
        return { ...toApiKeyJson(key), secret: key.secret };
      }),
  );

  app.get(
    '/v1/api-keys',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'listApiKeys',
        summary: "List this program's API keys (without secrets)",
        tags: ['api-keys'],
        security: bearerSecurity,
        querystring: PageQuery,
        response: { 200: pageOf(ApiKeySchema, 'ApiKeyPage', 'A page of API keys, newest first'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, ['id'] as const);
      const rows = await listApiKeys(db, programOf(request), { limit: request.query.limit + 1, after: after?.id });
      const page = paginate(rows, request.query.limit, (k) => ({ id: k.id }));
      return pageBody(page.data.map(toApiKeyJson), page.next_cursor);
    },
  );

  app.delete(
    '/v1/api-keys/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key; it is refused from the next request on',
        tags: ['api-keys'],
        security: bearerSecurity,
        params: z.object({ id: Id('key', 'API key') }),
        response: { 200: ApiKeySchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => toApiKeyJson(await revokeApiKey(db, clock, programOf(request), request.params.id)),
  );
};
