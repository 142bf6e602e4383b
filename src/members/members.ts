import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, MemberRow, MemberSource, MemberStatus } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import { boundValues, compileRule } from '../analytics/segment-rule.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors.ts';
import { generateCode } from '../promotions/codes.ts';
import { checkOtp, issueOtp, otpRefusal, type OtpSubject } from '../otp/otp.ts';
import { mergeAttributes, mergeConsents, type AttributesPatch, type ConsentsPatch } from './attributes.ts';

export interface MemberProfile {
  external_ref?: string | null | undefined;
  name?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  birth_date?: string | null | undefined;
  gender?: string | null | undefined;
  branch?: string | null | undefined;
}

/** What enrollment and PATCH take besides the profile: merged into what is stored (null removes a key). */
export interface MemberData {
  attributes?: AttributesPatch | undefined;
  consents?: ConsentsPatch | undefined;
}

export type Member = Omit<MemberRow, 'program_id'>;

/** How enrollment starts a member: active at once, or pending until a one-time password proves the phone. */
export type Verification = 'none' | 'otp';

export interface EnrollOptions {
  verification?: Verification | undefined;
  source?: MemberSource | null | undefined;
  /** The referrer's member id or referral code (incentives.md "Referrals"). */
  referred_by?: string | undefined;
  /** Stored as given (checked like a PATCH's merge into nothing). */
  data?: MemberData | undefined;
}

/** A refusal of referred_by: 422 with a stable code, pointing at the field. */
function referralRefusal(code: string, message: string, extra: Record<string, unknown> = {}) {
  return new UnprocessableError(code, `referred_by ${message}`, { ...extra, errors: [{ pointer: '/referred_by', location: 'body', message }] });
}

export interface MemberFilter {
  q?: string | undefined;
  status?: MemberStatus | undefined;
  branch?: string | undefined;
  external_ref?: string | undefined;
  loyalty_id?: string | undefined;
  phone?: string | undefined;
  /** A tier name; the entry tier (`entryTier`) also matches members with no tier stored. */
  tier?: string | undefined;
  gender?: string | undefined;
  /** Whole years on `today` (the program's local date), inclusive bounds. */
  age_min?: number | undefined;
  age_max?: number | undefined;
  /** 1-12. */
  birth_month?: number | undefined;
  /** Net spend (purchases minus returns) in `homeCurrency`, minor units, inclusive bounds. */
  total_spent_min?: number | undefined;
  total_spent_max?: number | undefined;
  /** Available points, inclusive bounds. */
  balance_min?: number | undefined;
  balance_max?: number | undefined;
  /** Attribute equals: each key's value, compared as text (numbers as JSON writes them, true/false). */
  attributes?: readonly { key: string; value: string }[] | undefined;
}

/** What the filters need to know about the program: its entry tier, home currency and local date today. */
export interface MemberFilterContext {
  entryTier: string | undefined;
  homeCurrency: string;
  timezone: string;
  /** YYYY-MM-DD in the program's time zone. */
  today: string;
  /** The instant spend is measured at (returns and FX rates recorded by then). */
  now: Date;
}

function toMember(row: MemberRow): Member {
  const { program_id: _programId, ...member } = row;
  return member;
}

/** 8 digits without a leading zero, so spreadsheets and tills that store it as a number keep every digit. */
function generateLoyaltyId(): string {
  return String(randomInt(10_000_000, 100_000_000));
}

/**
 * Loyalty ids and external refs are unique per program across members: member_keys holds one row per value, keyed
 * by it (on Citus distributed by the value: one probe on one worker, no global lock). Claiming a value is an insert
 * that does nothing when the value is taken; a concurrent claim of the same value waits for the first to commit.
 */
async function claimKey(trx: Kysely<Database>, programId: string, kind: 'loyalty_id' | 'external_ref' | 'referral_code', value: string, memberId: string): Promise<boolean> {
  const { rows } = await sql`INSERT INTO member_keys (value, program_id, kind, member_id) VALUES (${value}, ${programId}, ${kind}, ${memberId})
                             ON CONFLICT DO NOTHING RETURNING member_id`.execute(trx);
  return rows.length > 0;
}

async function memberWithKey(trx: Kysely<Database>, programId: string, kind: 'loyalty_id' | 'external_ref' | 'referral_code', value: string) {
  // A subquery, not a join: on Citus the key and the member live on different shards, and the subquery is answered
  // first, making the member's lookup a single-shard one.
  const { rows } = await sql<{ id: string; loyalty_id: string }>`
    SELECT id, loyalty_id FROM members
     WHERE id = (SELECT member_id FROM member_keys WHERE value = ${value} AND program_id = ${programId} AND kind = ${kind})`.execute(trx);
  return rows[0];
}

