import { typeid, TypeID } from 'typeid-js';

/** Type prefixes of our public ids (TypeID: prefix + UUIDv7, so ids sort by creation). */
export const ID_PREFIX = {
  program: 'prg',
  apiKey: 'key',
  member: 'mem',
  transaction: 'txn',
  purchase: 'pur',
  return: 'ret',
  redemption: 'red',
  reversal: 'rev',
  hold: 'hld',
  adjustment: 'adj',
  lot: 'lot',
  jobRun: 'job',
  rateSet: 'rts',
  conversion: 'cnv',
  tierChange: 'tch',
  statusChange: 'msc',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

export function newId(kind: IdKind): string {
  return typeid(ID_PREFIX[kind]).toString();
}

/** True when `value` is a well-formed id of this kind; anything else can never name a row. */
export function isId(kind: IdKind, value: string): boolean {
  try {
    return TypeID.fromString(value).getType() === ID_PREFIX[kind];
  } catch {
    return false;
  }
}
