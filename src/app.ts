import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { validatorCompiler } from './http/validation.ts';
import { openApiTransformObject } from './http/openapi-tidy.ts';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyCors from '@fastify/cors';
import fastifyUnderPressure from '@fastify/under-pressure';
import type { Logger } from 'pino';
import type pg from 'pg';
import type { Config } from './config.ts';
import { simulationRoutes } from './http/routes/analytics-simulations.ts';
import { ltvRoutes } from './http/routes/analytics-ltv.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/pool.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { buildInfo } from './observability/build-info.ts';
import { handleFrameworkError, registerErrorHandling, sendProblem } from './http/problem.ts';
import { registerAuth, registerSecurityScheme } from './http/auth.ts';
import { registerInputGuards } from './http/input-guards.ts';
import { registerRateLimitFields } from './http/rate-limit-fields.ts';
import { DomainError } from './errors.ts';
import { healthRoutes } from './http/routes/health.ts';
import { programRoutes } from './http/routes/programs.ts';
import { apiKeyRoutes } from './http/routes/api-keys.ts';
import { memberRoutes } from './http/routes/members.ts';
import { ledgerRoutes } from './http/routes/ledger.ts';
import { memberLedgerRoutes } from './http/routes/member-ledger.ts';
import { walletRoutes } from './http/routes/wallet.ts';
import { giftCardRoutes } from './http/routes/gift-cards.ts';
import { operationsRoutes } from './http/routes/operations.ts';
import { analyticsRoutes } from './http/routes/analytics.ts';
import { ruleRoutes } from './http/routes/rules.ts';
import { eventRoutes } from './http/routes/events.ts';
import { eventWebhooks } from './events/openapi-webhooks.ts';
import { engagementRoutes } from './http/routes/engagement.ts';
import { createSettingsCache, type SettingsCache } from './programs/settings-cache.ts';
import { createRatesCache, type RatesCache } from './rules/rates.ts';
import { LedgerBatcher } from './ledger/batcher.ts';
import { isDistributed } from './db/placement.ts';
import { webhookRoutes } from './http/routes/webhooks.ts';
import { promotionRoutes } from './http/routes/promotions.ts';
import { activePromotionSegments, activePromotions, forgetActivePromotions } from './promotions/promotions.ts';
import { verifyPresentedCodes } from './promotions/codes.ts';
import type { PromotionServices } from './promotions/checkout.ts';
import { fxRateRoutes } from './http/routes/fx-rates.ts';
import { segmentRoutes } from './http/routes/segments.ts';
import { targetRoutes } from './http/routes/targets.ts';
import { notificationRoutes } from './http/routes/notifications.ts';
import { journeyRoutes } from './http/routes/journeys.ts';
import { campaignResultsRoutes } from './http/routes/campaign-results.ts';
import { promoCodeRoutes } from './http/routes/promo-codes.ts';
import type { WebhookWorker } from './webhooks/dispatcher.ts';
import type { AnalyticsReader } from './analytics/read.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  /** Shared with what runs beside the app (the webhook worker); a fresh registry when absent. */
  metrics?: Metrics;
  /** Told when an admin queues work for it (a retry, a re-enabled endpoint); tests drive deliveries themselves. */
  webhookWorker?: Pick<WebhookWorker, 'kick'>;
  /** Whether the database is a Citus cluster; asked of the database when absent. */
  cluster?: boolean;
  /** The analytics read path's own connections (openDatabase's analyticsDb); absent, reports read through `db`. */
  analyticsDb?: Db;
}

/** What route plugins receive: the app's dependencies, never globals. */
export interface RouteContext extends Omit<AppDeps, 'cluster' | 'analyticsDb'> {
  /** How reports read (src/analytics/read.ts): their statement timeout and their own pool. */
  analytics: AnalyticsReader;
  metrics: Metrics;
  settings: SettingsCache;
  rates: RatesCache;
  /** Absent on a Citus cluster, where each write is its own delegated call on its member's worker. */
  batcher: LedgerBatcher | undefined;
  /** The database is a Citus cluster (src/db/placement.ts): the event feed keeps a position per shard. */
  cluster: boolean;
  /** What a purchase's promotions need (src/promotions/checkout.ts). */
  promotions: PromotionServices;
}

