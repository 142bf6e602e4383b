/**
 * The largest figures the ledger accepts. Points and money are bigint in PostgreSQL but plain numbers in JSON and in
 * the service (src/db/pool.ts parses int8 as a number), and a number is exact only up to 2^53 - 1
 * (Number.MAX_SAFE_INTEGER, about 9.007e15). Every figure is therefore bounded before it is written, so that
 * nothing the service stores can exceed what it can render:
 *
 * - A money amount is at most 10^12 minor units (10 billion USD, a trillion JPY).
 * - A rate is at most 1,000 points per unit of a currency. The largest purchase at the largest rate in a currency
 *   without minor units is 10^12 x 1,000 = 10^15 points: an exact integer, a ninth of 2^53, so the points of any
 *   purchase are computed exactly before they are compared with MAX_POINTS. (Rates are scaled by 10^6 in
 *   src/ledger/money.ts and multiplied as bigint, so the products there are exact anyway.)
 * - One request or transaction moves at most 10^9 points; a purchase that would earn more is refused
 *   (422 amount_too_large) before anything is written.
 * - Each figure of a member's balance (available, pending, held, debt and the lifetime earned, redeemed and expired)
 *   stays at most 10^12 points: a thousand transactions at the per-transaction maximum. A write that would take one
 *   past it is refused (422 balance_limit_exceeded) before it is written.
 * - A program's trial balance sums each account over its members: 9,007 members each at the member maximum still sum
 *   below 2^53, and a program's realistic totals are many orders of magnitude below that.
 */

/** Largest money amount, in minor units of its currency. */
export const MAX_MONEY_AMOUNT = 1_000_000_000_000;

/**
 * Smallest rate: src/ledger/money.ts computes with rates scaled by 10^6, so a smaller rate would round to zero
 * (and divide by it). Rates are positive multiples of it in effect.
 */
export const MIN_RATE = 0.000_001;

/** Largest rate, in points per 1 unit (major unit) of a currency, in settings and rate sets. */
export const MAX_RATE = 1_000;

/** Largest points figure of one request or one transaction (a purchase's earned points included). */
export const MAX_POINTS = 1_000_000_000;

/** Largest figure of a member's balance: available, pending, held, debt and each lifetime total. */
export const MAX_BALANCE = 1_000_000_000_000;
