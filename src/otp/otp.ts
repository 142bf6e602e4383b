import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { scryptHash, type ScryptCost } from '../secrets.ts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import type { EventType } from '../events/types.ts';

/**
 * One-time passwords (incentives.md "One-time passwords and member verification"): a 6-digit code that proves the
 * holder of a phone is present. The service never sends it: the caller publishes it in an event for the integrator's
 * SMS provider. Member verification uses it now; gift card spends will use the same functions with their own purpose.
 *
 * A password belongs to a member (the table is placed by member), a purpose and a subject (what it unlocks: the
 * member itself for verification, a gift card later). At most one is live per member, purpose and subject: issuing
 * replaces the one before. It works once, for OTP_POLICY.ttlMs, and dies after OTP_POLICY.maxAttempts wrong codes.
 *
 * The caller holds the subject's lock (the member's row FOR UPDATE, a gift card's row) across issueOtp and checkOtp:
 * that is what makes the rate limit and the try count exact under concurrent requests.
 */

export const OTP_POLICY = {
  digits: 6,
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  /** At most maxIssues passwords per member, purpose and subject within rateWindowMs. */
  maxIssues: 3,
  rateWindowMs: 10 * 60_000,
} as const;

/** member_verification: the member's phone at sign-up; gift_card_spend and gift_card_transfer: spending a gift card at
 * a till, moving it into a wallet (the password's member_id is then the card's id, so it lives on the card's shard). */
export type OtpPurpose = 'member_verification' | 'gift_card_spend' | 'gift_card_transfer';

export interface OtpSubject {
  programId: string;
  memberId: string;
  purpose: OtpPurpose;
  /** What the password unlocks; the member id for member verification. */
  subjectId: string;
}

export interface IssuedOtp {
  /** The code in clear: hand it to the event that carries it to the SMS provider, and nowhere else. */
  code: string;
  expiresAt: Date;
  maxAttempts: number;
}

/**
 * Why scrypt and not a plain fast hash: there are only 10^6 codes. Whoever can read the table (a replica, a backup, a
 * leaked dump) tries all of them against a salted SHA-256 in well under a second, and spends the password while it is
 * live. scrypt with N = 2^14, r = 8 makes each guess cost 16 MiB of memory and tens of milliseconds of CPU, so trying
 * every code costs over ten CPU-hours: out of reach within the password's five minutes for all but a large farm, and
 * the salt (random per password) means that work buys one password only. It keeps codes out of plain sight rather
 * than making a stolen table safe forever (a keyed hash with a secret kept outside the database would; the service
 * has no such secret yet). Against guessing through the API the defences are the five tries, the five minutes and the
 * issue rate limit. A legitimate check pays the cost once, and those limits keep checks rare.
 */
const SCRYPT: ScryptCost = { N: 2 ** 14, r: 8, p: 1, keyLength: 32 };
const SALT_BYTES = 16;

const hashCode = (code: string, salt: Buffer) => scryptHash(code, salt, SCRYPT);

/** 6 digits from the CSPRNG (randomInt draws from crypto random bytes without modulo bias), leading zeros kept. */
function generateCode(): string {
  return String(randomInt(0, 10 ** OTP_POLICY.digits)).padStart(OTP_POLICY.digits, '0');
}

/** Too many passwords asked for: 429 with Retry-After until the oldest of the window leaves it. */
export class OtpRateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      'rate_limited',
      'otp_rate_limited',
      `At most ${OTP_POLICY.maxIssues} one-time passwords are sent per ${OTP_POLICY.rateWindowMs / 60_000} minutes; retry in ${retryAfterSeconds} s.`,
      { retry_after: retryAfterSeconds },
    );
  }
}

/** The event that publishes a new password: the caller's, since its type and data depend on what it unlocks. */
export type OtpAnnouncement = (otp: IssuedOtp) => { type: EventType; data: Record<string, unknown> };

/**
 * Issues a new password for the subject, replacing any live one, unless the rate limit refuses it (OtpRateLimitedError),
 * and publishes it with the event `announce` makes, in the caller's transaction. Only the code's hash is stored: the
 * event is the one place the code goes (see src/otp/sql/otp.sql).
 */
