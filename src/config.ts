import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Plain decimal integers only: Number() would read ' ' as 0 and '0x50' or '1e3' as numbers nobody meant.
const intFrom = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** scheme://host[:port], nothing more: what a browser sends in Origin. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

const ConfigSchema = z.object({
  PORT: intFrom(0, 65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // single: one PostgreSQL. citus: DATABASE_URL is a Citus coordinator; migrations distribute the schema across its
  // workers (src/db/placement.ts). auto: citus when the database has the citus extension.
  DATABASE_MODE: z.enum(['auto', 'single', 'citus']).default('auto'),
  DATA_DIR: z.string().min(1).default('./data'),
  OPERATOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  // Browser origins allowed to call the API (comma-separated, e.g. https://console.example.com); none by default,
  // and then no CORS headers are sent at all.
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter((o) => o !== ''))
    .pipe(z.array(z.string().refine(isOrigin, 'must be a comma-separated list of origins such as https://console.example.com'))),
  DB_POOL_SIZE: intFrom(1, 200).default(8),
  // Ledger writes in the database at once; more queue and go together in batches. A little above the database's
  // cores did best on a 2-core machine (3: ~1,650 req/s mixed load; 2, 4 and 7: ~1,250-1,350).
  DB_WRITE_CONCURRENCY: intFrom(1, 200).default(3),
  DB_STATEMENT_TIMEOUT_MS: intFrom(100, 600_000).default(5_000),
  // What-if replays (POST /v1/analytics/simulations): their own session, time limit and caps on the work, so an
  // analyst's question never competes with the write path for long.
  SIMULATION_TIMEOUT_MS: intFrom(100, 600_000).default(30_000),
  SIMULATION_MAX_DAYS: intFrom(1, 3_660).default(366),
  SIMULATION_MAX_PURCHASES: intFrom(1, 10_000_000).default(20_000),
  DB_CONNECT_TIMEOUT_MS: intFrom(100, 60_000).default(2_000),
  // Analytics and back-office searches read in their own read-only transactions under this timeout, so a heavy report
  // is cut off (503 analytics_timeout) instead of holding a connection the write path needs.
  ANALYTICS_STATEMENT_TIMEOUT_MS: intFrom(100, 600_000).default(30_000),
  // ... and on connections of their own: a pool of this many, apart from DB_POOL_SIZE, so reports never hold a
  // connection a write is waiting for, and at most this many run in the database at once (more wait for a turn).
  ANALYTICS_POOL_SIZE: intFrom(1, 100).default(2),
  // Parallel workers one report may start beside its own backend (PostgreSQL's max_parallel_workers_per_gather for
  // the analytics pool's sessions). Each worker is another process on the database's cores, taken from the writes:
  // on 2 cores, PostgreSQL's default of 2 put the mixed write load's p99 beside a report at 2.3-2.4x the idle one,
  // none at 1.4-1.5x, for reports a third slower (bench/ANALYTICS.md).
  ANALYTICS_PARALLEL_WORKERS: intFrom(0, 64).default(0),
  // Requests beyond this many waiting for a pool connection are refused with 503 instead of queueing.
  DB_MAX_WAITING: intFrom(0, 100_000).default(512),
  BODY_LIMIT_BYTES: intFrom(1_024, 10 * 1024 * 1024).default(64 * 1024),
  // Per API key. The default is far above what one store's tills send; it exists to stop a runaway client.
  RATE_LIMIT_MAX: intFrom(1, 10_000_000).default(100_000),
  RATE_LIMIT_WINDOW_MS: intFrom(100, 3_600_000).default(60_000),
  // Failed authentications (bad, unknown or revoked keys) per client address per window; beyond it the address is
  // answered 429 without a key lookup until the window ends. Keys this instance has already accepted still pass.
  AUTH_FAILURE_LIMIT: intFrom(1, 10_000_000).default(100),
  AUTH_FAILURE_WINDOW_MS: intFrom(1_000, 3_600_000).default(60_000),
  // How long that 429 is held before it is sent, so each flooding connection costs about one request per delay.
  AUTH_FAILURE_DELAY_MS: intFrom(0, 10_000).default(1_000),
  // How long a well-formed key the database refused is refused again from memory (0: ask the database every time).
  AUTH_REFUSED_KEY_CACHE_MS: intFrom(0, 300_000).default(30_000),
  MAX_EVENT_LOOP_DELAY_MS: intFrom(0, 60_000).default(1_000),
  SHUTDOWN_TIMEOUT_MS: intFrom(100, 600_000).default(10_000),
  // Off: the service never changes the schema at start, it only refuses a database not migrated exactly to this code
  // (src/db/migrate.ts checkMigrated). For a runtime role without DDL rights, after `npm run migrate` by the owner.
  // The commit points_ledger_build_info reports; an image has no .git to read it from (src/observability/build-info.ts).
  BUILD_COMMIT: z.string().trim().min(1).max(100).optional(),
  MIGRATE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  JOBS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  JOBS_INTERVAL_MS: intFrom(1_000, 86_400_000).default(60_000),
  // How long a stored Idempotency-Key result can be replayed; older ones are pruned by the scheduler.
  IDEMPOTENCY_RETENTION_HOURS: intFrom(1, 24 * 365).default(72),
  // How long events stay readable in the feed (and resendable to webhooks); older ones are pruned by the scheduler.
  EVENTS_RETENTION_DAYS: intFrom(1, 3650).default(30),
  // Webhook deliveries (src/webhooks/): a worker in every instance unless disabled; instances never send one attempt twice.
  WEBHOOKS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  // Off: webhook URLs naming localhost or a non-public IP are refused, and deliveries never connect to a non-public
  // address (loopback, private, link-local such as the cloud metadata service). On for receivers on an internal network.
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WEBHOOK_TIMEOUT_MS: intFrom(10, 120_000).default(10_000),
  // A failing delivery is retried with backoff for this long; an endpoint failing this long is disabled.
  WEBHOOK_RETRY_HOURS: intFrom(1, 24 * 30).default(24),
  WEBHOOK_POLL_INTERVAL_MS: intFrom(10, 3_600_000).default(1_000),
  WEBHOOK_CONCURRENCY: intFrom(1, 256).default(8),
  // How long a claimed attempt belongs to its worker; a worker that dies leaves it to another after this. Must exceed
  // WEBHOOK_TIMEOUT_MS, or a slow but live attempt could be claimed again.
  WEBHOOK_LEASE_MS: intFrom(1_000, 3_600_000).default(60_000),
}).refine((c) => c.WEBHOOK_LEASE_MS > c.WEBHOOK_TIMEOUT_MS, {
  path: ['WEBHOOK_LEASE_MS'],
  message: 'must be greater than WEBHOOK_TIMEOUT_MS',
});

export type Config = Readonly<z.output<typeof ConfigSchema>>;

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment once; every bad variable is named in one error. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty (or blank) variable means "unset": shells and compose files often export VAR= to clear it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  return Object.freeze(result.data);
}
