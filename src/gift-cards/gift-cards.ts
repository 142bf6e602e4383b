import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { ConflictError, DomainError, FieldError, NotFoundError, UnprocessableError } from '../errors.ts';
import { newId } from '../ids.ts';
import { LedgerRefusal, requestHash } from '../ledger/sql-call.ts';
import { checkOtp, issueOtp, otpRefusal, OTP_POLICY, type OtpSubject, type OtpVerdict } from '../otp/otp.ts';

/**
 * Gift cards (incentives.md "Wallets: money the member holds", Gift cards). A card is sold against a completed
 * purchase that paid for it, loaded with money, bound to a phone; its code is shown once. Spending it, or moving it
 * into a member's wallet, takes the code and a one-time password sent to the card's phone (gift_card.otp_requested).
 *
 * The card's money is kept like wallet money: every movement is a ledger transaction whose owner (member_id, the
 * distribution value on Citus) is the card's own id, with balanced entries on per-currency accounts (gift_card:USD
 * against gift_card_sold, gift_card_spent, gift_card_transferred, gift_card_expired) and its event. The card's row is
 * its lock: every movement takes it FOR UPDATE, and its `balance >= 0` CHECK is the last word.
 *
 * Why these writes are a transaction of a few statements and not one PL/pgSQL call like wallet writes: the one-time
 * password is checked with scrypt in the service (src/otp/otp.ts), inside the transaction that holds the card's row,
 * so a wrong code is counted exactly; and issuing and transferring span two shards on Citus (the purchase's member
 * and the card, the card and the member), which a coordinator transaction commits atomically (two-phase commit).
 */

export interface Money {
  amount: number;
  currency: string;
}

interface CardRow {
  id: string;
  program_id: string;
  purchase_id: string;
  currency: string;
  loaded: string | number;
  balance: string | number;
  phone: string;
  code_hash: Buffer;
  code_hint: string;
  status: 'active' | 'expired';
  expires_at: Date | null;
  version: string | number;
  created_at: Date;
}

export interface GiftCard {
  id: string;
  purchase_id: string;
  status: 'active' | 'expired';
  loaded: Money;
  balance: Money;
  phone: string;
  code_hint: string;
  expires_at: string | null;
  created_at: string;
}

/**
 * What a password authorises: a spend at a till, or moving the card into a wallet. Each has its own password (one
 * live per card and purpose, each rate-limited apart), so the SMS can say what it is for, and a password sent for a
 * spend cannot move the card away.
 */
export type GiftCardOtpPurpose = 'spend' | 'transfer';
const PURPOSES = { spend: 'gift_card_spend', transfer: 'gift_card_transfer' } as const;

/** 24 characters of Crockford base32 after GC-: 120 random bits, so a plain SHA-256 of it is safe to keep. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function generateCode(): string {
  const bytes = randomBytes(24);
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return `GC-${code}`;
}

/** Codes are compared as the till types them: case and dashes or spaces do not matter. */
function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/^GC/, '');
}

const hashCode = (code: string) => createHash('sha256').update(normalizeCode(code)).digest();

