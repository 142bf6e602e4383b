import type { FastifyInstance } from 'fastify';

const LEGACY = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] as const;

/**
 * @fastify/rate-limit sends only the x-ratelimit-* headers (or an early draft's ratelimit-limit/-remaining/-reset);
 * clients are told the IETF structured fields of draft-ietf-httpapi-ratelimit-headers instead:
 * `RateLimit: "default";r=<remaining>;t=<seconds to reset>` and `RateLimit-Policy: "default";q=<quota>;w=<window s>`.
 * This rewrites the plugin's figures into them as the answer leaves.
 */
export function registerRateLimitFields(app: FastifyInstance, windowMs: number): void {
  const window = Math.max(1, Math.ceil(windowMs / 1000));
  app.addHook('onSend', async (_request, reply, payload) => {
    const [limit, remaining, reset] = LEGACY.map((name) => reply.getHeader(name));
    if (limit === undefined) return payload;
    for (const name of LEGACY) reply.removeHeader(name);
    reply.header('ratelimit', `"default";r=${String(remaining)};t=${String(reset)}`);
    reply.header('ratelimit-policy', `"default";q=${String(limit)};w=${window}`);
    return payload;
  });
}
