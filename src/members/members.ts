import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, MemberRow, MemberStatus } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import { ConflictError, NotFoundError } from '../errors.ts';

export interface MemberProfile {
  external_ref?: string | null | undefined;
  name?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  birth_date?: string | null | undefined;
  gender?: string | null | undefined;
  branch?: string | null | undefined;
}

export type Member = Omit<MemberRow, 'program_id'>;

export interface MemberFilter {
  q?: string | undefined;
  status?: MemberStatus | undefined;
  branch?: string | undefined;
  external_ref?: string | undefined;
  loyalty_id?: string | undefined;
  phone?: string | undefined;
}

function toMember(row: MemberRow): Member {
  const { program_id: _programId, ...member } = row;
  return member;
}

/** 8 digits without a leading zero, so spreadsheets and tills that store it as a number keep every digit. */
function generateLoyaltyId(): string {
  return String(randomInt(10_000_000, 100_000_000));
}

export async function enrollMember(db: Kysely<Database>, clock: Clock, programId: string, profile: MemberProfile): Promise<Member> {
  const now = clock.now();
  // 90M possible ids: a collision is rare but possible, so retry with a new one a few times.
  for (let attempt = 0; attempt < 8; attempt++) {
    const row = await db
      .insertInto('members')
      .values({
        id: newId('member'),
        program_id: programId,
        loyalty_id: generateLoyaltyId(),
        external_ref: profile.external_ref ?? null,
        name: profile.name ?? null,
        phone: profile.phone ?? null,
        email: profile.email ?? null,
        birth_date: profile.birth_date ?? null,
        gender: profile.gender ?? null,
        branch: profile.branch ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) return toMember(row);
    if (profile.external_ref != null) {
      const existing = await db
        .selectFrom('members')
        .select(['id', 'loyalty_id'])
        .where('program_id', '=', programId)
        .where('external_ref', '=', profile.external_ref)
        .executeTakeFirst();
      if (existing) {
        throw new ConflictError('member_exists', `A member with external_ref ${profile.external_ref} already exists.`, {
          member_id: existing.id,
          loyalty_id: existing.loyalty_id,
        });
      }
    }
  }
  throw new Error('Could not allocate a unique loyalty id after 8 attempts');
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
  patch: MemberProfile & { status?: MemberStatus | undefined; status_reason?: string | null | undefined },
): Promise<Member> {
  const now = clock.now();
  const { status, status_reason, ...profile } = patch;
  const changes: Record<string, unknown> = { ...profile, updated_at: now };
  if (status !== undefined) {
    changes['status'] = status;
    changes['status_reason'] = status_reason ?? null;
    changes['status_changed_at'] = now;
  } else if (status_reason !== undefined) {
    changes['status_reason'] = status_reason;
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('members')
        .set(changes)
        .where('program_id', '=', programId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new NotFoundError('member', id);
      // Every block and unblock is kept, whoever made it (rules record theirs in the ledger functions).
      if (status !== undefined) {
        await trx
          .insertInto('member_status_changes')
          .values({ member_id: id, id: newId('statusChange'), program_id: programId, status, reason: status_reason ?? null, rule: null, details: '{}', actor: 'api', occurred_at: now })
          .execute();
      }
      return toMember(row);
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'members_external_ref_key') {
      throw new ConflictError('member_exists', `Another member already has external_ref ${String(profile.external_ref)}.`);
    }
    throw error;
  }
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
): Promise<Member[]> {
  let query = db.selectFrom('members').selectAll().where('program_id', '=', programId);
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
  if (page.after) query = query.where('id', '>', page.after);
  const rows = await query.orderBy('id').limit(page.limit).execute();
  return rows.map(toMember);
}