function maskPhone(phone: string): string {
  return phone.length <= 4 ? '****' : `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
}

function toGiftCard(row: CardRow): GiftCard {
  return {
    id: row.id,
    purchase_id: row.purchase_id,
    status: row.status,
    loaded: { amount: Number(row.loaded), currency: row.currency },
    balance: { amount: Number(row.balance), currency: row.currency },
    phone: maskPhone(row.phone),
    code_hint: row.code_hint,
    expires_at: row.expires_at ? row.expires_at.toISOString() : null,
    created_at: row.created_at.toISOString(),
  };
}

function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** What a write's body returned: stored against its Idempotency-Key when ok; a refusal is committed, then thrown. */
type Outcome<T> = { ok: true; body: T } | { ok: false; error: DomainError };

/**
 * Runs a write at most once per Idempotency-Key within `scope` (the card's id, so the key lives on the card's shard;
 * the program's for issuing, when there is no card yet), like createOnce (src/idempotency/create-once.ts) but
 * storing only a success: a refusal is answered afresh, and what the refused attempt counted (a wrong one-time
 * password) is committed before the refusal is thrown.
 */
async function once<T>(
  db: Kysely<Database>,
  clock: Clock,
  scope: { shard: string; programId: string },
  key: string | undefined,
  operation: string,
  request: unknown,
  work: (trx: Kysely<Database>) => Promise<Outcome<T>>,
): Promise<{ body: T; replayed: boolean }> {
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome<{ body: T; replayed: boolean }>> => {
    let hash: Buffer | undefined;
    if (key !== undefined) {
      hash = Buffer.from(requestHash(operation, request), 'hex');
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${scope.shard} ${key}`}::text, 0))`.execute(trx);
      const { rows } = await sql<{ request_hash: Buffer; response: { body: string } }>`
        SELECT request_hash, response FROM idempotency_keys
         WHERE shard_key = ${scope.shard} AND program_id = ${scope.programId} AND key = ${key}`.execute(trx);
      const stored = rows[0];
      if (stored) {
        if (!stored.request_hash.equals(hash)) throw new LedgerRefusal({ error: 'idempotency_key_reused' });
        return { ok: true, body: { body: JSON.parse(stored.response.body) as T, replayed: true } };
      }
    }
    const result = await work(trx);
    if (!result.ok) return result;
    if (key !== undefined) {
      await sql`INSERT INTO idempotency_keys (shard_key, program_id, key, request_hash, response, created_at)
                VALUES (${scope.shard}, ${scope.programId}, ${key}, ${hash}, ${JSON.stringify({ body: JSON.stringify(result.body) })}::jsonb, ${clock.now()})`.execute(trx);
    }
    return { ok: true, body: { body: result.body, replayed: false } };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.body;
}

/** The card's row, locked for the transaction; a card of another program is not found. */
async function lockCard(trx: Kysely<Database>, programId: string, id: string): Promise<CardRow> {
  const { rows } = await sql<CardRow>`SELECT * FROM gift_cards WHERE id = ${id} AND program_id = ${programId} FOR UPDATE`.execute(trx);
  if (!rows[0]) throw new NotFoundError('gift_card', id);
  return rows[0];
}

interface CardMovement {
  type: 'gift_card_issue' | 'gift_card_spend' | 'gift_card_transfer' | 'gift_card_expire' | 'gift_card_reversal';
  eventType: 'gift_card.issued' | 'gift_card.spent' | 'gift_card.transferred' | 'gift_card.expired' | 'gift_card.refunded';
  amount: number;
  /** The system account the money comes from (issue, and a reversal from gift_card_spent) or goes to (the others). */
  counterpart: 'gift_card_sold' | 'gift_card_spent' | 'gift_card_transferred' | 'gift_card_expired';
  resourceId: string | null;
  refId: string | null;
  externalRef: string | null;
  key: string | null;
  data: Record<string, unknown>;
}

export interface GiftCardTransaction {
  id: string;
  type: CardMovement['type'];
  gift_card_id: string;
  amount: Money;
  resource_id: string | null;
  ref_id: string | null;
  external_ref: string | null;
  occurred_at: string;
  version: number;
  data: Record<string, unknown>;
  entries: { account: string; amount: number }[];
}

/**
 * Records one movement of the card's money: the card's cached balance and version (its CHECK refuses a negative
 * balance), the transaction, its two entries and its event. The caller holds the card's row lock.
 */
async function recordMovement(trx: Kysely<Database>, card: CardRow, now: Date, m: CardMovement): Promise<{ card: CardRow; transaction: GiftCardTransaction }> {
  const delta = m.type === 'gift_card_issue' || m.type === 'gift_card_reversal' ? m.amount : -m.amount;
  const { rows } = await sql<CardRow>`
    UPDATE gift_cards SET balance = balance + ${delta}, version = version + 1, updated_at = ${now}
     WHERE id = ${card.id} RETURNING *`.execute(trx);
  const after = rows[0]!;
  const txnId = newId('transaction');
  const entries = [
    { account: `gift_card:${card.currency}`, amount: delta },
    { account: `${m.counterpart}:${card.currency}`, amount: -delta },
  ].sort((a, b) => (a.account < b.account ? -1 : 1));
  await sql`
    INSERT INTO ledger_transactions (member_id, id, program_id, type, points, resource_id, ref_id, idempotency_key,
                                     external_ref, occurred_at, recorded_at, version, data)
    VALUES (${card.id}, ${txnId}, ${card.program_id}, ${m.type}, ${m.amount}, ${m.resourceId}, ${m.refId}, ${m.key},
            ${m.externalRef}, ${now}, ${now}, ${Number(after.version)}, ${JSON.stringify({ ...m.data, currency: card.currency })}::jsonb)`.execute(trx);
  for (const e of entries) {
    await sql`INSERT INTO ledger_entries (member_id, txn_id, account, program_id, amount, occurred_at)
              VALUES (${card.id}, ${txnId}, ${e.account}, ${card.program_id}, ${e.amount}, ${now})`.execute(trx);
  }
  const transaction: GiftCardTransaction = {
    id: txnId,
    type: m.type,
    gift_card_id: card.id,
    amount: { amount: m.amount, currency: card.currency },
    resource_id: m.resourceId,
    ref_id: m.refId,
    external_ref: m.externalRef,
    occurred_at: now.toISOString(),
    version: Number(after.version),
    data: m.data,
    entries,
  };
  await emit(trx, card.program_id, card.id, m.eventType, now, { gift_card: toGiftCard(after), transaction });
  return { card: after, transaction };
}

/** A card's event, on the card's shard (its member_id is the card id). */
async function emit(trx: Kysely<Database>, programId: string, cardId: string, type: string, now: Date, data: unknown) {
  await sql`SELECT pl_emit(${programId}, ${cardId}, ${type}, NULL, ${now}, ${now}, ${JSON.stringify(data)}::jsonb)`.execute(trx);
}

/**
 * Money left on a card past its expiry moves to gift_card_expired when the card is next touched (any read or write
 * of it), like a wallet lot settled on touch; the card stays readable, and every spend is refused. Returns the card.
 */
async function settleExpiry(trx: Kysely<Database>, card: CardRow, now: Date): Promise<CardRow> {
  if (card.status !== 'active' || !card.expires_at || card.expires_at.getTime() > now.getTime()) return card;
  let current = card;
  if (Number(card.balance) > 0) {
    current = (
      await recordMovement(trx, card, now, {
        type: 'gift_card_expire',
        eventType: 'gift_card.expired',
        amount: Number(card.balance),
        counterpart: 'gift_card_expired',
        resourceId: null,
        refId: null,
        externalRef: null,
        key: null,
        data: { reason: 'expired', expired_at: card.expires_at.toISOString() },
      })
    ).card;
  }
  const { rows } = await sql<CardRow>`UPDATE gift_cards SET status = 'expired', updated_at = ${now} WHERE id = ${card.id} RETURNING *`.execute(trx);
  return rows[0] ?? current;
}

export interface IssueGiftCardInput {
  purchase_id: string;
  amount: Money;
  phone: string;
  expires_at?: string | undefined;
}

export interface IssuedGiftCard {
  gift_card: GiftCard;
  /** Shown here only: the service keeps its hash. */
  code: string;
  transaction: GiftCardTransaction;
}

/**
 * Sells a card against a purchase of the program: refused unless the purchase exists, is not fully returned, is in
 * the card's currency, and the cards loaded against it stay within what it paid. The purchase's row is locked first
 * (on its member's shard), so parallel issues against one purchase queue there; its gift_cards_loaded CHECK is the
 * last word.
 */
export async function issueGiftCard(db: Kysely<Database>, clock: Clock, programId: string, key: string | undefined, input: IssueGiftCardInput) {
  const now = clock.now();
  if (input.expires_at && new Date(input.expires_at).getTime() <= now.getTime()) throw new FieldError('/expires_at', 'must be in the future');
  return once<IssuedGiftCard>(db, clock, { shard: programId, programId }, key, 'gift_card.issue', input, async (trx) => {
    // Found by id alone (a probe of every shard on Citus), then locked by its member: a single-shard lock.
    const { rows: found } = await sql<{ member_id: string }>`
      SELECT member_id FROM purchases WHERE program_id = ${programId} AND id = ${input.purchase_id}`.execute(trx);
    if (!found[0]) {
      return { ok: false, error: new DomainError('not_found', 'purchase_not_found', `No purchase with id ${input.purchase_id}.`, { errors: [{ pointer: '/purchase_id', location: 'body', message: 'names no purchase of the program' }] }) };
    }
    const { rows } = await sql<{ amount: string; currency: string; returned_amount: string; gift_cards_loaded: string }>`
      SELECT amount, currency, returned_amount, gift_cards_loaded FROM purchases
       WHERE member_id = ${found[0].member_id} AND id = ${input.purchase_id} FOR UPDATE`.execute(trx);
    const purchase = rows[0]!;
    const paid = Number(purchase.amount);
    if (Number(purchase.returned_amount) >= paid) {
      return { ok: false, error: new ConflictError('purchase_returned', 'The purchase was returned in full: it paid for nothing a card could be loaded from.', { purchase_id: input.purchase_id }) };
    }
    if (purchase.currency !== input.amount.currency) {
      return {
        ok: false,
        error: new UnprocessableError('currency_mismatch', `The purchase was paid in ${purchase.currency}, not ${input.amount.currency}.`, {
          currency: purchase.currency,
          errors: [{ pointer: '/amount/currency', location: 'body', message: `must be the purchase's currency, ${purchase.currency}` }],
        }),
      };
    }
    const loadable = paid - Number(purchase.gift_cards_loaded);
    if (input.amount.amount > loadable) {
      return {
        ok: false,
        error: new UnprocessableError('gift_card_exceeds_purchase', `Cards loaded against the purchase may not exceed what it paid: ${loadable} left of ${paid}.`, {
          paid,
          loaded: Number(purchase.gift_cards_loaded),
          loadable,
          currency: purchase.currency,
          errors: [{ pointer: '/amount/amount', location: 'body', message: `must be at most ${loadable}` }],
        }),
      };
    }
    await sql`UPDATE purchases SET gift_cards_loaded = gift_cards_loaded + ${input.amount.amount}
               WHERE member_id = ${found[0].member_id} AND id = ${input.purchase_id}`.execute(trx);
    const code = generateCode();
    const id = newId('giftCard');
    const { rows: created } = await sql<CardRow>`
      INSERT INTO gift_cards (id, program_id, purchase_id, purchase_member_id, currency, loaded, balance, phone, code_hash,
                              code_hint, status, expires_at, version, created_at, updated_at)
      VALUES (${id}, ${programId}, ${input.purchase_id}, ${found[0].member_id}, ${input.amount.currency}, ${input.amount.amount}, 0,
              ${input.phone}, ${hashCode(code)}, ${code.slice(-4)}, 'active', ${input.expires_at ? new Date(input.expires_at) : null}, 0, ${now}, ${now})
      RETURNING *`.execute(trx);
    const { card, transaction } = await recordMovement(trx, created[0]!, now, {
      type: 'gift_card_issue',
      eventType: 'gift_card.issued',
      amount: input.amount.amount,
      counterpart: 'gift_card_sold',
      resourceId: id,
      refId: input.purchase_id,
      externalRef: null,
      key: key ?? null,
      data: { purchase_id: input.purchase_id },
    });
    // The code is in the response only; a replay gives the same response back (it is the issuer's to keep).
    return { ok: true, body: { gift_card: toGiftCard(card), code, transaction } };
  });
}

