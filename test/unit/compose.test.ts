import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.ts';

// No container engine runs where the tests do, so compose.yaml is checked as data: its structure, and that the
// environment it gives the service is one src/config.ts reads and accepts.
const ROOT = new URL('../../', import.meta.url);
const compose = parse(await readFile(new URL('compose.yaml', ROOT), 'utf8'));
const dockerfile = await readFile(new URL('Dockerfile', ROOT), 'utf8');

/** Compose's variable interpolation, for the forms the file uses: ${VAR}, ${VAR:-default}, ${VAR:?error}, $$. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{(\w+)(?::([-?])([^}]*))?\}/g, (whole, name: string | undefined, kind: string | undefined, rest: string) => {
    if (whole === '$$') return '$';
    const set = env[name!];
    if (set !== undefined && set !== '') return set;
    if (kind === '-') return rest;
    if (kind === '?') throw new Error(`${name}: ${rest}`);
    return '';
  });
}

describe('compose.yaml', () => {
  const service = compose.services['points-ledger'];
  const postgres = compose.services.postgres;

  it('should build the service from the Dockerfile and keep PostgreSQL (the official image) on a named volume', () => {
    expect(service.build).toBe('.');
    expect(postgres.image).toMatch(/^postgres:\d+$/);
    const [volume, mountPoint] = (postgres.volumes[0] as string).split(':');
    expect(mountPoint).toMatch(/^\/var\/lib\/postgresql/);
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('should start the service once PostgreSQL answers pg_isready, and keep the image HEALTHCHECK on /readyz', () => {
    expect(postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(service.healthcheck).toBeUndefined();
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD \["node", "-e", "fetch\(`http:\/\/127\.0\.0\.1:\$\{process\.env\.PORT \|\| 8080\}\/readyz`/m);
    expect(service.ports).toEqual(['${PORT:-8080}:8080']);
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
  });

  it('should require OPERATOR_TOKEN from the environment', () => {
    expect(service.environment.OPERATOR_TOKEN).toMatch(/^\$\{OPERATOR_TOKEN:\?/);
    expect(() => interpolate(service.environment.OPERATOR_TOKEN, {})).toThrow(/OPERATOR_TOKEN/);
  });

  it('should give the service only settings src/config.ts reads, with DATABASE_URL naming the postgres service', () => {
    const env = Object.fromEntries(
      Object.entries(service.environment as Record<string, string>).map(([name, value]) => [
        name,
        interpolate(value, { OPERATOR_TOKEN: 'compose-operator-token-0123' }),
      ]),
    );
    const config = loadConfig(env);
    for (const name of Object.keys(env)) expect(config, name).toHaveProperty(name);
    expect(config.MIGRATE_ON_START).toBe(true);
    const url = new URL(config.DATABASE_URL!);
    const pgEnv = postgres.environment as Record<string, string>;
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(pgEnv['POSTGRES_USER']);
    expect(decodeURIComponent(url.password)).toBe(interpolate(pgEnv['POSTGRES_PASSWORD']!, {}));
    expect(url.pathname).toBe(`/${pgEnv['POSTGRES_DB']}`);
  });
});
