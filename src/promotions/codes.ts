import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { scryptHash, type ScryptCost } from '../secrets.ts';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database, PromoCodeTable } from '../db/schema.ts';
import { ConflictError, FieldError, NotFoundError, UnprocessableError } from '../errors.ts';
import { newId } from '../ids.ts';
import { PROMO_CODE_PATTERN, type PromoCodeJson } from '../schemas/promo-code.ts';

/**
 * Promo codes (incentives.md "Promo codes"): issued by an admin for a promotion, presented with a purchase, consumed
 * by the purchase in its own ledger transaction (pl_promotions_claim in src/promotions/sql/promotions.sql). On Citus `promo_codes` is distributed
 * by `code`: every lookup here names the code, so it is one probe on one worker.
 */

export type PromoCodeRow = Selectable<PromoCodeTable>;

/** Wrong PINs that lock a code for good. */
export const MAX_FAILED_PINS = 5;
export const MAX_BATCH = 10_000;
/** Generated PINs are hashed one by one; more than this in one request would keep it busy for many seconds. */
export const MAX_GENERATED_PINS = 1_000;

/**
 * Crockford's base32: no I, L, O or U, so a code read aloud or off a receipt cannot be mistyped as another. 10
 * characters carry 50 bits: guessing one of a million live codes takes ~10^9 tries.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GENERATED_LENGTH = 10;

/** Trimmed and upper-cased, as codes are stored: a till may send what the customer typed. */
export const normalizeCode = (code: string) => code.trim().toUpperCase();

/** A random code; a prefix ('B' birthday, 'W' win-back: the jobs' codes) tells staff where it came from. */
export function generateCode(prefix = ''): string {
  const bytes = randomBytes(GENERATED_LENGTH);
  // 256 is a multiple of 32: taking the low 5 bits of each byte is uniform.
  let code = prefix;
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

// --- PINs -------------------------------------------------------------------------------------------------------

/**
 * scrypt cost. A PIN has at most 10^8 values (4 digits: 10^4), so no hash makes a stolen table safe for long: the
 * lockout is the real defence. The hash keeps PINs out of plain sight in a dump and makes each code's PIN cost an
 * attacker over a minute of CPU (4 digits), while hashing a batch of generated PINs stays within seconds (~8 ms each).
 */
const SCRYPT: ScryptCost = { N: 2048, r: 8, p: 1, keyLength: 32 };

/** `scrypt$N$salt$hash`, salt and hash base64: the cost travels with the hash, so it can be raised later. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptHash(pin, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Compares in constant time. A malformed stored hash is our bug, not a wrong PIN. */
export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, salt, hash] = stored.split('$');
  const N = Number(n);
  if (scheme !== 'scrypt' || !Number.isSafeInteger(N) || salt === undefined || hash === undefined) throw new Error('malformed promo code pin_hash');
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptHash(pin, Buffer.from(salt, 'base64'), { ...SCRYPT, N, keyLength: expected.length });
  return timingSafeEqual(actual, expected);
}

/** Hashed when a presented PIN has no code to check against, so such an answer takes as long as a wrong PIN. */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPin('0000'));

export const generatePin = () => String(randomInt(0, 10_000)).padStart(4, '0');

// --- Issuing ----------------------------------------------------------------------------------------------------

export interface IssueInput {
  promotion_id: string;
  /** One shared code, the admin's own text; or `count` generated codes. Exactly one of the two. */
  code?: string | undefined;
  count?: number | undefined;
  member_id?: string | undefined;
  /** Binds to the program's member with this phone (exactly one must have it). */
  phone?: string | undefined;
  /** 4-8 digits, or 'generate': a random 4-digit PIN per code, shown once in the answer. */
  pin?: string | undefined;
  max_uses?: number | undefined;
  valid_from?: Date | string | undefined;
  valid_until?: Date | string | undefined;
}

export interface IssuedCodes {
  promotion_id: string;
  batch_id: string | null;
  codes: (PromoCodeJson & { pin?: string })[];
}

const atPhone = (message: string) => ({ errors: [{ pointer: '/phone', location: 'body', message }] });

function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function resolveMember(db: Kysely<Database>, programId: string, input: IssueInput): Promise<string | null> {
  if (input.member_id !== undefined && input.phone !== undefined) throw new FieldError('/phone', 'cannot be given with member_id');
  if (input.member_id !== undefined) {
    const member = await db.selectFrom('members').select('id').where('id', '=', input.member_id).where('program_id', '=', programId).executeTakeFirst();
    if (!member) throw new NotFoundError('member', input.member_id);
    return member.id;
  }
  if (input.phone !== undefined) {
    const members = await db.selectFrom('members').select('id').where('program_id', '=', programId).where('phone', '=', input.phone).limit(2).execute();
    if (members.length === 0) throw new UnprocessableError('member_phone_unknown', 'No member of this program has this phone.', atPhone('belongs to no member of this program'));
    if (members.length > 1) {
      throw new UnprocessableError('member_phone_ambiguous', 'More than one member of this program has this phone; give member_id.', atPhone('belongs to more than one member of this program'));
    }
    return members[0]!.id;
  }
  return null;
}