const otpSubject = (card: CardRow, purpose: GiftCardOtpPurpose): OtpSubject => ({ programId: card.program_id, memberId: card.id, purpose: PURPOSES[purpose], subjectId: card.id });

/** A one-time password for the card, sent to its bound phone through gift_card.otp_requested (rate-limited). */
export async function requestGiftCardOtp(db: Kysely<Database>, clock: Clock, programId: string, id: string, purpose: GiftCardOtpPurpose) {
  return inTransaction(db, async (trx) => {
    const card = await settleExpiry(trx, await lockCard(trx, programId, id), clock.now());
    if (card.status !== 'active' || Number(card.balance) === 0) throw cardUnusable(card);
    const otp = await issueOtp(trx, clock, otpSubject(card, purpose), (issued) => ({
      type: 'gift_card.otp_requested',
      data: { gift_card_id: card.id, purpose, otp: issued.code, phone: card.phone, expires_at: issued.expiresAt.toISOString(), max_attempts: issued.maxAttempts },
    }));
    return { gift_card_id: card.id, purpose, phone: maskPhone(card.phone), expires_at: otp.expiresAt.toISOString(), max_attempts: otp.maxAttempts };
  });
}

function cardUnusable(card: CardRow): DomainError {
  return card.status === 'expired'
    ? new ConflictError('gift_card_expired', 'The gift card expired.', { gift_card_id: card.id })
    : new ConflictError('gift_card_empty', 'The gift card has no money left.', { gift_card_id: card.id });
}

