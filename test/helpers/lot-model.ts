/**
 * Lot bookkeeping shared by the model tests of points (ledger-model.property.test.ts) and wallet money
 * (wallet-model.property.test.ts): the service spends soonest-expiring first and gives back to the lots drawn last,
 * for points and money alike, so the models predict both with the same two steps.
 */

/** What the two models' lots have in common. */
export interface ModelLot {
  /** Creation order: breaks ties between lots expiring at the same instant. */
  seq: number;
  remaining: number;
  /** Epoch ms; Infinity for a lot that never expires. */
  expiresAt: number;
}

/** What a spend or hold took from each lot and has not given back yet. */
export type Draw<L extends ModelLot> = Map<L, number>;

/** Soonest expiry first, then creation order (never-expiring lots last; Infinity compares without NaN). */
export const soonestFirst = (a: ModelLot, b: ModelLot) => (a.expiresAt === b.expiresAt ? a.seq - b.seq : a.expiresAt < b.expiresAt ? -1 : 1);

/** Takes up to n from `spendable` (the caller's choice of lots), soonest expiry first; the draw may fall short. */
export function drawSoonestFirst<L extends ModelLot>(spendable: L[], n: number): Draw<L> {
  const drawn: Draw<L> = new Map();
  let left = n;
  for (const lot of [...spendable].sort(soonestFirst)) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    lot.remaining -= take;
    drawn.set(lot, take);
    left -= take;
  }
  return drawn;
}

/** Puts n of a draw back into its lots, latest expiry first (what was drawn last), keeping their expiry. */
export function giveBackLatestFirst<L extends ModelLot>(drawn: Draw<L>, n: number): void {
  let left = n;
  for (const lot of [...drawn.keys()].sort(soonestFirst).reverse()) {
    if (left === 0) break;
    const give = Math.min(drawn.get(lot)!, left);
    lot.remaining += give;
    drawn.set(lot, drawn.get(lot)! - give);
    left -= give;
  }
  if (left !== 0) throw new Error('model: gave back more than was drawn');
}
