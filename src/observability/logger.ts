import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { createRequire } from 'node:module';
import { redactUrlsIn } from './redact-url.ts';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  'authorization',
  '*.secret',
  'secret',
  'api_key.secret',
  'OPERATOR_TOKEN',
  'DATABASE_URL',
];

function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

const MAX_DEPTH = 6;

/**
 * A logged value with the credentials and query strings of the URLs in its strings redacted: a webhook URL's
 * password or token reaches the logs inside error messages (fetch quotes the URL it refused) whatever the field.
 * Only plain objects and arrays are walked; anything else (a request, an Error before its serializer) is left as is.
 */
export function redactUrlsDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrlsIn(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactUrlsDeep(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactUrlsDeep(v, depth + 1)]));
}

/** pino's error serializer (message, stack, causes, own properties), with URLs redacted. */
function redactedErr(error: unknown): unknown {
  if (!(error instanceof Error)) return redactUrlsDeep(error);
  // Its result is not a plain object (its prototype carries the defaults), so its own fields are walked here.
  return Object.fromEntries(Object.entries(pino.stdSerializers.err(error)).map(([key, value]) => [key, redactUrlsDeep(value)]));
}

/** JSON lines for machines; pretty output only for a person at a terminal (and only if pino-pretty is installed). */
export function createLogger(level: string, options: { pretty?: boolean; destination?: DestinationStream } = {}): Logger {
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY && prettyAvailable());
  const base: LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'points-ledger' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: redactedErr },
    formatters: { log: (object) => redactUrlsDeep(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        const redacted = rest.map((a) => (typeof a === 'string' ? redactUrlsIn(a) : a));
        if (typeof first === 'string') return method.apply(this, [redactUrlsIn(first), ...redacted] as Parameters<typeof method>);
        // Without a message pino logs the error's own, which the err serializer does not reach.
        const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
        if (error instanceof Error && typeof rest[0] !== 'string') {
          return method.apply(this, [first, redactUrlsIn(error.message), ...redacted] as Parameters<typeof method>);
        }
        return method.apply(this, [first, ...redacted] as Parameters<typeof method>);
      },
    },
  };
  if (pretty) return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  return options.destination ? pino(base, options.destination) : pino(base);
}