/**
 * The holder's proof: the card's code and the live one-time password. A wrong code answers exactly like a wrong
 * password (otp_invalid on /otp) and costs one of its tries, so neither can be probed apart from the other.
 */
async function authorize(trx: Kysely<Database>, clock: Clock, card: CardRow, purpose: GiftCardOtpPurpose, code: string, otp: string): Promise<OtpVerdict> {
  const verdict = await checkOtp(trx, clock, otpSubject(card, purpose), otp);
  if (!verdict.ok) return verdict;
  if (!hashCode(code).equals(card.code_hash)) {
    // The password is used up by checkOtp; a wrong card code takes it back to live with one try less.
    const { rows } = await sql<{ attempts: number }>`
      UPDATE one_time_passwords SET consumed_at = NULL, attempts = attempts + 1
       WHERE member_id = ${card.id} AND purpose = ${PURPOSES[purpose]} AND subject_id = ${card.id} RETURNING attempts`.execute(trx);
    return { ok: false, code: 'otp_invalid', attemptsLeft: Math.max(0, OTP_POLICY.maxAttempts - rows[0]!.attempts) };
  }
  return verdict;
}

export interface SpendGiftCardInput {
  code: string;
  otp: string;
  amount: Money;
  receipt_id: string;
}

/**
 * Spends money from the card at a till, whoever presents its code and password (a gift needs no member). Once per
 * receipt on the card; never more than the balance, checked under the card's row lock.
 */
