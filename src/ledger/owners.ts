import type pg from 'pg';
import type { ResourceOwner } from './functions.ts';
import type { Refusal } from './functions.ts';

/**
 * The member a resource belongs to, found by the resource's id alone, so the write on it can be one call routed by
 * that member. On one PostgreSQL this is an index probe; on a Citus cluster the id carries no shard key, so the
 * probe runs on every shard in parallel (the README's "Scaling out" gives its measured cost). Resources never change
 * member, so the answer cannot go stale between this lookup and the write.
 */
const LOOKUPS: Record<ResourceOwner['resource'], string> = {
  purchase: 'SELECT member_id FROM purchases WHERE program_id = $1 AND id = $2',
  hold: 'SELECT member_id FROM holds WHERE program_id = $1 AND id = $2',
  redemption: `SELECT member_id FROM ledger_transactions WHERE program_id = $1 AND resource_id = $2 AND type = 'redeem'`,
};

export async function resourceOwner(pool: pg.Pool, programId: string, owner: ResourceOwner, id: string): Promise<string | null> {
  const { rows } = await pool.query<{ member_id: string }>({ name: `owner_${owner.resource}`, text: LOOKUPS[owner.resource], values: [programId, id] });
  return rows[0]?.member_id ?? null;
}

/** The refusal for a resource that does not exist in the caller's program (the one the ledger function answers). */
export function missingResource(owner: ResourceOwner, id: string): Refusal {
  return { error: `${owner.resource}_not_found`, [owner.idField]: id };
}
