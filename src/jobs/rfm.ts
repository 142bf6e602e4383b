import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { rfmBatchQuery, rfmCuts, rfmParams, toRfmRow, type RfmMemberRow } from '../analytics/rfm.ts';

export interface RfmTally {
  /** Members whose segment changed (each published once). */
  changed: number;
  /** Members scored: the population the quintiles were taken over. */
  scored: number;
}

/** Members per batch: each batch is one short transaction (the upsert and its events). */
const BATCH = 1000;

/**
 * The rfm job (analytics.md "RFM"): computes every member's segment as of as_of and publishes
 * `member.segment_changed` for each member whose segment differs from the one the job last published (member_rfm),
 * the first time from null.
 *
 * The quintiles need the whole population, a member's segment only its own figures and the cut points: the cuts are
 * computed once (one query over the program), then the members are scored and applied in batches of ids, each its
 * own transaction, so a million members never sit in one transaction or one result.
 *
 * Safe to re-run and with two instances at once: the upsert changes a row only when its segment differs from the
 * stored one, re-checked under the row's lock, and the event is written from what the upsert returned, in the same
 * transaction; a second instance finds the segment already there and publishes nothing. A run as of an instant
 * earlier than the one a member's stored segment was found at leaves that member alone.
 */
export async function runRfm(db: Kysely<Database>, programId: string, settings: ProgramSettings, asOf: Date, now: Date): Promise<RfmTally> {
  const o = rfmParams(programId, settings, asOf);
  const cuts = await rfmCuts(db, o);
  const tally: RfmTally = { changed: 0, scored: cuts.n };
  let after = '';
  for (;;) {
    const { rows: ids } = await sql<{ id: string }>`SELECT id FROM members WHERE program_id = ${programId} AND id > ${after}
      ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (ids.length === 0) return tally;
    const range = { after, upTo: ids.at(-1)!.id };
    const { rows } = await sql<Record<string, unknown>>`${rfmBatchQuery(o, cuts, range)}`.execute(db);
    const computed = new Map(rows.map((r) => [r.member_id as string, toRfmRow(r)]));
    const { rows: published } = await sql<{ member_id: string; segment: string | null }>`SELECT member_id, segment FROM member_rfm
      WHERE program_id = ${programId} AND member_id > ${range.after} AND member_id <= ${range.upTo}`.execute(db);
    const stored = new Map(published.map((r) => [r.member_id, r.segment]));
    // Candidates: a segment unlike the stored one (none stored counts as null). The upsert re-checks each.
    const changes: RfmMemberRow[] = [];
    for (const row of computed.values()) if ((stored.get(row.member_id) ?? null) !== row.segment) changes.push(row);
    if (changes.length > 0) tally.changed += await apply(db, programId, settings.home_currency, asOf, now, changes);
    after = range.upTo;
  }
}

/** Stores the changed segments and publishes one event per row actually changed; returns how many. */
async function apply(db: Kysely<Database>, programId: string, currency: string, asOf: Date, now: Date, changes: RfmMemberRow[]): Promise<number> {
  const col = <T>(pick: (r: RfmMemberRow) => T) => changes.map(pick);
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      member_id: string;
      previous_segment: string | null;
      segment: string | null;
      r_score: number | null;
      f_score: number | null;
      m_score: number | null;
      fm_score: number | null;
      recency_days: number | null;
      frequency: number;
      monetary: string | null;
    }>`
      INSERT INTO member_rfm AS cur (member_id, program_id, segment, previous_segment, r_score, f_score, m_score, fm_score,
                                     recency_days, frequency, monetary, as_of, updated_at)
      SELECT c.member_id, ${programId}, c.segment, NULL, c.r, c.f, c.m, c.fm, c.recency_days, c.frequency, c.monetary, ${asOf}::timestamptz, ${now}::timestamptz
        FROM unnest(${col((r) => r.member_id)}::text[], ${col((r) => r.segment)}::text[], ${col((r) => r.r_score)}::smallint[],
                    ${col((r) => r.f_score)}::smallint[], ${col((r) => r.m_score)}::smallint[], ${col((r) => r.fm_score)}::smallint[],
                    ${col((r) => r.recency_days)}::int[], ${col((r) => r.frequency)}::int[], ${col((r) => r.monetary)}::bigint[])
             AS c(member_id, segment, r, f, m, fm, recency_days, frequency, monetary)
      ON CONFLICT (member_id) DO UPDATE
        SET previous_segment = cur.segment, segment = excluded.segment, r_score = excluded.r_score, f_score = excluded.f_score,
            m_score = excluded.m_score, fm_score = excluded.fm_score, recency_days = excluded.recency_days,
            frequency = excluded.frequency, monetary = excluded.monetary, as_of = excluded.as_of, updated_at = excluded.updated_at
        WHERE cur.segment IS DISTINCT FROM excluded.segment AND cur.as_of <= excluded.as_of
      RETURNING member_id, previous_segment, segment, r_score, f_score, m_score, fm_score, recency_days, frequency, monetary`.execute(trx);
    if (rows.length === 0) return 0;
    const values = rows.map((r) => {
      const data = {
        from: r.previous_segment,
        to: r.segment,
        as_of: asOf.toISOString(),
        scores: r.r_score === null ? null : { r: r.r_score, f: r.f_score, m: r.m_score, fm: r.fm_score },
        recency_days: r.recency_days,
        frequency: r.frequency,
        monetary: r.monetary === null ? null : Number(r.monetary),
        currency,
      };
      return sql`(${programId}, pl_typeid('evt'), 'member.segment_changed', ${r.member_id}, ${asOf}, ${now}, ${JSON.stringify(data)}::jsonb)`;
    });
    await sql`INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data) VALUES ${sql.join(values)}`.execute(trx);
    return rows.length;
  });
}
