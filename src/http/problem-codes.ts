/**
 * Every stable `code` a problem+json answer carries, with its status and the operations that can answer it (all
 * operations documenting that status when `operations` is absent). The OpenAPI document takes Problem.code's enum
 * and each error response's list of codes from here; test/integration/openapi-quality.test.ts fails when the source
 * answers a code this list lacks.
 */
export interface ProblemCode {
  /** One status, or several when different refusals share the code. */
  status: number | readonly number[];
  description: string;
  /** operationIds; absent: every operation that documents the status. */
  operations?: readonly string[];
  /** Also every operation that takes an Idempotency-Key. */
  idempotent?: boolean;
}

const LEDGER_WRITES = [
  'recordPurchase',
  'recordReturn',
  'redeemPoints',
  'reverseRedemption',
  'createHold',
  'captureHold',
  'voidHold',
  'adjustPoints',
  'createPartnerTransfer',
  'createConversion',
  'recordActivity',
  'renewExpiredPoints',
] as const;
const DEBITS = ['redeemPoints', 'createHold', 'adjustPoints', 'createConversion', 'recordReturn', 'captureHold'] as const;
const MEMBER_OPERATIONS = [
  ...LEDGER_WRITES.filter((op) => op !== 'captureHold' && op !== 'voidHold'),
  'getMember',
  'updateMember',
  'getBalance',
  'listMemberTransactions',
  'getMemberStatement',
  'quoteConversion',
  'creditWallet',
  'debitWallet',
  'createWalletHold',
  'captureWalletHold',
  'voidWalletHold',
  'reverseWalletDebit',
  'getWallet',
  'listWalletTransactions',
  'recordMemberEvent',
  'listMemberEvents',
] as const;
/** Member writes outside the ledger's points that refuse a member who may not transact, as purchases do. */
const MEMBER_EVENT_WRITES = ['recordMemberEvent'] as const;