export async function issueOtp(trx: Kysely<Database>, clock: Clock, subject: OtpSubject, announce: OtpAnnouncement): Promise<IssuedOtp> {
  const now = clock.now();
  const windowStart = now.getTime() - OTP_POLICY.rateWindowMs;
  const key = (query: string) => sql`${sql.raw(query)} WHERE member_id = ${subject.memberId} AND purpose = ${subject.purpose} AND subject_id = ${subject.subjectId}`;
  const { rows } = await sql<{ recent_issues: Date[] }>`${key('SELECT recent_issues FROM one_time_passwords')} FOR UPDATE`.execute(trx);
  const current = rows[0];
  const recent = (current?.recent_issues ?? []).filter((at) => at.getTime() > windowStart).sort((a, b) => a.getTime() - b.getTime());
  if (recent.length >= OTP_POLICY.maxIssues) {
    // The oldest issue of the window leaves it first; then one more may be issued.
    const freeAt = recent[recent.length - OTP_POLICY.maxIssues]!.getTime() + OTP_POLICY.rateWindowMs;
    throw new OtpRateLimitedError(Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)));
  }
  const code = generateCode();
  const salt = randomBytes(SALT_BYTES);
  const otp: IssuedOtp = { code, expiresAt: new Date(now.getTime() + OTP_POLICY.ttlMs), maxAttempts: OTP_POLICY.maxAttempts };
  const row = {
    code_hash: await hashCode(code, salt),
    salt,
    issued_at: now,
    expires_at: otp.expiresAt,
    attempts: 0,
    consumed_at: null,
    recent_issues: [...recent, now],
    announcement: JSON.stringify(announce(otp)),
  };
  // The caller holds the subject's lock, so the row found above is still the row (or still missing).
  if (current) {
    await trx
      .updateTable('one_time_passwords')
      .set(row)
      .where('member_id', '=', subject.memberId)
      .where('purpose', '=', subject.purpose)
      .where('subject_id', '=', subject.subjectId)
      .execute();
  } else {
    await trx
      .insertInto('one_time_passwords')
      .values({ member_id: subject.memberId, purpose: subject.purpose, subject_id: subject.subjectId, program_id: subject.programId, ...row })
      .execute();
  }
  return otp;
}

/**
 * What a check found. Refusals are returned, not thrown: a wrong code counts against the password, and that count
 * must be committed with the caller's transaction; the caller throws otpRefusal(verdict) after it.
 */
export type OtpVerdict =
  | { ok: true }
  | { ok: false; code: 'otp_invalid'; attemptsLeft: number }
  | { ok: false; code: 'otp_expired'; reason: 'none' | 'expired' | 'used' | 'tries_exhausted' };

/** Checks a presented code against the subject's live password; the right code consumes it. */
export async function checkOtp(trx: Kysely<Database>, clock: Clock, subject: OtpSubject, presented: string): Promise<OtpVerdict> {
  const now = clock.now();
  const row = await trx
    .selectFrom('one_time_passwords')
    .select(['code_hash', 'salt', 'expires_at', 'attempts', 'consumed_at'])
    .where('member_id', '=', subject.memberId)
    .where('purpose', '=', subject.purpose)
    .where('subject_id', '=', subject.subjectId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { ok: false, code: 'otp_expired', reason: 'none' };
  if (row.consumed_at !== null) return { ok: false, code: 'otp_expired', reason: 'used' };
  if (row.attempts >= OTP_POLICY.maxAttempts) return { ok: false, code: 'otp_expired', reason: 'tries_exhausted' };
  if (row.expires_at.getTime() <= now.getTime()) return { ok: false, code: 'otp_expired', reason: 'expired' };
  const where = sql`member_id = ${subject.memberId} AND purpose = ${subject.purpose} AND subject_id = ${subject.subjectId}`;
  // Hashed whatever its shape (a code of another length just fails): how long a check takes tells nothing.
  const candidate = await hashCode(presented, row.salt);
  if (timingSafeEqual(candidate, row.code_hash)) {
    await sql`UPDATE one_time_passwords SET consumed_at = ${now} WHERE ${where}`.execute(trx);
    return { ok: true };
  }
  await sql`UPDATE one_time_passwords SET attempts = attempts + 1 WHERE ${where}`.execute(trx);
  return { ok: false, code: 'otp_invalid', attemptsLeft: OTP_POLICY.maxAttempts - row.attempts - 1 };
}

const EXPIRED_DETAIL: Record<Extract<OtpVerdict, { code: 'otp_expired' }>['reason'], string> = {
  none: 'No one-time password was issued',
  expired: 'The one-time password expired',
  used: 'The one-time password was already used',
  tries_exhausted: `The one-time password was tried ${OTP_POLICY.maxAttempts} times with a wrong code`,
};

/** The answer to a refused check; `pointer` names the field that carried the code. */
export function otpRefusal(verdict: Exclude<OtpVerdict, { ok: true }>, pointer: string): DomainError {
  if (verdict.code === 'otp_invalid') {
    const message =
      verdict.attemptsLeft > 0
        ? `is not the code sent; ${verdict.attemptsLeft} ${verdict.attemptsLeft === 1 ? 'try is' : 'tries are'} left`
        : 'is not the code sent; no tries are left: ask for a new one';
    return new DomainError('unprocessable', 'otp_invalid', `The one-time password ${message}.`, {
      attempts_left: verdict.attemptsLeft,
      errors: [{ pointer, location: 'body', message }],
    });
  }
  return new DomainError('unprocessable', 'otp_expired', `${EXPIRED_DETAIL[verdict.reason]}: ask for a new one.`, {
    reason: verdict.reason,
    errors: [{ pointer, location: 'body', message: 'is no longer valid: ask for a new one' }],
  });
}