export interface PreparedPins {
  /** Generated PINs, one per code (pin "generate"). */
  pins?: string[] | undefined;
  /** The hash of each code's PIN; absent without a PIN. */
  hashes?: string[] | undefined;
}

/**
 * The PINs of an issue and their hashes: CPU work of up to seconds (MAX_GENERATED_PINS hashes), done before the
 * issuing transaction opens, so no transaction sits idle meanwhile (the pool ends one idle for long). A given PIN is
 * hashed once, one salt for the whole batch: the codes share it anyway.
 */
export async function preparePins(input: Pick<IssueInput, 'pin' | 'count'>): Promise<PreparedPins> {
  const count = input.count ?? 1;
  if (input.pin === undefined) return {};
  if (input.pin !== 'generate') return { hashes: Array<string>(count).fill(await hashPin(input.pin)) };
  if (count > MAX_GENERATED_PINS) throw new FieldError('/count', `must be at most ${MAX_GENERATED_PINS} with pin "generate"`);
  const pins = Array.from({ length: count }, generatePin);
  return { pins, hashes: await Promise.all(pins.map(hashPin)) };
}

/**
 * Issues one shared code or a batch of generated ones for a promotion of the program. Codes bound to a member
 * publish `promo_code.issued` (without the PIN: the event feed is open to read keys; the admin gets generated PINs
 * in this answer only). Runs in the caller's transaction when given one (idempotent creation); pass the PINs
 * prepared (preparePins) before opening it.
 */
export async function issueCodes(db: Kysely<Database>, clock: Clock, programId: string, input: IssueInput, prepared?: PreparedPins): Promise<IssuedCodes> {
  const now = clock.now();
  if ((input.code === undefined) === (input.count === undefined)) throw new FieldError('/code', 'give exactly one of code and count');
  const shared = input.code !== undefined ? normalizeCode(input.code) : undefined;
  if (shared !== undefined && !PROMO_CODE_PATTERN.test(shared)) {
    throw new FieldError('/code', 'must be 4 to 40 of A-Z, 0-9 and - (after trimming and upper-casing)');
  }
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_BATCH) throw new FieldError('/count', `must be 1 to ${MAX_BATCH}`);
  if (input.pin !== undefined && input.pin !== 'generate' && !/^\d{4,8}$/.test(input.pin)) throw new FieldError('/pin', 'must be 4 to 8 digits, or "generate"');
  if (input.pin === 'generate' && count > MAX_GENERATED_PINS) throw new FieldError('/count', `must be at most ${MAX_GENERATED_PINS} with pin "generate"`);
  const validFrom = input.valid_from !== undefined ? new Date(input.valid_from) : null;
  const validUntil = input.valid_until !== undefined ? new Date(input.valid_until) : null;
  if (validFrom && validUntil && validUntil <= validFrom) throw new FieldError('/valid_until', 'must be after valid_from');
  const maxUses = input.max_uses ?? 1;

  const { rows: promotions } = await sql<{ id: string }>`
    SELECT id FROM promotions WHERE program_id = ${programId} AND id = ${input.promotion_id}`.execute(db);
  if (promotions.length === 0) throw new NotFoundError('promotion', input.promotion_id);
  const memberId = await resolveMember(db, programId, input);

  const { pins, hashes } = prepared ?? (await preparePins(input));
  if (hashes && hashes.length !== count) throw new Error('prepared PINs do not match the count');

  const batchId = shared === undefined ? newId('promoCodeBatch') : null;
  const base = {
    program_id: programId,
    promotion_id: input.promotion_id,
    member_id: memberId,
    max_uses: maxUses,
    valid_from: validFrom,
    valid_until: validUntil,
    issued_by_purchase: null,
    batch_id: batchId,
    created_at: now,
  };

  return inTransaction(db, async (trx) => {
    // Each row with the index of its PIN hash (and generated PIN).
    const issued: { row: PromoCodeRow; index: number }[] = [];
    if (shared !== undefined) {
      const row = await trx
        .insertInto('promo_codes')
        .values({ ...base, code: shared, pin_hash: hashes?.[0] ?? null })
        .onConflict((oc) => oc.columns(['code', 'program_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        throw new ConflictError('promo_code_taken', `The code ${shared} already exists in this program.`, {
          errors: [{ pointer: '/code', location: 'body', message: 'is taken in this program' }],
        });
      }
      issued.push({ row, index: 0 });
    } else {
      // Codes are random: a collision (with another code of the program, or within the batch) is rare; the indexes
      // whose code collided draw again.
      let pending = Array.from({ length: count }, (_, i) => i);
      for (let round = 0; pending.length > 0; round++) {
        if (round === 10) throw new Error('could not draw unique promo codes');
        const drawn = new Map<string, number>();
        for (const i of pending) {
          let code = generateCode();
          while (drawn.has(code)) code = generateCode();
          drawn.set(code, i);
        }
        const entries = [...drawn];
        const done = new Set<number>();
        for (let start = 0; start < entries.length; start += 1000) {
          const inserted = await trx
            .insertInto('promo_codes')
            .values(entries.slice(start, start + 1000).map(([code, i]) => ({ ...base, code, pin_hash: hashes?.[i] ?? null })))
            .onConflict((oc) => oc.columns(['code', 'program_id']).doNothing())
            .returningAll()
            .execute();
          for (const row of inserted) {
            const index = drawn.get(row.code)!;
            issued.push({ row, index });
            done.add(index);
          }
        }
        pending = pending.filter((i) => !done.has(i));
      }
      issued.sort((a, b) => a.index - b.index);
    }
    const codes = issued.map(({ row }) => toPromoCodeJson(row, now));
    if (memberId !== null) await publishIssued(trx, programId, memberId, codes, now);
    return {
      promotion_id: input.promotion_id,
      batch_id: batchId,
      codes: codes.map((code, n) => (pins ? { ...code, pin: pins[issued[n]!.index]! } : code)),
    };
  });
}

