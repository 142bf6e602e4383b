import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted an invalid environment');
}

describe('loadConfig', () => {
  describe('defaults', () => {
    it('should give every setting a default when the environment is empty', () => {
      expect(loadConfig({})).toEqual({
        PORT: 8080,
        HOST: '127.0.0.1',
        DATABASE_MODE: 'auto',
        DATA_DIR: './data',
        LOG_LEVEL: 'info',
        CORS_ORIGINS: [],
        DB_POOL_SIZE: 8,
        DB_WRITE_CONCURRENCY: 3,
        IDEMPOTENCY_RETENTION_HOURS: 72,
        EVENTS_RETENTION_DAYS: 30,
        DB_STATEMENT_TIMEOUT_MS: 5_000,
        SIMULATION_TIMEOUT_MS: 30_000,
        SIMULATION_MAX_DAYS: 366,
        SIMULATION_MAX_PURCHASES: 20_000,
        DB_CONNECT_TIMEOUT_MS: 2_000,
        ANALYTICS_STATEMENT_TIMEOUT_MS: 30_000,
        ANALYTICS_POOL_SIZE: 2,
        ANALYTICS_PARALLEL_WORKERS: 0,
        DB_MAX_WAITING: 512,
        BODY_LIMIT_BYTES: 65_536,
        RATE_LIMIT_MAX: 100_000,
        RATE_LIMIT_WINDOW_MS: 60_000,
        AUTH_FAILURE_LIMIT: 100,
        AUTH_FAILURE_WINDOW_MS: 60_000,
        AUTH_FAILURE_DELAY_MS: 1_000,
        AUTH_REFUSED_KEY_CACHE_MS: 30_000,
        MAX_EVENT_LOOP_DELAY_MS: 1_000,
        SHUTDOWN_TIMEOUT_MS: 10_000,
        MIGRATE_ON_START: true,
        JOBS_ENABLED: true,
        JOBS_INTERVAL_MS: 60_000,
        WEBHOOKS_ENABLED: true,
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
        WEBHOOK_TIMEOUT_MS: 10_000,
        WEBHOOK_RETRY_HOURS: 24,
        WEBHOOK_POLL_INTERVAL_MS: 1_000,
        WEBHOOK_CONCURRENCY: 8,
        WEBHOOK_LEASE_MS: 60_000,
      });
    });

    it('should leave DATABASE_URL and OPERATOR_TOKEN unset, meaning embedded PostgreSQL and no program creation', () => {
      const config = loadConfig({});
      expect(config.DATABASE_URL).toBeUndefined();
      expect(config.OPERATOR_TOKEN).toBeUndefined();
    });

    it('should treat an empty variable as unset', () => {
      const config = loadConfig({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '' });
      expect(config).toMatchObject({ PORT: 8080, LOG_LEVEL: 'info' });
      expect(config.DATABASE_URL).toBeUndefined();
    });

    it('should treat a blank variable as unset rather than as 0', () => {
      expect(loadConfig({ PORT: ' ', DB_MAX_WAITING: '\t' })).toMatchObject({ PORT: 8080, DB_MAX_WAITING: 512 });
    });

    it('should ignore variables it does not own', () => {
      expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toHaveProperty('PATH');
    });
  });

  describe('coercion', () => {
    it('should turn numeric strings into numbers', () => {
      const config = loadConfig({ PORT: ' 3000 ', DB_POOL_SIZE: '20', DB_MAX_WAITING: '0', BODY_LIMIT_BYTES: '1024', RATE_LIMIT_MAX: '3' });
      expect(config).toMatchObject({ PORT: 3000, DB_POOL_SIZE: 20, DB_MAX_WAITING: 0, BODY_LIMIT_BYTES: 1024, RATE_LIMIT_MAX: 3 });
    });

    it('should turn JOBS_ENABLED into a boolean', () => {
      expect(loadConfig({ JOBS_ENABLED: 'false' }).JOBS_ENABLED).toBe(false);
      expect(loadConfig({ JOBS_ENABLED: 'true' }).JOBS_ENABLED).toBe(true);
    });

    it('should turn WEBHOOK_ALLOW_PRIVATE_NETWORKS into a boolean', () => {
      expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(true);
      expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(false);
    });

    it('should accept postgres:// and postgresql:// URLs', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).DATABASE_URL).toBe('postgres://u@h/db');
      expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5433/db' }).DATABASE_URL).toBe('postgresql://u@h:5433/db');
    });

    it('should return a frozen object', () => {
      const config = loadConfig({});
      expect(Object.isFrozen(config)).toBe(true);
      expect(() => {
        (config as { PORT: number }).PORT = 1;
      }).toThrow(TypeError);
    });
  });

  describe('validation', () => {
    it('should name every bad variable in one ConfigError', () => {
      const error = configErrorOf({ PORT: 'abc', DB_POOL_SIZE: '0', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
      const named = error.problems.map((p) => p.split(':')[0]);
      expect(named.sort()).toEqual(['DATABASE_URL', 'DB_POOL_SIZE', 'LOG_LEVEL', 'PORT']);
      for (const variable of ['PORT', 'DB_POOL_SIZE', 'LOG_LEVEL', 'DATABASE_URL']) expect(error.message).toContain(variable);
      expect(error.name).toBe('ConfigError');
    });

    it.each([
      ['PORT', '65536'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['PORT', '0x50'],
      ['DB_MAX_WAITING', '1e3'],
      ['DB_POOL_SIZE', '201'],
      ['DB_STATEMENT_TIMEOUT_MS', '10'],
      ['BODY_LIMIT_BYTES', '100'],
      ['RATE_LIMIT_MAX', '0'],
      ['JOBS_ENABLED', 'yes'],
      ['WEBHOOK_ALLOW_PRIVATE_NETWORKS', '1'],
      ['OPERATOR_TOKEN', 'short'],
      ['ANALYTICS_PARALLEL_WORKERS', '-1'],
      ['ANALYTICS_PARALLEL_WORKERS', '65'],
    ])('should refuse %s=%s', (variable, value) => {
      expect(configErrorOf({ [variable]: value }).problems).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
    });

    it('should refuse a webhook lease no longer than the attempt timeout', () => {
      expect(configErrorOf({ WEBHOOK_TIMEOUT_MS: '60000' }).problems).toEqual(['WEBHOOK_LEASE_MS: must be greater than WEBHOOK_TIMEOUT_MS']);
      expect(loadConfig({ WEBHOOK_TIMEOUT_MS: '500', WEBHOOK_LEASE_MS: '1000', WEBHOOKS_ENABLED: 'false' })).toMatchObject({
        WEBHOOK_TIMEOUT_MS: 500,
        WEBHOOK_LEASE_MS: 1000,
        WEBHOOKS_ENABLED: false,
      });
    });

    it('should say why a value is refused, without echoing secrets', () => {
      const error = configErrorOf({ OPERATOR_TOKEN: 'short-secret', DATABASE_URL: 'mysql://user:hunter2@db/x' });
      expect(error.message).toMatch(/OPERATOR_TOKEN: must be at least 16 characters/);
      expect(error.message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
      expect(error.message).not.toContain('short-secret');
      expect(error.message).not.toContain('hunter2');
    });
  });
});