export async function spendGiftCard(db: Kysely<Database>, clock: Clock, programId: string, id: string, key: string | undefined, input: SpendGiftCardInput) {
  return once(db, clock, { shard: id, programId }, key, 'gift_card.spend', { id, ...input }, async (trx) => {
    const now = clock.now();
    const card = await settleExpiry(trx, await lockCard(trx, programId, id), now);
    const { rows: dup } = await sql<{ resource_id: string }>`
      SELECT resource_id FROM ledger_transactions
       WHERE member_id = ${id} AND program_id = ${programId} AND type = 'gift_card_spend' AND external_ref = ${input.receipt_id}`.execute(trx);
    if (dup[0]) {
      return { ok: false, error: new ConflictError('duplicate_receipt', `Receipt ${input.receipt_id} was already paid with this card.`, { receipt_id: input.receipt_id, spend_id: dup[0].resource_id }) };
    }
    if (card.status !== 'active') return { ok: false, error: cardUnusable(card) };
    if (input.amount.currency !== card.currency) {
      return { ok: false, error: new UnprocessableError('currency_mismatch', `The card holds ${card.currency}.`, { currency: card.currency, errors: [{ pointer: '/amount/currency', location: 'body', message: `must be the card's currency, ${card.currency}` }] }) };
    }
    const verdict = await authorize(trx, clock, card, 'spend', input.code, input.otp);
    if (!verdict.ok) return { ok: false, error: otpRefusal(verdict, '/otp') };
    // The balance guard, under the card's row lock. A refusal still spends the password: ask for a new one.
    if (Number(card.balance) < input.amount.amount) {
      return { ok: false, error: new UnprocessableError('insufficient_funds', `The card holds ${card.balance}, less than ${input.amount.amount}.`, { currency: card.currency, available: Number(card.balance), requested: input.amount.amount }) };
    }
    const spendId = newId('giftCardSpend');
    const moved = await recordMovement(trx, card, now, {
      type: 'gift_card_spend',
      eventType: 'gift_card.spent',
      amount: input.amount.amount,
      counterpart: 'gift_card_spent',
      resourceId: spendId,
      refId: null,
      externalRef: input.receipt_id,
      key: key ?? null,
      data: { receipt_id: input.receipt_id },
    });
    return { ok: true, body: { spend: { id: spendId, gift_card_id: id, amount: input.amount, receipt_id: input.receipt_id }, gift_card: toGiftCard(moved.card), transaction: moved.transaction } };
  });
}

