import { sql, type RawBuilder } from 'kysely';

/**
 * Revenue, one definition for every report (dashboard, targets, RFM's M, segment rules and stats, LTV): what the
 * customer paid for a purchase, net of the share of it they got back. A purchase's promotion discount
 * (purchases.discount) is off its amount; a return of `returned` (list-price minor units, as returns record it) gives
 * back that share of what was paid: (amount − discount) × returned ÷ amount. All in the purchase's own currency's
 * minor units, exact (numeric); each report converts and rounds as its own definition says.
 *
 * The arguments are SQL expressions for the purchase's amount, discount and amount returned (0 when nothing was).
 */
export interface PaidTerms {
  amount: RawBuilder<unknown>;
  discount: RawBuilder<unknown>;
  returned: RawBuilder<unknown>;
}

/** What was paid, before returns: amount − discount (bigint). */
export const paidGross = (p: PaidTerms) => sql<string>`(${p.amount} - ${p.discount})`;

/** The paid share of what was returned: (amount − discount) × returned ÷ amount (numeric). */
export const paidReturned = (p: PaidTerms) => sql<string>`((${p.amount} - ${p.discount})::numeric * ${p.returned} / ${p.amount})`;

/** What the customer paid net of returns: (amount − discount) × (amount − returned) ÷ amount (numeric). */
export const paidNet = (p: PaidTerms) =>
  sql<string>`((${p.amount} - ${p.discount})::numeric * (${p.amount} - ${p.returned}) / ${p.amount})`;
