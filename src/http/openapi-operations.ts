/**
 * What the route schemas cannot say through fastify-type-provider-zod (it keeps only a response's schema): the
 * description of each operation's success response, and of the operations whose summary says it all.
 * src/http/openapi-polish.ts applies them; test/integration/openapi-quality.test.ts checks none is missing.
 */
export interface OperationText {
  /** The success response's description. */
  success: string;
  /** The operation's description, where the route has none. */
  description?: string;
}

export const OPERATION_TEXTS: Record<string, OperationText> = {
  getHealth: { success: 'The process is up', description: 'Liveness probe: answers without touching the database. Never rate limited.' },
  getReadiness: {
    success: 'The database answers',
    description: 'Readiness probe: answers 200 when a query reaches the database, 503 database_unavailable (with Retry-After) when it does not. Never rate limited.',
  },
  createProgram: { success: 'The program created, with its settings and the first admin API key (secret shown only here)' },
  getProgram: { success: 'The program and its effective settings', description: "The program the API key belongs to, with its effective settings (defaults filled in)." },
  updateProgram: { success: 'The program with its settings as changed' },
  createApiKey: {
    success: 'The key issued; its secret is shown only in this response',
    description: 'Issues a key with the given role for the caller\'s program. Store the secret now: only a hash is kept.',
  },
  listApiKeys: { success: 'A page of API keys, without secrets', description: "The program's API keys, revoked ones included, without their secrets." },
  revokeApiKey: { success: 'The key as revoked', description: 'Revoking is final: the key is refused from the next request on. Revoking a revoked key answers it again.' },
  enrollMember: { success: 'The member enrolled, with the loyalty ID assigned' },
  listMembers: { success: 'A page of members' },
  getMember: { success: 'The member card', description: 'Profile and status with the points figures, purchase and return counts and total spent: what a till shows.' },
  updateMember: { success: 'The member as updated' },
  resendMemberOtp: { success: 'A new code issued; member.otp_requested carries it' },
  verifyMember: { success: 'The member, now active' },
  quotePurchase: { success: 'What the purchase would get: per line the promotions that apply and why the others do not, the discount, the net amount, the points, and the quote_id to commit it' },
  recordPurchase: { success: 'The purchase recorded and the points it earns (or, with Idempotent-Replayed: true, the first answer to this Idempotency-Key)' },
  recordReturn: { success: 'The return recorded and the points clawed back (or the first answer, replayed)' },
  redeemPoints: { success: 'The redemption recorded and the balance after it (or the first answer, replayed)' },
  reverseRedemption: { success: 'The reversal recorded and the balance after it (or the first answer, replayed)' },
  createHold: { success: 'The hold placed and the balance after it (or the first answer, replayed)' },
  captureHold: { success: 'The hold as captured and the balance after it (or the first answer, replayed)' },
  voidHold: { success: 'The hold as voided and the balance after it (or the first answer, replayed)' },
  adjustPoints: { success: 'The adjustment recorded and the balance after it (or the first answer, replayed)' },
  createPartnerTransfer: { success: 'The transfer recorded with its bonus, and the balance after it (or the first answer to this transfer or Idempotency-Key, replayed)' },
  issueGiftCard: { success: 'The card, its code (shown only here) and its issue transaction (or the first answer, replayed)' },
  getGiftCard: { success: 'The gift card' },
  getGiftCardStatement: { success: "The card and its movements, oldest first" },
  requestGiftCardOtp: { success: "A password was sent in gift_card.otp_requested: when it expires, and how many tries it has" },
  spendGiftCard: { success: 'The spend, the card after it and its transaction (or the first answer, replayed)' },
  transferGiftCard: { success: "The transfer, the card after it, its transaction and the member's wallet credit (or the first answer, replayed)" },
  creditWallet: { success: "The credit recorded, and the wallet's currency after it (or the first answer, replayed)" },
  debitWallet: { success: "The debit recorded, and the wallet's currency after it (or the first answer, replayed)" },
  createWalletHold: { success: "The hold created, and the wallet's currency after it (or the first answer, replayed)" },
  captureWalletHold: { success: "The hold captured, and the wallet's currency after it (or the first answer, replayed)" },
  voidWalletHold: { success: "The hold voided, and the wallet's currency after it (or the first answer, replayed)" },
  reverseWalletDebit: { success: "The reversal recorded, and the wallet's currency after it (or the first answer, replayed)" },
  runSimulation: { success: "The baseline and simulated outcomes of the period's purchases, and their differences (nothing was written)" },
  getWallet: { success: "The member's money per currency", description: 'Available and held money per currency, in minor units, and the money that expires soon.' },
  listWalletTransactions: { success: "A page of the member's wallet transactions", description: 'Credits and debits of wallet money, newest first; follow next_cursor for older ones.' },
  getBalance: { success: "The member's points figures", description: 'Available, pending, held, debt and lifetime figures, and the points that expire soon.' },
  listMemberTransactions: {
    success: "A page of the member's transactions",
    description: 'Newest first; each transaction with its double-entry lines and the lots it touched. Page with next_cursor.',
  },
  getMemberStatement: { success: 'Opening balance, movements and closing balance of each account for the period' },
  getLiability: { success: 'Points outstanding by cohort and expiry month, valued, with breakage, as of the instant' },
  searchTransactions: { success: "A page of the program's points transactions, newest first" },
  getTrialBalance: { success: 'Each invariant checked, with the number of violations and examples' },
  runJob: { success: 'What the job run did' },
  listRateSets: { success: 'The rate sets (a single page)' },
  createRateSet: { success: 'The rate set added' },
  quoteConversion: { success: 'The price of the conversion; nothing is written' },
  createConversion: { success: 'The conversion recorded and the balance after it (or the first answer, replayed)' },
  listEvents: { success: 'The events after the cursor, and the cursor to read on from' },
  recordActivity: { success: 'The activity recorded and the points it earned (or the first answer, replayed)' },
  renewExpiredPoints: { success: 'The renewal recorded and the points renewed (or the first answer, replayed)' },
  createWebhook: { success: 'The endpoint registered; its signing secret is shown only in this response' },
  listWebhooks: { success: 'A page of webhook endpoints, without secrets', description: "The program's webhook endpoints, without their signing secrets." },
  getWebhook: { success: 'The webhook endpoint, without its secret', description: 'One endpoint with its subscription and delivery state, without its signing secret.' },
  updateWebhook: { success: 'The endpoint as changed' },
  deleteWebhook: { success: 'Deleted; no body' },
  listWebhookDeliveries: {
    success: "A page of the endpoint's deliveries, each with its attempts",
    description: 'Newest first; each delivery with its status and every attempt (status code, error, the first kilobyte of the answer).',
  },
  retryWebhookDelivery: { success: 'The delivery queued again' },
  createPromotion: { success: 'The promotion created (or, with Idempotent-Replayed: true, the first answer to this Idempotency-Key)' },
  createPresetPromotions: { success: 'The promotions the preset created (or the first answer, replayed)' },
  listPromotions: { success: 'A page of promotions' },
  getPromotion: { success: 'The promotion' },
  updatePromotion: { success: 'The promotion as changed, with its version bumped' },
  issuePromoCodes: { success: 'The codes issued; generated PINs are shown only in this response' },
  listPromoCodes: {
    success: "A page of the promotion's codes, by code, without PINs",
    description: "A promotion's codes in code order, optionally only those bound to one member; each with its uses, validity and status, never its PIN.",
  },
  getPromoCode: { success: 'The promo code, without its PIN', description: 'One code with its uses, validity and status; whether it needs a PIN, never the PIN.' },
  revokePromoCode: { success: 'The code, revoked' },
};
