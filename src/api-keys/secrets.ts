import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

const SECRET_PREFIX = 'plk_';
// 32 random bytes in base64url, then a CRC32 of everything before it in 8 hex digits (as GitHub's tokens carry one):
// a mistyped, truncated or made-up key is refused in memory, without a database lookup.
const SECRET_PATTERN = /^plk_[A-Za-z0-9_-]{43}[0-9a-f]{8}$/;
const CHECKSUM_LENGTH = 8;

const checksum = (body: string) => crc32(body).toString(16).padStart(CHECKSUM_LENGTH, '0');

export function generateSecret(): string {
  const body = SECRET_PREFIX + randomBytes(32).toString('base64url');
  return body + checksum(body);
}

/** Whether `secret` has the shape and checksum of a key this service issues; says nothing about whether it exists. */
export function isWellFormedSecret(secret: string): boolean {
  if (!SECRET_PATTERN.test(secret)) return false;
  const body = secret.slice(0, -CHECKSUM_LENGTH);
  return checksum(body) === secret.slice(-CHECKSUM_LENGTH);
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function secretHint(secret: string): string {
  return secret.slice(0, SECRET_PREFIX.length + 6);
}
