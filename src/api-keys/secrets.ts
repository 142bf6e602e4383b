import { createHash, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'plk_';

export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function secretHint(secret: string): string {
  return secret.slice(0, SECRET_PREFIX.length + 6);
}