export interface ReverseGiftCardSpendInput {
  /** Minor units of the card's currency; default: all that is left of the spend. */
  amount?: number | undefined;
  reason?: string | undefined;
}

/**
 * Gives back all or part of a spend of the card (a refund at the till): a gift_card_reversal, gift_card_spent ->
 * gift_card, published as gift_card.refunded. Never more than is left of the spend: the spend's earlier reversals
 * are summed under the card's row lock, so parallel partial reversals of one spend queue on it and cannot exceed it.
 *
 * No code or one-time password: a refund only puts money back on the card, so it cannot be used to take money from
 * its holder, and the holder need not be at the till (a cancelled order); the till's write key authorises it, as a
 * wallet debit reversal needs no member proof. A card that has expired gets the money back and loses it at once
 * (a gift_card_expire right after, gift_card.expired), like money given back to an expired wallet lot: the ledger
 * shows the refund, and the card's expiry still holds.
 */
export async function reverseGiftCardSpend(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  id: string,
  spendId: string,
  key: string | undefined,
  input: ReverseGiftCardSpendInput,
) {
  return once(db, clock, { shard: id, programId }, key, 'gift_card.reversal', { id, spend_id: spendId, ...input }, async (trx) => {
    const now = clock.now();
    const card = await settleExpiry(trx, await lockCard(trx, programId, id), now);
    // Looked up within the card: a spend of another card (or program) is not found here.
    const { rows: spends } = await sql<{ points: string; external_ref: string | null }>`
      SELECT points, external_ref FROM ledger_transactions
       WHERE member_id = ${id} AND program_id = ${programId} AND type = 'gift_card_spend' AND resource_id = ${spendId}`.execute(trx);
    const spent = spends[0];
    if (!spent) return { ok: false, error: new NotFoundError('gift_card_spend', spendId) };
    const { rows: reversed } = await sql<{ total: string }>`
      SELECT coalesce(sum(points), 0) AS total FROM ledger_transactions
       WHERE member_id = ${id} AND program_id = ${programId} AND type = 'gift_card_reversal' AND ref_id = ${spendId}`.execute(trx);
    const reversible = Number(spent.points) - Number(reversed[0]!.total);
    const amount = input.amount ?? reversible;
    if (reversible === 0 || amount > reversible) {
      return {
        ok: false,
        error: new UnprocessableError('reversal_exceeds_spend', `Only ${reversible} of the spend can still be given back, not ${amount}.`, {
          reversible,
          requested: amount,
          currency: card.currency,
          ...(input.amount === undefined ? {} : { errors: [{ pointer: '/amount', location: 'body', message: `must be at most ${reversible}` }] }),
        }),
      };
    }
    const reversalId = newId('giftCardReversal');
    const receiptId = spent.external_ref;
    const moved = await recordMovement(trx, card, now, {
      type: 'gift_card_reversal',
      eventType: 'gift_card.refunded',
      amount,
      counterpart: 'gift_card_spent',
      resourceId: reversalId,
      refId: spendId,
      externalRef: null,
      key: key ?? null,
      data: { spend_id: spendId, receipt_id: receiptId, reason: input.reason ?? null },
    });
    let after = moved.card;
    if (card.status === 'expired') {
      after = (
        await recordMovement(trx, after, now, {
          type: 'gift_card_expire',
          eventType: 'gift_card.expired',
          amount,
          counterpart: 'gift_card_expired',
          resourceId: null,
          refId: reversalId,
          externalRef: null,
          key: null,
          data: { reason: 'expired', expired_at: card.expires_at!.toISOString() },
        })
      ).card;
    }
    return {
      ok: true,
      body: {
        reversal: {
          id: reversalId,
          spend_id: spendId,
          gift_card_id: id,
          amount: { amount, currency: card.currency },
          remaining_reversible: reversible - amount,
          reason: input.reason ?? null,
          expired: card.status === 'expired',
        },
        gift_card: toGiftCard(after),
        transaction: moved.transaction,
      },
    };
  });
}