export const PROBLEM_CODES = {
  validation_failed: { status: 400, description: 'A field is missing or invalid; `errors` points at each one' },
  malformed_json: { status: 400, description: 'The body is not well-formed JSON' },
  bad_request: { status: 400, description: 'The request cannot be read (a malformed URL or header)' },
  unauthenticated: { status: 401, description: 'No API key, or one that is not valid or has been revoked' },
  forbidden: { status: 403, description: "The key's role may not call this operation" },
  operator_disabled: { status: 403, description: 'The service has no OPERATOR_TOKEN configured', operations: ['createProgram'] },
  route_not_found: { status: 404, description: 'No such route, or an id that cannot exist' },
  program_not_found: { status: 404, description: "The key's program no longer exists", operations: [] },
  api_key_not_found: { status: 404, description: 'No such API key in this program', operations: ['revokeApiKey'] },
  member_not_found: {
    status: 404,
    description: 'No such member in this program',
    operations: [...MEMBER_OPERATIONS, 'issuePromoCodes', 'quotePurchase', 'resendMemberOtp', 'verifyMember', 'transferGiftCard', 'getMemberRfm'],
  },
  purchase_not_found: { status: 404, description: 'No such purchase', operations: ['recordReturn', 'issueGiftCard'] },
  redemption_not_found: { status: 404, description: 'No such redemption', operations: ['reverseRedemption'] },
  debit_not_found: { status: 404, description: 'The member has no such wallet debit', operations: ['reverseWalletDebit'] },
  hold_not_found: { status: 404, description: 'No such hold', operations: ['captureHold', 'voidHold', 'captureWalletHold', 'voidWalletHold'] },
  webhook_not_found: {
    status: 404,
    description: 'No such webhook endpoint',
    operations: ['getWebhook', 'updateWebhook', 'deleteWebhook', 'listWebhookDeliveries', 'retryWebhookDelivery'],
  },
  segment_not_found: {
    status: 404,
    description: 'No such segment in this program',
    operations: ['getSegment', 'updateSegment', 'deleteSegment', 'addSegmentMembers', 'addSegmentMember', 'removeSegmentMember', 'listSegmentMembers', 'getSegmentStats', 'computeLtv'],
  },
  promotion_not_found: { status: 404, description: 'No such promotion in this program', operations: ['getPromotion', 'updatePromotion', 'issuePromoCodes'] },
  promo_code_not_found: { status: 404, description: 'No such promo code in this program', operations: ['getPromoCode', 'revokePromoCode'] },
  webhook_delivery_not_found: { status: 404, description: 'No such delivery of this endpoint', operations: ['retryWebhookDelivery'] },
  gift_card_not_found: {
    status: 404,
    description: 'No such gift card in this program',
    operations: ['getGiftCard', 'getGiftCardStatement', 'requestGiftCardOtp', 'spendGiftCard', 'transferGiftCard', 'reverseGiftCardSpend'],
  },
  notification_not_found: {
    status: 404,
    description: 'No such notification in this program',
    operations: ['getNotification', 'cancelNotification', 'recordNotificationReceipt', 'getNotificationResults'],
  },
  journey_not_found: { status: 404, description: 'No such journey in this program', operations: ['getJourney', 'updateJourney', 'getJourneyResults'] },
  target_not_found: { status: 404, description: 'No such target in this program', operations: ['getTarget', 'getTargetProgress', 'updateTarget', 'deleteTarget'] },
  gift_card_spend_not_found: { status: 404, description: 'The gift card has no such spend', operations: ['reverseGiftCardSpend'] },
  method_not_allowed: { status: 405, description: 'The path exists, but not with this method (see Allow)', operations: [] },
  member_not_pending: {
    status: 409,
    description: 'The member is not pending verification: already verified, or blocked or deactivated (`member_status`)',
    operations: ['resendMemberOtp', 'verifyMember'],
  },
  member_exists: { status: 409, description: 'A member with this external_ref exists; `member_id` names it', operations: ['enrollMember', 'updateMember'] },
  duplicate_receipt: { status: 409, description: 'This receipt_id was already recorded', operations: ['recordPurchase', 'debitWallet', 'spendGiftCard'] },
  hold_captured: { status: 409, description: 'The hold was already captured', operations: ['captureHold', 'voidHold', 'captureWalletHold', 'voidWalletHold'] },
  hold_voided: { status: 409, description: 'The hold was voided', operations: ['captureHold', 'voidHold', 'captureWalletHold', 'voidWalletHold'] },
  hold_expired: { status: 409, description: 'The hold expired', operations: ['captureHold', 'voidHold', 'captureWalletHold', 'voidWalletHold'] },
  nothing_to_renew: { status: 409, description: 'The member has no expired points to renew', operations: ['renewExpiredPoints'] },
  already_renewed: { status: 409, description: 'The points were already renewed', operations: ['renewExpiredPoints'] },
  renewal_window_closed: { status: 409, description: 'The renewal window closed', operations: ['renewExpiredPoints'] },
  rate_locked: {
    status: [409, 422],
    description: 'A rate set already starts later (409), or the rates are held until their review periods pass (422)',
    operations: ['createRateSet'],
  },
  promo_code_taken: { status: 409, description: 'The shared code already exists in this program (`errors` points at /code)', operations: ['issuePromoCodes'] },
  delivery_in_progress: { status: 409, description: 'The delivery is being attempted now', operations: ['retryWebhookDelivery'] },
  too_many_active_promotions: {
    status: 409,
    description: 'The program has max_active_promotions active promotions (`max_active_promotions`, `active`)',
    operations: ['createPromotion', 'createPresetPromotions', 'updatePromotion'],
  },
  limit_below_used: {
    status: 409,
    description: 'total_uses or the budget would be lowered by more than is left of it (`limit`, `left`; `errors` points at it)',
    operations: ['updatePromotion'],
  },
  partner_transfer_mismatch: {
    status: 409,
    description: 'This partner and external_id were already transferred, to another member or with other points (`partner_transfer_id` names the first)',
    operations: ['createPartnerTransfer'],
  },
  fx_rate_exists: { status: 409, description: 'A rate of this currency from this instant is already recorded (`currency`, `effective_from`)', operations: ['createFxRate'] },
  fx_rate_missing: { status: 422, description: 'No rate of `currency` is in force at `at` (computeLtv: for purchases in `currencies`)', operations: ['listFxRates', 'computeLtv'] },
  referrer_not_found: { status: 422, description: 'referred_by names no member of the program (neither a member id nor a referral code)', operations: ['enrollMember'] },
  referrer_not_active: { status: 422, description: 'referred_by names a pending, blocked or deactivated member (`referrer_id`)', operations: ['enrollMember'] },
  self_referral: { status: 422, description: 'referred_by names the enrolling person themselves: the referrer has their email (`referrer_id`)', operations: ['enrollMember'] },
  referral_same_phone: { status: 422, description: "referred_by names a member with the referee's phone (`referrer_id`)", operations: ['enrollMember'] },
  too_many_attributes: {
    status: 422,
    description: 'The member would hold more attributes than allowed (`keys`, `max_keys`; `errors` points at /attributes)',
    operations: ['enrollMember', 'updateMember'],
  },
  attributes_too_large: {
    status: 422,
    description: "The member's attributes would take more bytes as JSON than allowed (`bytes`, `max_bytes`; `errors` points at /attributes)",
    operations: ['enrollMember', 'updateMember'],
  },
  too_many_consents: {
    status: 422,
    description: 'The member would hold consents for more channels than allowed (`channels`, `max_channels`; `errors` points at /consents)',
    operations: ['enrollMember', 'updateMember'],
  },
  quote_expired: { status: 409, description: 'The quote expired or was already committed (`quote_id`): ask for a new one', operations: ['recordPurchase'] },
  quote_changed: {
    status: 409,
    description: 'What the quote promised is no longer available: a promotion changed or a limit ran out (`promotion_id`)',
    operations: ['recordPurchase'],
  },
  purchase_returned: { status: 409, description: 'The purchase was returned in full: no card can be loaded against it', operations: ['issueGiftCard'] },
  gift_card_expired: { status: 409, description: 'The gift card expired: what was left moved to gift_card_expired', operations: ['requestGiftCardOtp', 'spendGiftCard', 'transferGiftCard'] },
  gift_card_empty: { status: 409, description: 'The gift card has no money left', operations: ['requestGiftCardOtp', 'transferGiftCard'] },
  cursor_expired: { status: 410, description: 'Events after this cursor were pruned', operations: ['listEvents'] },
  payload_too_large: { status: 413, description: 'The body is larger than BODY_LIMIT_BYTES', operations: [] },
  unsupported_media_type: { status: 415, description: 'The body is not application/json', operations: [] },
  invalid_settings: { status: 422, description: 'The settings break a rule; `errors` points at each one', operations: ['createProgram', 'updateProgram', 'runSimulation'] },
  invalid_rule: {
    status: 422,
    description: "The segment's rule is invalid; `errors` points into it for each problem (e.g. /rule/all/2/age/min)",
    operations: ['createSegment', 'updateSegment'],
  },
  invalid_journey: {
    status: 422,
    description: 'The journey is invalid (a goto out of range or backwards, an unknown promotion, a bad rule, an unknown template...); `errors` points at each problem',
    operations: ['createJourney', 'updateJourney'],
  },
  member_not_in_program: {
    status: 422,
    description: 'A member id names no member of this program (a member of another program included); `errors` points at each',
    operations: ['addSegmentMembers', 'addSegmentMember', 'createNotification'],
  },
  invalid_audience: {
    status: 422,
    description: "The notification's audience names no segment of the program, or no RFM segment of its grid; `errors` points at it",
    operations: ['createNotification'],
  },
  notification_sent: { status: 409, description: 'The notification was sent in full: nothing is left to cancel', operations: ['cancelNotification'] },
  notification_not_dispatched: {
    status: 422,
    description: 'The notification was not dispatched to the member on that channel (held out, skipped, or not in its audience); `errors` points at /member_id',
    operations: ['recordNotificationReceipt'],
  },
  segment_in_use: { status: 409, description: 'Active promotions name the segment in their segment condition (`promotion_ids`)', operations: ['deleteSegment'] },
  segment_not_static: {
    status: 409,
    description: 'Members are added to and removed from static segments only',
    operations: ['addSegmentMembers', 'addSegmentMember', 'removeSegmentMember'],
  },
  invalid_promotion: {
    status: 422,
    description: 'The promotion breaks a rule between its fields or against the program; `errors` points at each one',
    operations: ['createPromotion', 'updatePromotion', 'createPresetPromotions'],
  },
  invalid_preset_params: { status: 422, description: "The preset's parameters are invalid; `errors` points at each one", operations: ['createPresetPromotions'] },
  insufficient_funds: {
    status: 422,
    description: 'Not enough money in the wallet: `available` and `requested` say how much, in minor units of `currency`',
    operations: ['debitWallet', 'createWalletHold', 'spendGiftCard', 'transferGiftCard'],
  },
  gift_card_exceeds_purchase: {
    status: 422,
    description: 'Cards loaded against the purchase would exceed what it paid (`paid`, `loaded`, `loadable`; `errors` points at /amount/amount)',
    operations: ['issueGiftCard'],
  },
  insufficient_points: { status: 422, description: 'Not enough points: `available` and `requested` say how many', operations: DEBITS },
  member_pending: {
    status: 422,
    description: 'The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then',
    // The writes that refuse a blocked member too (pl_begin's p_spending), the partner transfer, and the quote.
    operations: ['recordPurchase', 'redeemPoints', 'createHold', 'captureHold', 'createConversion', 'renewExpiredPoints', 'createPartnerTransfer', 'quotePurchase', 'debitWallet', 'createWalletHold', 'captureWalletHold', 'transferGiftCard', ...MEMBER_EVENT_WRITES],
  },
  otp_invalid: {
    status: 422,
    description: 'The one-time password is not the code sent (`attempts_left`; `errors` points at /otp)',
    operations: ['verifyMember', 'spendGiftCard', 'transferGiftCard'],
  },
  otp_expired: {
    status: 422,
    description: 'No live one-time password: it expired, was used, ran out of tries or was never issued (`reason`): ask for a new one',
    operations: ['verifyMember', 'spendGiftCard', 'transferGiftCard'],
  },
  member_deactivated: { status: 422, description: 'The member is deactivated', operations: [...LEDGER_WRITES, 'quotePurchase', 'debitWallet', 'createWalletHold', 'captureWalletHold', 'transferGiftCard', ...MEMBER_EVENT_WRITES] },
  return_exceeds_purchase: { status: 422, description: 'The return is larger than what is left of the purchase', operations: ['recordReturn'] },
  lines_amount_mismatch: { status: 422, description: 'The amounts of the lines do not sum to the purchase amount (`lines_amount`; `errors` points at /lines)', operations: ['recordPurchase'] },
  duplicate_line_sku: { status: 422, description: 'Two lines name the same sku (`errors` points at the second)', operations: ['recordPurchase', 'recordReturn'] },
  return_amount_or_lines: { status: 422, description: 'A return gives exactly one of amount and lines', operations: ['recordReturn'] },
  unknown_line: { status: 422, description: 'The purchase has no line with this sku (`sku`; `errors` points at it)', operations: ['recordReturn'] },
  return_exceeds_line: { status: 422, description: 'More units than are left of the line (`sku`, `returnable_quantity`; `errors` points at it)', operations: ['recordReturn'] },
  return_amount_zero: { status: 422, description: 'The units named come to no money (a line priced below one minor unit per unit)', operations: ['recordReturn'] },
  currency_mismatch: { status: 422, description: 'The return is in another currency than the purchase (`currency`)', operations: ['recordReturn', 'issueGiftCard', 'spendGiftCard', 'transferGiftCard'] },
  reversal_exceeds_redemption: { status: 422, description: 'More than what can still be reversed (`reversible`)', operations: ['reverseRedemption'] },
  reversal_exceeds_spend: {
    status: 422,
    description: 'More than what can still be given back of the gift card spend (`reversible`, `requested`, `currency`)',
    operations: ['reverseGiftCardSpend'],
  },
  reversal_exceeds_debit: {
    status: 422,
    description: 'More than what can still be reversed of the debit (`reversible`, `requested`, `currency`)',
    operations: ['reverseWalletDebit'],
  },
  capture_exceeds_hold: { status: 422, description: 'More than the hold (`held`)', operations: ['captureHold', 'captureWalletHold'] },
  idempotency_key_reused: { status: 422, description: 'The Idempotency-Key was used with another request', operations: [], idempotent: true },
  limit_exceeded: {
    status: 422,
    description: 'A per-member limit would be exceeded: `limit`, `cap`, `remaining` (and `currency` for money limits)',
    operations: ['recordPurchase', 'recordReturn', 'redeemPoints', 'createHold', 'adjustPoints', 'createConversion', 'quoteConversion', 'recordActivity'],
  },
  balance_limit_exceeded: { status: 422, description: 'A balance figure would pass the maximum (`max_balance`)', operations: LEDGER_WRITES },
  amount_too_large: { status: 422, description: 'The amount converts to more points than a write may carry', operations: ['recordPurchase', 'recordReturn', 'quoteConversion', 'createConversion', 'createPartnerTransfer'] },
  conversion_too_small: { status: 422, description: 'The conversion comes to nothing after rounding', operations: ['quoteConversion', 'createConversion'] },
  unsupported_currency: { status: 422, description: 'The program has no rate for this currency', operations: ['recordPurchase', 'quoteConversion', 'createConversion', 'createRateSet'] },
  member_phone_unknown: { status: 422, description: 'No member of the program has this phone (`errors` points at /phone)', operations: ['issuePromoCodes'] },
  member_phone_ambiguous: { status: 422, description: 'More than one member has this phone: give member_id (`errors` points at /phone)', operations: ['issuePromoCodes'] },
  // Answered when a purchase or its quote presents codes (incentives.md "Promo codes").
  promo_code_invalid: {
    status: 422,
    description: 'A presented promo code cannot be used, whatever the reason (unknown, wrong or missing PIN, locked, revoked, expired, used up, another member\'s): `errors` points at /promo_codes/{i}/code',
    operations: ['recordPurchase', 'quotePurchase'],
  },
  duplicate_promo_code: { status: 422, description: 'The same promo code is presented twice (`errors` points at the second)', operations: ['recordPurchase', 'quotePurchase'] },
  quote_not_found: { status: 422, description: 'quote_id names no quote of this member (`errors` points at /quote_id)', operations: ['recordPurchase'] },
  quote_mismatch: {
    status: 422,
    description: 'The purchase differs from what was quoted: amount, lines, store, channel or codes (`errors` points at /quote_id)',
    operations: ['recordPurchase'],
  },
  invalid_period: { status: 422, description: 'The period is empty, reversed or in the future (`errors` points at the field)', operations: ['runSimulation', 'computeLtv'] },
  invalid_ltv_input: {
    status: 422,
    description: 'An input cannot give a lifetime value (churn 0, a margin above 1, a negative amount, an empty period list), or the ledger cannot derive one; `errors` points at each',
    operations: ['computeLtv'],
  },
  simulation_too_large: { status: 422, description: 'The period is longer, or holds more purchases, than one simulation may replay (SIMULATION_MAX_DAYS, SIMULATION_MAX_PURCHASES)', operations: ['runSimulation'] },
  simulation_timeout: { status: 422, description: 'The simulation ran past SIMULATION_TIMEOUT_MS and was rolled back; replay a shorter period', operations: ['runSimulation'] },
  as_of_out_of_range: { status: 422, description: 'as_of is past the latest instant the ledger stores (`latest`)', operations: ['runJob'] },
  as_of_in_future: { status: 422, description: 'as_of is more than a day ahead; send allow_future (`latest`)', operations: ['runJob'] },
  member_blocked: {
    status: 423,
    description: 'The member is blocked (by an admin, or by the `rule` named, with its `reason`)',
    operations: [...LEDGER_WRITES, 'quotePurchase', 'debitWallet', 'createWalletHold', 'captureWalletHold', 'transferGiftCard', ...MEMBER_EVENT_WRITES],
  },
  rate_limited: { status: 429, description: 'Rate limit reached; retry after Retry-After seconds' },
  otp_rate_limited: {
    status: 429,
    description: 'Too many one-time passwords asked for this member lately; retry after Retry-After seconds',
    operations: ['resendMemberOtp', 'requestGiftCardOtp'],
  },
  internal_error: { status: 500, description: 'A bug on our side; quote the request_id' },
  overloaded: { status: 503, description: 'The service is busy; retry after Retry-After seconds' },
  analytics_timeout: {
    status: 503,
    description: 'The report or search ran longer than ANALYTICS_STATEMENT_TIMEOUT_MS and was cut off; narrow it (filters, as_of) or retry later',
    operations: ['getLiability', 'searchTransactions', 'computeLtv', 'getDashboardSummary', 'getDashboardTimeseries', 'getDashboardBreakdown', 'getRfm', 'getMemberRfm', 'listSegmentMembers', 'getSegmentStats', 'getTargetProgress', 'getNotificationResults', 'getJourneyResults'],
  },
  as_of_not_yet: {
    status: 422,
    description: "as_of is later than the server's clock: figures as of the future do not exist yet (`latest`)",
    operations: ['getLiability', 'computeLtv', 'getDashboardSummary', 'getDashboardTimeseries', 'getDashboardBreakdown', 'getRfm', 'getMemberRfm', 'listSegmentMembers', 'getSegmentStats', 'getTargetProgress', 'getNotificationResults', 'getJourneyResults'],
  },
  invalid_range: { status: 422, description: 'from is not before to', operations: ['getDashboardSummary', 'getDashboardTimeseries', 'getDashboardBreakdown'] },
  range_too_long: { status: 422, description: 'The period is longer than the report allows (`max_days` or `max_buckets`)', operations: ['getDashboardSummary', 'getDashboardTimeseries', 'getDashboardBreakdown'] },
  metric_not_available: { status: 422, description: 'The metric is not defined per that dimension (points and new members per store)', operations: ['getDashboardBreakdown'] },
  database_unavailable: { status: 503, description: 'The database does not answer; retry after Retry-After seconds' },
} as const satisfies Record<string, ProblemCode>;

export type ProblemCodeName = keyof typeof PROBLEM_CODES;

/** The codes an operation can answer with a status, as the document lists them. */
export function problemCodesFor(operationId: string, status: number, takesIdempotencyKey: boolean): ProblemCodeName[] {
  return (Object.entries(PROBLEM_CODES) as [ProblemCodeName, ProblemCode][])
    .filter(
      ([, c]) =>
        ([] as number[]).concat(c.status).includes(status) &&
        (c.operations === undefined || c.operations.includes(operationId) || (c.idempotent === true && takesIdempotencyKey)),
    )
    .map(([code]) => code);
}
