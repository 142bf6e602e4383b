import { scrypt } from 'node:crypto';

/** scrypt's cost: N (CPU and memory), r (block size), p (parallelism), and the hash's length in bytes. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/**
 * A short secret (a promo code's PIN, a one-time password) hashed with scrypt on libuv's thread pool, off the event
 * loop. `maxmem` follows the cost (scrypt needs 128 * N * r bytes; node's default cap refuses N = 2^14, r = 8).
 */
export function scryptHash(secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, cost.keyLength, { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}