export interface TransferGiftCardInput {
  code: string;
  otp: string;
  member_id: string;
  /** Default: all that is left on the card. */
  amount?: Money | undefined;
}

/**
 * Moves the card's money (all, or `amount`) into a member's wallet as a lot of its own that keeps the card's expiry.
 * Two owners in one transaction: the card's row and the member's balance row are locked, card first (every card
 * write locks the card first, and no member write locks a card), and on Citus the coordinator commits both shards.
 */
export async function transferGiftCard(db: Kysely<Database>, clock: Clock, programId: string, id: string, key: string | undefined, input: TransferGiftCardInput) {
  return once(db, clock, { shard: id, programId }, key, 'gift_card.transfer', { id, ...input }, async (trx) => {
    const now = clock.now();
    const card = await settleExpiry(trx, await lockCard(trx, programId, id), now);
    if (card.status !== 'active' || Number(card.balance) === 0) return { ok: false, error: cardUnusable(card) };
    const amount = input.amount?.amount ?? Number(card.balance);
    if (input.amount && input.amount.currency !== card.currency) {
      return { ok: false, error: new UnprocessableError('currency_mismatch', `The card holds ${card.currency}.`, { currency: card.currency, errors: [{ pointer: '/amount/currency', location: 'body', message: `must be the card's currency, ${card.currency}` }] }) };
    }
    const { rows: members } = await sql<{ status: string }>`
      SELECT m.status FROM member_balances b JOIN members m ON m.id = b.member_id
       WHERE b.member_id = ${input.member_id} AND b.program_id = ${programId} FOR UPDATE OF b`.execute(trx);
    const member = members[0];
    if (!member) {
      return { ok: false, error: new DomainError('not_found', 'member_not_found', `No member with id ${input.member_id}.`, { errors: [{ pointer: '/member_id', location: 'body', message: 'names no member of the program' }] }) };
    }
    if (['pending', 'blocked', 'deactivated'].includes(member.status)) {
      const kind = member.status === 'blocked' ? 'locked' : 'unprocessable';
      return { ok: false, error: new DomainError(kind, `member_${member.status}`, `The member is ${member.status}: their wallet takes no money.`, { member_id: input.member_id }) };
    }
    const verdict = await authorize(trx, clock, card, 'transfer', input.code, input.otp);
    if (!verdict.ok) return { ok: false, error: otpRefusal(verdict, '/otp') };
    if (Number(card.balance) < amount) {
      return { ok: false, error: new UnprocessableError('insufficient_funds', `The card holds ${card.balance}, less than ${amount}.`, { currency: card.currency, available: Number(card.balance), requested: amount }) };
    }
    const transferId = newId('giftCardTransfer');
    const lotId = newId('walletLot');
    const walletTxn = newId('transaction');
    const moved = await recordMovement(trx, card, now, {
      type: 'gift_card_transfer',
      eventType: 'gift_card.transferred',
      amount,
      counterpart: 'gift_card_transferred',
      resourceId: transferId,
      refId: null,
      externalRef: null,
      key: key ?? null,
      data: { member_id: input.member_id, wallet_lot_id: lotId, wallet_transaction_id: walletTxn },
    });
    // The member's side: a wallet credit of a new lot with the card's expiry (wallet.sql's pl_wallet_record writes the
    // member's transaction, entries and wallet.credited, and bumps the member's version under their lock).
    await sql`INSERT INTO wallet_lots (member_id, id, program_id, txn_id, currency, source, granted, remaining, expires_at, created_at)
              VALUES (${input.member_id}, ${lotId}, ${programId}, ${walletTxn}, ${card.currency}, 'credit', ${amount}, ${amount}, ${card.expires_at}, ${now})`.execute(trx);
    if (card.expires_at) {
      await sql`UPDATE member_balances SET next_due_at = least(next_due_at, ${card.expires_at}::timestamptz) WHERE member_id = ${input.member_id}`.execute(trx);
    }
    const { rows: tz } = await sql<{ p: unknown }>`SELECT pl_wallet_job_request(${programId}) AS p`.execute(trx);
    const { rows: credited } = await sql<{ txn: Record<string, unknown> }>`
      SELECT pl_wallet_record(${input.member_id}, ${programId}, ${walletTxn}, 'wallet_credit', 'wallet.credited', ${amount}::bigint,
                              ${card.currency}, ${transferId}, ${id}, ${key ?? null}, NULL, ${now}::timestamptz,
                              ${JSON.stringify({ reason: 'gift_card', gift_card_id: id, lot_id: lotId, expires_at: card.expires_at?.toISOString() ?? null })}::jsonb,
                              ARRAY['wallet_issued', 'wallet_available'], ARRAY[${-amount}::bigint, ${amount}::bigint], ${JSON.stringify(tz[0]!.p)}::jsonb) AS txn`.execute(trx);
    return {
      ok: true,
      body: {
        transfer: { id: transferId, gift_card_id: id, member_id: input.member_id, amount: { amount, currency: card.currency }, wallet_lot_id: lotId, expires_at: card.expires_at?.toISOString() ?? null },
        gift_card: toGiftCard(moved.card),
        transaction: moved.transaction,
        wallet_transaction: credited[0]!.txn,
      },
    };
  });
}