export const API_VERSION = '0.1.0';

const REQUEST_ID_PATTERN = /^[\w.:@/+=-]{1,128}$/;

/** Builds the application without listening; server.ts and the tests decide how to serve it. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, pool } = deps;
  const metrics = deps.metrics ?? createMetrics(pool, buildInfo(config.BUILD_COMMIT));
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One log line per request, written by our onResponse hook with the route template and duration.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Honour the caller's x-request-id when it is sane, so one id follows a sale from till to our logs.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // Router-level errors (an over-long path parameter, broken percent-encoding) answer problem+json like the rest.
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('metrics', metrics);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // First of the hooks: a preflight is answered before authentication, rate limits or load shedding see it.
  if (config.CORS_ORIGINS.length > 0) {
    await app.register(fastifyCors, {
      origin: [...config.CORS_ORIGINS],
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'x-request-id'],
      exposedHeaders: [
        'Idempotent-Replayed', 'x-request-id', 'Retry-After', 'Location', 'WWW-Authenticate',
        'RateLimit', 'RateLimit-Policy', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset',
      ],
      maxAge: 600,
    });
  }
  registerInputGuards(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    request.log.info(
      { method: request.method, route, url: request.url, status: reply.statusCode, duration_ms: Math.round(reply.elapsedTime * 100) / 100 },
      'request completed',
    );
  });

  // Refuse work we cannot start soon instead of queueing it until the client times out and retries.
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.access === 'public' || request.routeOptions.config.access === undefined) return;
    const saturated = pool.idleCount === 0 && pool.totalCount >= config.DB_POOL_SIZE;
    if (saturated && pool.waitingCount >= config.DB_MAX_WAITING) {
      throw new DomainError('unavailable', 'overloaded', 'Too many requests are waiting for the database; retry shortly.', { retry_after: 1 });
    }
  });
  await app.register(fastifyUnderPressure, {
    maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
    retryAfter: 1,
    pressureHandler: (request, reply, type) => {
      reply.header('retry-after', '1');
      void sendProblem(request, reply, 503, 'overloaded', `The service is overloaded (${type}); retry shortly.`);
    },
  });

  registerAuth(app, deps.db, {
    operatorToken: config.OPERATOR_TOKEN,
    failureLimit: config.AUTH_FAILURE_LIMIT,
    failureWindowMs: config.AUTH_FAILURE_WINDOW_MS,
    refusedKeyTtlMs: config.AUTH_REFUSED_KEY_CACHE_MS,
    blockedDelayMs: config.AUTH_FAILURE_DELAY_MS,
  });
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'preParsing',
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    keyGenerator: (request) => request.principal?.keyId ?? request.ip,
    // Only API keys are limited: health checks and scrapes must never be throttled.
    allowList: (request) => request.principal === null,
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate_limited', 'rate_limited', `Rate limit of ${context.max} requests per ${context.after} reached for this API key.`, {
        retry_after: Math.ceil(context.ttl / 1000),
      }),
  });
  registerRateLimitFields(app, config.RATE_LIMIT_WINDOW_MS);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'points-ledger',
        version: API_VERSION,
        description:
          'Headless loyalty points ledger: programs, members, an append-only double-entry points ledger with idempotent writes. Errors are RFC 9457 problem+json with a stable `code`.',
        license: { name: 'UNLICENSED', identifier: 'UNLICENSED' },
      },
      // Relative: "Try it out" on /docs, and a client generated from /openapi.json, call the address they were served from.
      servers: [{ url: '/', description: 'This service' }],
      components: { securitySchemes: registerSecurityScheme() },
      // Every event type as an OpenAPI 3.1 webhook; the bodies reference the event schemas among the components.
      webhooks: eventWebhooks(),
      tags: [
        { name: 'programs', description: 'Programs and their settings' },
        { name: 'api-keys', description: 'API keys of a program' },
        { name: 'members', description: 'Loyalty members' },
        { name: 'ledger', description: 'Earn, return, redeem, hold and adjust points; balances and history' },
        { name: 'wallet', description: 'Money the member holds, per currency: store credit, spending at the till' },
        { name: 'rules', description: 'Rate sets and conversions between points and money' },
        { name: 'jobs', description: 'Time-driven jobs (maturing, expiry, hold expiry, tier review and benefits, velocity sweep)' },
        { name: 'audit', description: 'Ledger invariants' },
        { name: 'events', description: 'The event feed, and the webhooks that deliver the same events' },
        { name: 'webhooks', description: 'Webhook endpoints, their deliveries and attempts' },
        { name: 'promotions', description: 'Promotions: discounts, points bonuses and codes a purchase can get, and presets that create them' },
        { name: 'promo-codes', description: 'Promo codes: issued for a promotion, presented with a purchase' },
        { name: 'segments', description: 'Segments: members grouped by a rule evaluated as of an instant, or by a list; their members and figures, and the promotions that target them' },
        { name: 'analytics', description: 'Reports computed from the ledger, and what-if replays; read keys may call them and nothing here writes' },
        { name: 'engagement', description: 'Sales targets and their pace; notifications to segments and journeys members run through on their moments, with their results' },
        { name: 'ops', description: 'Health, readiness and metrics' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: openApiTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  // The server asks once the database is migrated and passes the answer; asked here, a database that does not answer
  // (tests of readiness) is taken for a single node, which is what serves /readyz's 503 the same either way.
  const cluster = deps.cluster ?? (await isDistributed(pool).catch(() => false));
  const context: RouteContext = {
    ...deps,
    cluster,
    metrics,
    analytics: { timeoutMs: config.ANALYTICS_STATEMENT_TIMEOUT_MS, ...(deps.analyticsDb ? { db: deps.analyticsDb } : {}) },
    settings: createSettingsCache(deps.db, deps.clock),
    rates: createRatesCache(deps.db, deps.clock),
    promotions: {
      active: (programId, fresh) => {
        if (fresh) forgetActivePromotions(programId);
        return activePromotions(deps.db, programId, deps.clock);
      },
      segments: (programId) => activePromotionSegments(deps.db, programId, deps.clock),
      verifyCodes: (programId, memberId, presented, now) => verifyPresentedCodes(deps.db, programId, memberId, presented, now),
      cluster,
    },
    // Never every connection: other queries (auth, member reads) must still get through. On a Citus cluster a batch
    // of several members' writes would run on the coordinator, statement by statement across workers; one delegated
    // call per write is what scales there, and the workers share their own commits.
    batcher: cluster
      ? undefined
      : new LedgerBatcher(pool, {
          maxInFlight: Math.max(1, Math.min(config.DB_WRITE_CONCURRENCY, config.DB_POOL_SIZE - 1)),
          onBatch: (size) => metrics.ledgerBatchSize.observe(size),
          onSplit: () => metrics.ledgerBatchesSplit.inc(),
        }),
  };
  await app.register(healthRoutes, context);
  await app.register(programRoutes, context);
  await app.register(apiKeyRoutes, context);
  await app.register(memberRoutes, context);
  await app.register(ledgerRoutes, context);
  await app.register(memberLedgerRoutes, context);
  await app.register(walletRoutes, context);
  await app.register(giftCardRoutes, context);
  await app.register(operationsRoutes, context);
  await app.register(analyticsRoutes, context);
  await app.register(ruleRoutes, context);
  await app.register(eventRoutes, context);
  await app.register(engagementRoutes, context);
  await app.register(webhookRoutes, context);
  await app.register(promotionRoutes, context);
  await app.register(promoCodeRoutes, context);
  await app.register(simulationRoutes, context);
  await app.register(ltvRoutes, context);
  await app.register(fxRateRoutes, context);
  await app.register(segmentRoutes, context);
  await app.register(targetRoutes, context);
  await app.register(notificationRoutes, context);
  await app.register(journeyRoutes, context);
  await app.register(campaignResultsRoutes, context);

  return app;
}
