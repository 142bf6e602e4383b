import { createHash, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, type Principal, type Role } from '../api-keys/api-keys.ts';
import { isWellFormedSecret } from '../api-keys/secrets.ts';
import type { Db } from '../db/pool.ts';
import { DomainError } from '../errors.ts';
import { bindPrincipal } from '../observability/http.ts';

/** Who may call a route: nobody needs to authenticate, the operator token, or an API key with one of these roles. */
export type Access = 'public' | 'operator' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The route's database call re-checks that the key is not revoked in its own round trip (the ledger functions
     * do), so auth may answer from the in-process key cache instead of querying first.
     */
    revocationCheckedInQuery?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const READ: readonly Role[] = ['admin', 'pos', 'read'];
export const WRITE: readonly Role[] = ['admin', 'pos'];
export const ADMIN: readonly Role[] = ['admin'];

export const bearerSecurity = [{ bearerAuth: [] }];

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export class AuthError extends DomainError {}

/** Only the principal's program is ever visible to a request; routes read it from here and nowhere else. */
export function programOf(request: FastifyRequest): string {
  if (!request.principal) throw new Error('programOf called on a route without API-key access');
  return request.principal.programId;
}

/** Bounded map: when full, the oldest entry goes first. */
class BoundedMap<V> {
  private readonly entries = new Map<string, V>();
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  get(key: string): V | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
}

/**
 * Well-formed keys the database refused (unknown or revoked), remembered for a short while so a flood of the same
 * wrong key costs one lookup. A refusal cannot go stale the other way: a revoked key stays revoked, and a new key is
 * 256 random bits nobody can have sent before it was issued.
 */
class RefusedKeys {
  private readonly entries = new BoundedMap<number>(10_000);
  private readonly ttlMs: number;
  constructor(ttlMs: number) {
    this.ttlMs = ttlMs;
  }
  has(secret: string, now: number): boolean {
    const expires = this.entries.get(secret);
    if (expires === undefined) return false;
    if (expires > now) return true;
    this.entries.delete(secret);
    return false;
  }
  add(secret: string, now: number): void {
    if (this.ttlMs > 0) this.entries.set(secret, now + this.ttlMs);
  }
}

/** Answers held for an address over the limit are released at most this many per delay, however many connections it opens. */
const BLOCKED_ANSWERS_PER_DELAY = 64;

/**
 * Failed authentications per client address in fixed windows. An address over the limit is answered 429 before any
 * lookup; only failures count, so an address whose requests succeed is never throttled by it.
 *
 * Even an answer from memory costs the event loop a request's work, which a flood on many connections would take
 * from real clients. So the 429 is held: at least `delayMs`, and answers to one address are spaced so it gets at most
 * BLOCKED_ANSWERS_PER_DELAY of them per `delayMs` (never later than its window's end).
 */
class FailureLimiter {
  private readonly windows = new BoundedMap<{ count: number; endsAt: number; lastRelease: number }>(100_000);
  private readonly max: number;
  private readonly windowMs: number;
  private readonly delayMs: number;
  constructor(max: number, windowMs: number, delayMs: number) {
    this.max = max;
    this.windowMs = windowMs;
    this.delayMs = delayMs;
  }
  /** For an address over the limit: when to answer it, and the seconds it should wait before trying again. */
  blocked(address: string, now: number): { releaseAt: number; retryAfter: number } | null {
    const window = this.windows.get(address);
    if (!window || window.endsAt <= now || window.count < this.max) return null;
    const releaseAt = Math.min(Math.max(now + this.delayMs, window.lastRelease + this.delayMs / BLOCKED_ANSWERS_PER_DELAY), window.endsAt);
    window.lastRelease = releaseAt;
    return { releaseAt, retryAfter: Math.ceil((window.endsAt - now) / 1000) };
  }
  record(address: string, now: number): void {
    const window = this.windows.get(address);
    if (!window || window.endsAt <= now) this.windows.set(address, { count: 1, endsAt: now + this.windowMs, lastRelease: 0 });
    else window.count += 1;
  }
}

