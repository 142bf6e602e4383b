import { randomBytes } from 'node:crypto';

/**
 * Codes the service mints itself (a purchase's issue_code, the birthday and win-back jobs). Crockford's base32: no
 * I, L, O or U, so a code read aloud or off a receipt cannot be mistyped as another.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Minted codes are this long, prefix included. */
export const MINTED_CODE_LENGTH = 12;

/**
 * A random code: the prefix (which says where it came from, e.g. 'B' for a birthday) and random characters to
 * MINTED_CODE_LENGTH. 11 random characters carry 55 bits: a new code meets one of a hundred million codes already
 * issued about 3 times in a billion, and the code's unique key catches it when it does (the caller mints again).
 */
export function mintCode(prefix: string): string {
  if (!/^[A-Z0-9]{1,4}$/.test(prefix)) throw new Error(`a code prefix is 1 to 4 characters A-Z, 0-9: ${prefix}`);
  const bytes = randomBytes(MINTED_CODE_LENGTH - prefix.length);
  // 256 is a multiple of 32: the low 5 bits of each byte are uniform.
  let code = prefix;
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}