/** Runs `work` in a transaction: the caller's own when it passes one (idempotent creation), else a new one. */
function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export async function enrollMember(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  profile: MemberProfile,
  options: EnrollOptions = {},
): Promise<Member> {
  const now = clock.now();
  const pending = options.verification === 'otp';
  const id = newId('member');
  // Checked before anything is claimed, so a refusal leaves no trace.
  const attributes = mergeAttributes({}, options.data?.attributes ?? {});
  const consents = mergeConsents({}, options.data?.consents ?? {}, now);
  return inTransaction(db, async (trx) => {
    if (profile.external_ref != null && !(await claimKey(trx, programId, 'external_ref', profile.external_ref, id))) {
      const existing = await memberWithKey(trx, programId, 'external_ref', profile.external_ref);
      throw new ConflictError('member_exists', `A member with external_ref ${profile.external_ref} already exists.`, {
        member_id: existing?.id,
        loyalty_id: existing?.loyalty_id,
      });
    }
    // 90M possible ids: a collision is rare but possible, so try a new one a few times.
    let loyaltyId: string | undefined;
    for (let attempt = 0; attempt < 8 && loyaltyId === undefined; attempt++) {
      const candidate = generateLoyaltyId();
      if (await claimKey(trx, programId, 'loyalty_id', candidate, id)) loyaltyId = candidate;
    }
    if (loyaltyId === undefined) throw new Error('Could not allocate a unique loyalty id after 8 attempts');
    // 50 random bits (src/promotions/codes.ts): a collision is all but impossible, still retried like loyalty ids.
    let referralCode: string | undefined;
    for (let attempt = 0; attempt < 8 && referralCode === undefined; attempt++) {
      const candidate = generateCode('R');
      if (await claimKey(trx, programId, 'referral_code', candidate, id)) referralCode = candidate;
    }
    if (referralCode === undefined) throw new Error('Could not allocate a unique referral code after 8 attempts');
    const referrer = options.referred_by === undefined ? undefined : await findReferrer(trx, programId, options.referred_by, profile);
    const row = await trx
      .insertInto('members')
      .values({
        id,
        program_id: programId,
        loyalty_id: loyaltyId,
        external_ref: profile.external_ref ?? null,
        name: profile.name ?? null,
        phone: profile.phone ?? null,
        email: profile.email ?? null,
        birth_date: profile.birth_date ?? null,
        gender: profile.gender ?? null,
        branch: profile.branch ?? null,
        source: options.source ?? null,
        referral_code: referralCode,
        attributes: JSON.stringify(attributes),
        consents: JSON.stringify(consents),
        ...(pending ? { status: 'pending' as const, status_changed_at: now } : {}),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (referrer) {
      // The referee's own shard: its primary key (the referee) is the one-referral-per-member guarantee.
      await sql`INSERT INTO referrals (member_id, id, program_id, referrer_id, referred_by, status, created_at, updated_at)
                VALUES (${id}, ${newId('referral')}, ${programId}, ${referrer.id}, ${options.referred_by}, 'pending', ${now}, ${now})`.execute(trx);
    }
    // After the insert, so member.enrolled comes before the code in the feed.
    if (pending) await requestVerification(trx, clock, programId, row);
    return toMember(row);
  });
}

/**
 * The member `referred_by` names (their id, or their referral code in any letter case), refused with a stable code:
 * referrer_not_found, referrer_not_active (a pending, blocked or deactivated referrer earns nothing), self_referral
 * (the same person: the referee's email is the referrer's), referral_same_phone (the referee's phone is the
 * referrer's). Locks the referrer's row so a concurrent block cannot slip between the check and the enrollment.
 */
async function findReferrer(trx: Kysely<Database>, programId: string, referredBy: string, profile: MemberProfile) {
  // Two single-shard statements: on Citus FOR UPDATE cannot lock through a subquery on another shard.
  let referrerId: string | undefined = referredBy;
  if (!referredBy.startsWith('mem_')) {
    const { rows: keys } = await sql<{ member_id: string }>`SELECT member_id FROM member_keys
      WHERE value = ${referredBy.toUpperCase()} AND program_id = ${programId} AND kind = 'referral_code'`.execute(trx);
    referrerId = keys[0]?.member_id;
  }
  const { rows } = referrerId === undefined
    ? { rows: [] }
    : await sql<{ id: string; status: string; phone: string | null; email: string | null }>`
        SELECT id, status, phone, email FROM members WHERE program_id = ${programId} AND id = ${referrerId} FOR UPDATE`.execute(trx);
  const referrer = rows[0];
  if (!referrer) throw referralRefusal('referrer_not_found', 'names no member of the program (a member id or a referral code)');
  if (referrer.status !== 'active') {
    throw referralRefusal('referrer_not_active', `names a ${referrer.status} member: only an active member can refer`, { referrer_id: referrer.id });
  }
  if (profile.email != null && referrer.email != null && profile.email.toLowerCase() === referrer.email.toLowerCase()) {
    throw referralRefusal('self_referral', 'names the enrolling person themselves (the same email)', { referrer_id: referrer.id });
  }
  if (profile.phone != null && referrer.phone === profile.phone) {
    throw referralRefusal('referral_same_phone', "names a member with the referee's phone", { referrer_id: referrer.id });
  }
  return referrer;
}

const verificationOtp = (programId: string, memberId: string): OtpSubject => ({
  programId,
  memberId,
  purpose: 'member_verification',
  subjectId: memberId,
});

/**
 * Issues a verification code (rate-limited: OtpRateLimitedError), published in member.otp_requested, in the caller's
 * transaction, which holds the member's row. The one event that carries a secret: the integrator's SMS provider
 * needs the code (see its schema).
 */
function requestVerification(trx: Kysely<Database>, clock: Clock, programId: string, member: Pick<MemberRow, 'id' | 'phone'>) {
  return issueOtp(trx, clock, verificationOtp(programId, member.id), (otp) => ({
    type: 'member.otp_requested',
    data: { otp: otp.code, phone: member.phone, expires_at: otp.expiresAt.toISOString(), max_attempts: otp.maxAttempts },
  }));
}

/** The member's row, locked for the rest of the transaction; refused unless they are pending. */
async function lockPendingMember(trx: Kysely<Database>, programId: string, id: string) {
  const current = await trx
    .selectFrom('members')
    .select(['id', 'phone', 'status'])
    .where('program_id', '=', programId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new NotFoundError('member', id);
  if (current.status !== 'pending') {
    throw new ConflictError('member_not_pending', `The member is ${current.status}, not pending verification.`, { member_status: current.status });
  }
  return current;
}

/** A new verification code for a pending member, replacing the last one (rate-limited). */
export async function resendVerification(db: Kysely<Database>, clock: Clock, programId: string, id: string) {
  return inTransaction(db, async (trx) => {
    const member = await lockPendingMember(trx, programId, id);
    const otp = await requestVerification(trx, clock, programId, member);
    return { member_id: id, expires_at: otp.expiresAt, max_attempts: otp.maxAttempts };
  });
}

/**
 * Activates a pending member who presents the code of their live verification password (member.verified). A wrong
 * code counts against the password even though the request is refused: the count is committed, then the refusal
 * thrown. Concurrent verifications queue on the member's row: the first activates, the others find them active.
 */
export async function verifyMember(db: Kysely<Database>, clock: Clock, programId: string, id: string, code: string): Promise<Member> {
  const outcome = await inTransaction(db, async (trx) => {
    await lockPendingMember(trx, programId, id);
    const verdict = await checkOtp(trx, clock, verificationOtp(programId, id), code);
    if (!verdict.ok) return verdict;
    const now = clock.now();
    const row = await trx
      .updateTable('members')
      .set({ status: 'active', status_reason: null, status_changed_at: now, updated_at: now })
      .where('program_id', '=', programId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('member_status_changes')
      .values({ member_id: id, id: newId('statusChange'), program_id: programId, status: 'active', reason: 'phone verified by one-time password', rule: null, details: '{}', actor: 'api', occurred_at: now })
      .execute();
    return { ok: true as const, member: toMember(row) };
  });
  if (!outcome.ok) throw otpRefusal(outcome, '/otp');
  return outcome.member;
}

export async function findMember(db: Kysely<Database>, programId: string, id: string): Promise<Member> {
  const row = await db.selectFrom('members').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('member', id);
  return toMember(row);
}

export async function updateMember(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  id: string,
  patch: MemberProfile & MemberData & { status?: MemberStatus | undefined; status_reason?: string | null | undefined },
): Promise<Member> {
  const now = clock.now();
  const { status, status_reason, attributes, consents, ...profile } = patch;
  const changes: Record<string, unknown> = { ...profile, updated_at: now };
  if (status !== undefined) {
    changes['status'] = status;
    changes['status_reason'] = status_reason ?? null;
    changes['status_changed_at'] = now;
  } else if (status_reason !== undefined) {
    changes['status_reason'] = status_reason;
  }
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('members')
      .select(['external_ref', 'attributes', 'consents'])
      .where('program_id', '=', programId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError('member', id);
    // Merged here, on the row locked above: two concurrent PATCHes of different keys both keep theirs.
    if (attributes !== undefined) changes['attributes'] = JSON.stringify(mergeAttributes(current.attributes, attributes));
    if (consents !== undefined) changes['consents'] = JSON.stringify(mergeConsents(current.consents, consents, now));
    // A new external_ref is claimed before the old one is let go, so two members can never both hold one.
    if (profile.external_ref !== undefined && profile.external_ref !== current.external_ref) {
      if (profile.external_ref !== null && !(await claimKey(trx, programId, 'external_ref', profile.external_ref, id))) {
        throw new ConflictError('member_exists', `Another member already has external_ref ${profile.external_ref}.`);
      }
      if (current.external_ref !== null) {
        await sql`DELETE FROM member_keys WHERE value = ${current.external_ref} AND program_id = ${programId} AND kind = 'external_ref'`.execute(trx);
      }
    }
    const row = await trx
      .updateTable('members')
      .set(changes)
      .where('program_id', '=', programId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Every block and unblock is kept, whoever made it (rules record theirs in the ledger functions).
    if (status !== undefined) {
      await trx
        .insertInto('member_status_changes')
        .values({ member_id: id, id: newId('statusChange'), program_id: programId, status, reason: status_reason ?? null, rule: null, details: '{}', actor: 'api', occurred_at: now })
        .execute();
    }
    return toMember(row);
  });
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Keyset pagination on the id (a UUIDv7, so creation order): inserts never shift or repeat a page. */
export async function listMembers(
  db: Kysely<Database>,
  programId: string,
  filter: MemberFilter,
  page: { limit: number; after?: string | undefined },
  context: MemberFilterContext,
): Promise<Member[]> {
  let query = db.selectFrom('members as m').selectAll('m').where('program_id', '=', programId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.branch) query = query.where('branch', '=', filter.branch);
  if (filter.external_ref) query = query.where('external_ref', '=', filter.external_ref);
  if (filter.loyalty_id) query = query.where('loyalty_id', '=', filter.loyalty_id);
  if (filter.phone) query = query.where('phone', '=', filter.phone);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(name)`, 'like', pattern),
        eb('phone', 'like', `%${escapeLike(q)}%`),
        eb('loyalty_id', '=', q),
      ]),
    );
  }
  if (filter.gender) query = query.where('gender', '=', filter.gender);
  if (filter.birth_month !== undefined) query = query.where(sql<number>`extract(month FROM birth_date)`, '=', filter.birth_month);
  // Age in whole years on the program's local date: at least n means born on or before today n years ago; at most n
  // means born after today n + 1 years ago. 29 February birthdays count from 28 February in common years, as
  // PostgreSQL's date arithmetic does.
  if (filter.age_min !== undefined) query = query.where('birth_date', '<=', sql<string>`(${context.today}::date - make_interval(years => ${filter.age_min}))::date`);
  if (filter.age_max !== undefined) query = query.where('birth_date', '>', sql<string>`(${context.today}::date - make_interval(years => ${filter.age_max + 1}))::date`);
  // Balance and tier live in member_balances, spend in purchases: subqueries on the member's own rows (one shard on
  // a cluster), so members without the figure are simply 0 / the entry tier.
  if (filter.tier !== undefined) {
    const tier = filter.tier;
    const stored = sql<string | null>`(SELECT b.tier FROM member_balances b WHERE b.member_id = m.id)`;
    query = query.where((eb) => (tier === context.entryTier ? eb.or([eb(stored, 'is', null), eb(stored, '=', tier)]) : eb(stored, '=', tier)));
  }
  const balance = sql<number>`coalesce((SELECT b.available FROM member_balances b WHERE b.member_id = m.id), 0)`;
  if (filter.balance_min !== undefined) query = query.where(balance, '>=', filter.balance_min);
  if (filter.balance_max !== undefined) query = query.where(balance, '<=', filter.balance_max);
  // Spend as segments and reports count it (src/analytics/segment-rule.ts): paid after promotion discounts, net of
  // the returned share, every currency converted at the FX rate of the purchase's time.
  if (filter.total_spent_min !== undefined || filter.total_spent_max !== undefined) {
    const rule = { total_spent: { min: filter.total_spent_min, max: filter.total_spent_max } };
    const ruleContext = { timezone: context.timezone, homeCurrency: context.homeCurrency, entryTier: context.entryTier ?? null };
    query = query.where(compileRule(rule, boundValues(context.now), ruleContext));
  }
  for (const { key, value } of filter.attributes ?? []) query = query.where(sql<string>`m.attributes ->> ${key}`, '=', value);
  if (page.after) query = query.where('id', '>', page.after);
  const rows = await query.orderBy('id').limit(page.limit).execute();
  return rows.map(toMember);
}
