import { FieldError } from '../errors.ts';

const MAX_XID8 = 2n ** 64n - 1n;

const isCount = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Every field a cursor can carry, and the values this service issues in it. A cursor is client input: a forged value
 * must be refused here, not reach a query as text PostgreSQL cannot store or a number its column cannot hold.
 */
const CURSOR_FIELDS = {
  /** A row id (a TypeID): ASCII, of bounded length. */
  id: (value: unknown) => typeof value === 'string' && /^[a-z]{1,63}_[0-9a-z]{1,64}$/.test(value),
  /** A promo code (normalised, as stored). */
  code: (value: unknown) => typeof value === 'string' && /^[A-Z0-9-]{4,40}$/.test(value),
  /** An instant a report is as of (RFC 3339, as toISOString writes it): later pages answer as of the first one's. */
  at: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !Number.isNaN(Date.parse(value)),
  /** A member's ledger version. */
  v: isCount,
  /** A feed position: the writing transaction's id (xid8, as decimal text) and the event's order within it. */
  x: (value: unknown) => typeof value === 'string' && /^(0|[1-9]\d{0,19})$/.test(value) && BigInt(value) <= MAX_XID8,
  s: isCount,
  /** A cluster's feed position: one `shard:xid:seq` per shard of the events table, comma-separated. */
  c: (value: unknown) =>
    typeof value === 'string' &&
    value.length <= 8_000 &&
    (value === '' ||
      value.split(',').every((part) => {
        const match = /^(\d{1,19}):(0|[1-9]\d{0,19}):(0|[1-9]\d{0,18})$/.exec(part);
        return match !== null && BigInt(match[2]!) <= MAX_XID8 && Number.isSafeInteger(Number(match[3]));
      })),
} satisfies Record<string, (value: unknown) => boolean>;

export type CursorField = keyof typeof CURSOR_FIELDS;

/** Cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The sort key of a cursor this API issued, each value as text; anything else is a 400 on the query parameter
 * `parameter`. Only the exact fields asked for are accepted, each of the type and range it is issued with.
 */
export function decodeCursor<K extends CursorField>(cursor: string | undefined, fields: readonly K[], parameter = 'cursor'): Record<K, string> | undefined {
  if (cursor === undefined) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  // Node skips characters that are not base64url; only the exact encoding we issue is read.
  if (bytes.toString('base64url') === cursor) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const key = parsed as Record<string, unknown>;
      const names = Object.keys(key);
      if (names.length === fields.length && fields.every((f) => Object.hasOwn(key, f) && CURSOR_FIELDS[f](key[f]))) {
        return Object.fromEntries(fields.map((f) => [f, String(key[f])])) as Record<K, string>;
      }
    }
  }
  throw new FieldError(`/${parameter}`, 'is not a cursor this API issued', 'query');
}

/** Fetch limit + 1 rows; the extra one only tells whether another page exists. */
export function paginate<T>(rows: T[], limit: number, keyOf: (row: T) => Record<string, string | number>) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, next_cursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
