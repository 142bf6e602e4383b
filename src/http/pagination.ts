import { FieldError } from '../errors.ts';

/** Cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string | undefined, fields: readonly K[]): Record<K, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && fields.every((f) => typeof parsed[f] === 'string' || typeof parsed[f] === 'number')) {
      return Object.fromEntries(fields.map((f) => [f, String(parsed[f])])) as Record<K, string>;
    }
  } catch {
    // fall through: reported below
  }
  throw new FieldError('/cursor', 'is not a cursor this API issued', 'query');
}

/** Fetch limit + 1 rows; the extra one only tells whether another page exists. */
export function paginate<T>(rows: T[], limit: number, keyOf: (row: T) => Record<string, string | number>) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, next_cursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