/** The card as the API shows it, its expiry settled first. */
export async function getGiftCard(db: Kysely<Database>, clock: Clock, programId: string, id: string): Promise<GiftCard> {
  return inTransaction(db, async (trx) => toGiftCard(await settleExpiry(trx, await lockCard(trx, programId, id), clock.now())));
}

/** The card's movements, oldest first. */
export async function giftCardStatement(db: Kysely<Database>, clock: Clock, programId: string, id: string) {
  const card = await getGiftCard(db, clock, programId, id);
  const { rows } = await sql<{ id: string; type: GiftCardTransaction['type']; points: string; resource_id: string | null; ref_id: string | null; external_ref: string | null; occurred_at: Date; version: string; data: Record<string, unknown> }>`
    SELECT id, type, points, resource_id, ref_id, external_ref, occurred_at, version, data FROM ledger_transactions
     WHERE member_id = ${id} AND program_id = ${programId} ORDER BY version`.execute(db);
  const { rows: entries } = await sql<{ txn_id: string; account: string; amount: string }>`
    SELECT txn_id, account, amount FROM ledger_entries WHERE member_id = ${id} AND program_id = ${programId} ORDER BY txn_id, account`.execute(db);
  return {
    gift_card: card,
    transactions: rows.map((r): GiftCardTransaction => {
      const { currency, ...data } = r.data;
      return {
        id: r.id,
        type: r.type,
        gift_card_id: id,
        amount: { amount: Number(r.points), currency: String(currency) },
        resource_id: r.resource_id,
        ref_id: r.ref_id,
        external_ref: r.external_ref,
        occurred_at: r.occurred_at.toISOString(),
        version: Number(r.version),
        data,
        entries: entries.filter((e) => e.txn_id === r.id).map((e) => ({ account: e.account, amount: Number(e.amount) })),
      };
    }),
  };
}
