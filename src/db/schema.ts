import type { ColumnType, Generated, Selectable } from 'kysely';

/** Timestamps come back as Date and go in as Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns stay as 'YYYY-MM-DD' strings: a birth date has no time zone. */
export type DateOnly = ColumnType<string, string, string>;

export interface ProgramTable {
  id: string;
  name: string;
  settings: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiKeyTable {
  id: string;
  program_id: string;
  name: string | null;
  role: 'admin' | 'pos' | 'read';
  secret_hash: Buffer;
  secret_hint: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export type MemberStatus = 'pending' | 'active' | 'blocked' | 'deactivated';
export type MemberSource = 'pos' | 'web' | 'app' | 'link' | 'qr' | 'operator';

export interface MemberTable {
  id: string;
  program_id: string;
  loyalty_id: string;
  external_ref: string | null;
  status: Generated<MemberStatus>;
  status_reason: string | null;
  status_changed_at: Timestamp | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  birth_date: DateOnly | null;
  gender: string | null;
  branch: string | null;
  source: MemberSource | null;
  /** Null only between migration 0011 and its backfill. */
  referral_code: string | null;
  /** Migration 0013: free key/value facts; written as JSON text. */
  attributes: ColumnType<MemberAttributes, string | undefined, string>;
  /** Per channel: { granted, updated_at }. */
  consents: ColumnType<MemberConsents, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MemberAttributes = Record<string, string | number | boolean>;
export type MemberConsents = Record<string, { granted: boolean; updated_at: string }>;

export interface MemberBalanceTable {
  member_id: string;
  program_id: string;
  available: number;
  pending: number;
  held: number;
  debt: number;
  lifetime_earned: number;
  lifetime_redeemed: number;
  lifetime_expired: number;
  purchase_count: number;
  return_count: number;
  version: number;
  next_due_at: Timestamp | null;
  tier: string | null;
  tier_since: Timestamp | null;
  last_activity_at: Timestamp | null;
  last_purchase_at: Timestamp | null;
  lost_at: Timestamp | null;
  updated_at: Timestamp | null;
}

export type TransactionType =
  | 'earn'
  | 'return'
  | 'redeem'
  | 'reversal'
  | 'hold'
  | 'capture'
  | 'void'
  | 'hold_expire'
  | 'adjust'
  | 'mature'
  | 'expire'
  | 'debt_payment'
  | 'bonus'
  | 'benefit'
  | 'convert'
  | 'renew'
  | 'decay'
  | 'extend'
  | 'partner_transfer'
  | 'wallet_credit'
  | 'wallet_debit'
  | 'wallet_hold'
  | 'wallet_capture'
  | 'wallet_void'
  | 'wallet_hold_expire'
  | 'wallet_expire'
  | 'wallet_reversal';

export type Account = PointsAccount | WalletAccount;
// Money accounts, one per kind and currency (migrations/0009_wallets.sql).
export type WalletAccount = `wallet_${'available' | 'held' | 'issued' | 'spent' | 'expired'}:${string}`;
export type PointsAccount =
  | 'available'
  | 'pending'
  | 'held'
  | 'debt'
  | 'issued'
  | 'redeemed'
  | 'expired'
  | 'adjustments'
  | 'converted'
  | 'decayed';

export interface LedgerTransactionTable {
  member_id: string;
  id: string;
  program_id: string;
  type: TransactionType;
  points: number;
  resource_id: string | null;
  ref_id: string | null;
  idempotency_key: string | null;
  external_ref: string | null;
  occurred_at: Timestamp;
  recorded_at: Timestamp;
  version: number;
  db_xid: string;
  data: Record<string, unknown>;
}

export interface LedgerEntryTable {
  member_id: string;
  txn_id: string;
  account: Account;
  program_id: string;
  amount: number;
  occurred_at: Timestamp;
}

export interface LotTable {
  member_id: string;
  id: string;
  program_id: string;
  txn_id: string;
  source: 'earn' | 'adjust' | 'bonus' | 'benefit' | 'convert' | 'partner';
  granted: number;
  remaining: number;
  matured: boolean;
  matures_at: Timestamp;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface LotAllocationTable {
  member_id: string;
  txn_id: string;
  lot_id: string;
  ref_txn_id: string;
  program_id: string;
  points: number;
}

/** Wallets (migrations/0009_wallets.sql): money per member and currency, in minor units. */
export interface WalletBalanceTable {
  member_id: string;
  currency: string;
  program_id: string;
  available: number;
  held: number;
  updated_at: Timestamp;
}

export interface WalletLotTable {
  member_id: string;
  id: string;
  program_id: string;
  txn_id: string;
  currency: string;
  source: 'credit';
  granted: number;
  remaining: number;
  expires_at: Timestamp | null;
  created_at: Timestamp;
}

export interface WalletLotAllocationTable {
  member_id: string;
  txn_id: string;
  lot_id: string;
  ref_txn_id: string;
  program_id: string;
  amount: number;
}

export interface WalletHoldTable {
  member_id: string;
  id: string;
  program_id: string;
  txn_id: string;
  currency: string;
  amount: number;
  captured: number | null;
  status: 'active' | 'captured' | 'voided' | 'expired';
  reason: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface PurchaseTable {
  member_id: string;
  id: string;
  program_id: string;
  txn_id: string;
  receipt_id: string;
  amount: number;
  currency: string;
  store_id: string | null;
  /** Migration 0013: where the sale happened and on what; null when the purchase did not say. */
  channel: string | null;
  device: string | null;
  points: number;
  lot_id: string | null;
  returned_amount: number;
  returned_points: number;
  occurred_at: Timestamp;
  created_at: Timestamp;
}

export interface HoldTable {
  member_id: string;
  id: string;
  program_id: string;
  txn_id: string;
  points: number;
  captured: number | null;
  status: 'active' | 'captured' | 'voided' | 'expired';
  reason: string | null;
  store_id: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface RateSetTable {
  program_id: string;
  id: string;
  rates: ColumnType<Record<string, number>, string, string>;
  effective_from: Timestamp;
  created_at: Timestamp;
}

export interface MemberStatusChangeTable {
  member_id: string;
  id: string;
  program_id: string;
  status: string;
  reason: string | null;
  rule: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  actor: string;
  occurred_at: Timestamp;
}

export interface OneTimePasswordTable {
  member_id: string;
  purpose: string;
  subject_id: string;
  program_id: string;
  code_hash: Buffer;
  salt: Buffer;
  issued_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
  consumed_at: Timestamp | null;
  recent_issues: ColumnType<Date[], Date[], Date[]>;
  announcement: ColumnType<null, string | null | undefined, string | null>;
}

export interface Database {
  programs: ProgramTable;
  api_keys: ApiKeyTable;
  members: MemberTable;
  one_time_passwords: OneTimePasswordTable;
  member_balances: MemberBalanceTable;
  ledger_transactions: LedgerTransactionTable;
  ledger_entries: LedgerEntryTable;
  lots: LotTable;
  lot_allocations: LotAllocationTable;
  wallet_balances: WalletBalanceTable;
  wallet_lots: WalletLotTable;
  wallet_lot_allocations: WalletLotAllocationTable;
  wallet_holds: WalletHoldTable;
  purchases: PurchaseTable;
  holds: HoldTable;
  rate_sets: RateSetTable;
  member_status_changes: MemberStatusChangeTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  promotions: PromotionTable;
  promotion_pools: PromotionPoolTable;
  promo_codes: PromoCodeTable;
  segments: SegmentTable;
  segment_members: SegmentMemberTable;
}

export type ProgramRow = Selectable<ProgramTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type MemberRow = Selectable<MemberTable>;

/** Webhooks (migrations/0005_webhooks.sql): operational tables, updated as deliveries progress. */
export interface WebhookEndpointTable {
  program_id: string;
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  secret: string;
  failing_since: Timestamp | null;
  /** xid8 as text. */
  cursor_xid: Generated<string>;
  cursor_seq: Generated<number>;
  /** pg_snapshot as text (xmin:xmax:xip,...). */
  created_snapshot: Generated<string>;
  /** On a cluster: the fan-out position per shard of events (shard id -> [xid, seq]), and each shard's snapshot at creation. */
  cursor_shards: ColumnType<Record<string, [string, string]> | null, string | null | undefined, string | null>;
  created_shards: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveryTable {
  program_id: string;
  endpoint_id: string;
  id: string;
  event_id: string;
  event_type: string;
  /** The event's shard of events on a cluster ('' on one PostgreSQL), its position there (xid8 as text), and its member. */
  event_shard: Generated<string>;
  event_xid: string;
  event_seq: number;
  event_member: string | null;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  lease_until: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface WebhookAttemptTable {
  delivery_id: string;
  attempt: number;
  started_at: Timestamp;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response: string | null;
}

/** Promotions (migrations/0005_promotions.sql); effect, scope, conditions and limits are the model's JSON. */
export interface PromotionTable {
  program_id: string;
  id: string;
  name: string;
  description: string | null;
  status: 'active' | 'paused' | 'ended';
  visibility: 'visible' | 'technical';
  stackable: boolean;
  priority: number;
  effect: ColumnType<unknown, string, string>;
  scope: ColumnType<unknown, string, string>;
  conditions: ColumnType<unknown, string, string>;
  limits: ColumnType<unknown, string, string>;
  preset: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What is left of a promotion's total uses and budget that no slice holds yet; null: no such limit. */
export interface PromotionPoolTable {
  program_id: string;
  promotion_id: string;
  uses_left: number | null;
  budget_left: number | null;
  swept_at: Date | null;
}

/** migrations/0005_promotions.sql; on Citus distributed by `code`, so every lookup names the code. */
export interface PromoCodeTable {
  code: string;
  program_id: string;
  promotion_id: string;
  member_id: string | null;
  pin_hash: string | null;
  max_uses: number;
  uses: Generated<number>;
  valid_from: Timestamp | null;
  valid_until: Timestamp | null;
  failed_pins: Generated<number>;
  locked_at: Timestamp | null;
  revoked_at: Timestamp | null;
  issued_by_purchase: string | null;
  batch_id: string | null;
  created_at: Timestamp;
}

/** Segments (migrations/0015_segments.sql): the rule is the validated tree of src/analytics/segment-rule.ts. */
export interface SegmentTable {
  program_id: string;
  id: string;
  name: string;
  description: string | null;
  kind: 'dynamic' | 'static';
  rule: ColumnType<unknown, string | null, string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SegmentMemberTable {
  member_id: string;
  segment_id: string;
  program_id: string;
  added_at: Timestamp;
  removed_at: Timestamp | null;
}
