import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, type Principal, type Role } from '../api-keys/api-keys.ts';
import type { Db } from '../db/pool.ts';
import { DomainError } from '../errors.ts';

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

/**
 * What a key is (its id, program and role) never changes, so it can be cached; whether it is revoked can, so a
 * cached key is only trusted on routes whose own query re-checks revocation. Bounded: oldest entries go first.
 */
class KeyCache {
  private readonly entries = new Map<string, Principal>();
  private readonly max: number;
  constructor(max = 10_000) {
    this.max = max;
  }
  get(secret: string): Principal | undefined {
    return this.entries.get(secret);
  }
  set(secret: string, principal: Principal): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(secret, principal);
  }
}

export function registerAuth(app: FastifyInstance, db: Db, operatorToken: string | undefined) {
  const operatorDigest = operatorToken ? digest(operatorToken) : null;
  const keys = new KeyCache();
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public') return;
    const token = bearerToken(request);
    if (!token) throw new AuthError('unauthenticated', 'unauthenticated', 'Send Authorization: Bearer <token>.');

    if (access === 'operator') {
      if (!operatorDigest) {
        throw new AuthError('forbidden', 'operator_disabled', 'This service has no OPERATOR_TOKEN configured, so programs cannot be created.');
      }
      if (!timingSafeEqual(digest(token), operatorDigest)) throw new AuthError('unauthenticated', 'unauthenticated', 'The operator token is not valid.');
      return;
    }

    const cached = request.routeOptions.config.revocationCheckedInQuery ? keys.get(token) : undefined;
    const principal = cached ?? (await authenticate(db, token));
    if (principal && !cached) keys.set(token, principal);
    if (!principal) throw new AuthError('unauthenticated', 'unauthenticated', 'The API key is not valid or has been revoked.');
    if (!access.includes(principal.role)) {
      throw new AuthError('forbidden', 'forbidden', `This operation needs one of the roles: ${access.join(', ')}; the key has role ${principal.role}.`);
    }
    request.principal = principal;
  });
}

export function registerSecurityScheme() {
  return { bearerAuth: { type: 'http' as const, scheme: 'bearer', description: 'An API key (plk_...) or, for POST /v1/programs, the operator token' } };
}