/**
 * One `promo_code.issued` per code, in the issuing transaction (the outbox), on the member's shard. The fields are
 * those of the event a purchase publishes for a code it issues (src/promotions/sql/promotions.sql), plus has_pin
 * and batch_id.
 */
async function publishIssued(trx: Kysely<Database>, programId: string, memberId: string, codes: PromoCodeJson[], now: Date) {
  for (let start = 0; start < codes.length; start += 500) {
    const values = codes.slice(start, start + 500).map((code) => {
      const data = {
        code: code.code,
        promotion_id: code.promotion_id,
        member_id: memberId,
        max_uses: code.max_uses,
        valid_from: code.valid_from,
        valid_until: code.valid_until,
        issued_by_purchase: code.issued_by_purchase,
        has_pin: code.has_pin,
        batch_id: code.batch_id,
      };
      return sql`(${programId}, pl_typeid('evt'), 'promo_code.issued', ${memberId}, ${now}, ${now}, ${JSON.stringify(data)}::jsonb)`;
    });
    await sql`INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data) VALUES ${sql.join(values)}`.execute(trx);
  }
}

// --- Reading and revoking ---------------------------------------------------------------------------------------

export function statusOf(row: PromoCodeRow, now: Date): PromoCodeJson['status'] {
  if (row.revoked_at) return 'revoked';
  if (row.locked_at) return 'locked';
  if (row.uses >= row.max_uses) return 'used_up';
  if (row.valid_until && row.valid_until <= now) return 'expired';
  if (row.valid_from && row.valid_from > now) return 'scheduled';
  return 'active';
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toPromoCodeJson(row: PromoCodeRow, now: Date): PromoCodeJson {
  return {
    code: row.code,
    promotion_id: row.promotion_id,
    member_id: row.member_id,
    has_pin: row.pin_hash !== null,
    max_uses: row.max_uses,
    uses: row.uses,
    valid_from: iso(row.valid_from),
    valid_until: iso(row.valid_until),
    status: statusOf(row, now),
    locked_at: iso(row.locked_at),
    revoked_at: iso(row.revoked_at),
    batch_id: row.batch_id,
    issued_by_purchase: row.issued_by_purchase,
    created_at: row.created_at.toISOString(),
  };
}

/** A promotion's codes by code, optionally only those bound to one member. On Citus this reads every shard. */
export async function listCodes(
  db: Kysely<Database>,
  programId: string,
  filter: { promotion_id: string; member_id?: string | undefined },
  page: { limit: number; after?: string | undefined },
): Promise<PromoCodeRow[]> {
  let query = db.selectFrom('promo_codes').selectAll().where('program_id', '=', programId).where('promotion_id', '=', filter.promotion_id);
  if (filter.member_id !== undefined) query = query.where('member_id', '=', filter.member_id);
  if (page.after !== undefined) query = query.where('code', '>', page.after);
  return query.orderBy('code').limit(page.limit).execute();
}

export async function findCode(db: Kysely<Database>, programId: string, code: string): Promise<PromoCodeRow> {
  const normalized = normalizeCode(code);
  const row = await db.selectFrom('promo_codes').selectAll().where('code', '=', normalized).where('program_id', '=', programId).executeTakeFirst();
  if (!row) throw new NotFoundError('promo_code', normalized);
  return row;
}

/** Revokes a code for good; revoking a revoked code changes nothing. Uses already made stand. */
export async function revokeCode(db: Kysely<Database>, clock: Clock, programId: string, code: string): Promise<PromoCodeRow> {
  const normalized = normalizeCode(code);
  const row = await db
    .updateTable('promo_codes')
    .set({ revoked_at: sql`coalesce(revoked_at, ${clock.now()})` })
    .where('code', '=', normalized)
    .where('program_id', '=', programId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('promo_code', normalized);
  return row;
}

// --- Presenting -------------------------------------------------------------------------------------------------

export interface PresentedCode {
  code: string;
  pin?: string | undefined;
}

/**
 * The one answer to any code that cannot be used, whatever the reason (unknown, another program's, bound to another
 * member, wrong or missing PIN, locked, revoked, outside its validity, used up): codes and PINs cannot be probed.
 */
export function promoCodeInvalid(index: number): UnprocessableError {
  const pointer = `/promo_codes/${index}/code`;
  // The words of checkout's own refusal (src/promotions/checkout.ts), for a code that fails inside the purchase.
  return new UnprocessableError('promo_code_invalid', 'A promo code is not valid for this purchase.', {
    errors: [{ pointer, location: 'body', message: 'is not valid for this purchase' }],
  });
}

/**
 * Checks the codes a purchase presents, before the purchase: their promotions, or the uniform 422 promo_code_invalid
 * for the first that cannot be used. A wrong PIN is counted in its own statement, committed at once, so it stands
 * although the purchase is refused; the 5th locks the code. `db` must therefore not be a transaction.
 *
 * This is a check, not a reservation: the purchase consumes each code in its ledger transaction with
 * pl_promotions_claim, which re-checks what may have changed meanwhile (uses, lock, revocation, validity).
 */
export async function verifyPresentedCodes(
  db: Kysely<Database>,
  programId: string,
  memberId: string,
  presented: readonly PresentedCode[],
  now: Date,
): Promise<{ code: string; promotion_id: string }[]> {
  if (db.isTransaction) throw new Error('verifyPresentedCodes counts wrong PINs in their own transactions: pass the pool, not a transaction');
  const codes = presented.map((p) => normalizeCode(p.code));
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    if (seen.has(code)) {
      throw new UnprocessableError('duplicate_promo_code', `promo_codes/${i}/code repeats a code presented before it.`, {
        errors: [{ pointer: `/promo_codes/${i}/code`, location: 'body', message: 'repeats a code presented before it' }],
      });
    }
    seen.add(code);
  });

  const valid: { code: string; promotion_id: string }[] = [];
  for (const [i, code] of codes.entries()) {
    const pin = presented[i]!.pin;
    const row = PROMO_CODE_PATTERN.test(code)
      ? await db.selectFrom('promo_codes').selectAll().where('code', '=', code).where('program_id', '=', programId).executeTakeFirst()
      : undefined;
    const usable = row !== undefined && (row.member_id === null || row.member_id === memberId) && statusOf(row, now) === 'active';
    if (!usable || row.pin_hash === null) {
      // As long as a PIN check: the time taken must not tell an unknown code from a wrong PIN either.
      if (pin !== undefined) await pinMatches(pin, await decoy());
      if (!usable) throw promoCodeInvalid(i);
      valid.push({ code, promotion_id: row.promotion_id });
      continue;
    }
    if (pin === undefined || !(await pinMatches(pin, row.pin_hash))) {
      if (pin !== undefined) await countWrongPin(db, programId, code, now);
      throw promoCodeInvalid(i);
    }
    valid.push({ code, promotion_id: row.promotion_id });
  }
  return valid;
}

/**
 * One more wrong PIN, counted by the database (no read-modify-write: parallel attempts each count), until the code
 * locks: attempts that race past the 5th find it locked and count no further, so failed_pins stops at 5.
 */
async function countWrongPin(db: Kysely<Database>, programId: string, code: string, now: Date) {
  await db
    .updateTable('promo_codes')
    .set({
      failed_pins: sql`failed_pins + 1`,
      locked_at: sql`CASE WHEN failed_pins + 1 >= ${MAX_FAILED_PINS} THEN ${now}::timestamptz END`,
    })
    .where('code', '=', code)
    .where('program_id', '=', programId)
    .where('locked_at', 'is', null)
    .execute();
}

