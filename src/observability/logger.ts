import pino, { type Logger, type LoggerOptions } from 'pino';
import { createRequire } from 'node:module';

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

/** JSON lines for machines; pretty output only for a person at a terminal (and only if pino-pretty is installed). */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY && prettyAvailable());
  const base: LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'points-ledger' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (pretty) return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  return pino(base);
}