export interface AuthOptions {
  operatorToken: string | undefined;
  /** Failed authentications an address may make per window before it is answered 429. */
  failureLimit: number;
  failureWindowMs: number;
  /** How long a well-formed key the database refused is refused again without asking it; 0 disables the cache. */
  refusedKeyTtlMs: number;
  /** How long the 429 to an address over the limit is held before it is sent. */
  blockedDelayMs: number;
}

export function registerAuth(app: FastifyInstance, db: Db, options: AuthOptions) {
  const operatorDigest = options.operatorToken ? digest(options.operatorToken) : null;
  // What a key is (its id, program and role) never changes, so it can be cached; whether it is revoked can, so a
  // cached key is only trusted on routes whose own query re-checks revocation.
  const keys = new BoundedMap<Principal>(10_000);
  const refused = new RefusedKeys(options.refusedKeyTtlMs);
  const failures = new FailureLimiter(options.failureLimit, options.failureWindowMs, options.blockedDelayMs);
  // Held answers are let go at once when the app closes, so a flood never delays a shutdown.
  const closing = new AbortController();
  app.addHook('preClose', async () => closing.abort());
  app.decorateRequest('principal', null);

  const refuseIfBlocked = async (request: FastifyRequest, now: number) => {
    const blocked = failures.blocked(request.ip, now);
    if (blocked) {
      const { releaseAt, retryAfter } = blocked;
      if (releaseAt > now) await sleep(releaseAt - now, undefined, { signal: closing.signal }).catch(() => undefined);
      throw new AuthError('rate_limited', 'rate_limited', `Too many failed authentications from this address; retry in ${retryAfter} s.`, {
        retry_after: retryAfter,
      });
    }
  };
  const fail = (request: FastifyRequest, now: number, detail: string): never => {
    failures.record(request.ip, now);
    throw new AuthError('unauthenticated', 'unauthenticated', detail);
  };

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public') return;
    const token = bearerToken(request);
    if (!token) throw new AuthError('unauthenticated', 'unauthenticated', 'Send Authorization: Bearer <token>.');
    // Elapsed time for the caches and windows, not the ledger's time: the injected Clock may be fixed in tests.
    const now = performance.now();

    if (access === 'operator') {
      if (!operatorDigest) {
        throw new AuthError('forbidden', 'operator_disabled', 'This service has no OPERATOR_TOKEN configured, so programs cannot be created.');
      }
      if (!timingSafeEqual(digest(token), operatorDigest)) {
        await refuseIfBlocked(request, now);
        fail(request, now, 'The operator token is not valid.');
      }
      return;
    }

    // A key this instance has already accepted is not a guess: it passes even from an address over the limit
    // (tills behind one NAT address share it with whoever there is failing), and is then checked as usual.
    const known = keys.get(token);
    if (!known) {
      await refuseIfBlocked(request, now);
      if (!isWellFormedSecret(token)) fail(request, now, 'The API key is not valid or has been revoked.');
      if (refused.has(token, now)) fail(request, now, 'The API key is not valid or has been revoked.');
    }
    const cached = request.routeOptions.config.revocationCheckedInQuery ? known : undefined;
    const principal = cached ?? (await authenticate(db, token));
    if (!principal) {
      keys.delete(token);
      refused.add(token, now);
      return fail(request, now, 'The API key is not valid or has been revoked.');
    }
    if (!known) keys.set(token, principal);
    // Before the role check, so a refused key's 403 is logged with it too.
    bindPrincipal(request, reply, principal);
    if (!access.includes(principal.role)) {
      throw new AuthError('forbidden', 'forbidden', `This operation needs one of the roles: ${access.join(', ')}; the key has role ${principal.role}.`);
    }
    request.principal = principal;
  });
}

export function registerSecurityScheme() {
  return { bearerAuth: { type: 'http' as const, scheme: 'bearer', description: 'An API key (plk_...) or, for POST /v1/programs, the operator token' } };
}
