import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { createProgram, getProgram, updateProgram, type Program } from '../../programs/programs.ts';
import { ProgramSettingsSchema, SettingsPatchSchema } from '../../programs/settings.ts';
import { ADMIN, READ, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { OPERATOR_SCOPE } from '../../idempotency/create-once.ts';
import { AUTH_PROBLEMS, problems } from '../schemas.ts';
import { Id } from '../../schemas/common.ts';
import { ApiKeyIssuedSchema, toApiKeyJson } from './api-keys.ts';

const SettingsOut = ProgramSettingsSchema;
const SettingsPatch = SettingsPatchSchema.meta({ id: 'ProgramSettingsPatch' });

export const ProgramSchema = z
  .object({
    id: Id('prg', 'Program'),
    name: z.string(),
    settings: SettingsOut,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Program' });

export const toProgramJson = (p: Program) => ({
  id: p.id,
  name: p.name,
  settings: p.settings,
  created_at: p.created_at.toISOString(),
  updated_at: p.updated_at.toISOString(),
});

export const programRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings }) => {
  app.post(
    '/v1/programs',
    {
      config: { access: 'operator' },
      schema: {
        operationId: 'createProgram',
        summary: 'Create a program and its first admin API key (operator token)',
        description: 'The admin key secret is returned only in this response; store it now.',
        tags: ['programs'],
        security: bearerSecurity,
        body: z
          .object({
            name: z.string().trim().min(1).max(200),
            settings: SettingsPatch.optional(),
          })
          .meta({ examples: [{ name: 'Coffee Club' }] }),
        // Keys are the operator's: a program has no id yet. A replay returns the admin secret again, as for API keys.
        headers: OptionalIdempotencyHeaders,
        response: {
          201: z
            .object({ program: ProgramSchema, api_key: ApiKeyIssuedSchema })
            .meta({ id: 'ProgramCreated' }),
          ...problems(...AUTH_PROBLEMS, 422),
        },
      },
    },
    async (request, reply) =>
      sendCreated(request, reply, { db, clock }, OPERATOR_SCOPE, 'createProgram', async (trx) => {
        const { program, apiKey } = await createProgram(trx, clock, request.body);
        return { program: toProgramJson(program), api_key: { ...toApiKeyJson(apiKey), secret: apiKey.secret } };
      }),
  );

  app.get(
    '/v1/program',
    {
      config: { access: READ },
      schema: {
        operationId: 'getProgram',
        summary: "The caller's program and its settings",
        tags: ['programs'],
        security: bearerSecurity,
        response: { 200: ProgramSchema, ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => toProgramJson(await getProgram(db, programOf(request))),
  );

  app.patch(
    '/v1/program',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'updateProgram',
        summary: "Change the program's name or settings",
        description:
          'Settings not named in the body keep their current value (a setting given replaces its whole value). Settings that break a rule between them (tiers, caps in order, the home currency rated) are 422 invalid_settings with a pointer to each.',
        tags: ['programs'],
        security: bearerSecurity,
        body: z
          .object({ name: z.string().trim().min(1).max(200).optional(), settings: SettingsPatch.optional() })
          .meta({ examples: [{ settings: { pending_days: 14 } }] }),
        response: { 200: ProgramSchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request) => {
      const program = await updateProgram(db, clock, programOf(request), request.body);
      settings.invalidate(program.id);
      return toProgramJson(program);
    },
  );
};
