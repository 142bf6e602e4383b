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

export type MemberStatus = 'active' | 'blocked' | 'deactivated';

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
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  programs: ProgramTable;
  api_keys: ApiKeyTable;
  members: MemberTable;
}

export type ProgramRow = Selectable<ProgramTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type MemberRow = Selectable<MemberTable>;
