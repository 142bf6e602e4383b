import { typeid } from 'typeid-js';

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
  rateSet: 'rts',
  conversion: 'cnv',
  tierChange: 'tch',
  statusChange: 'msc',
  webhook: 'whk',
  delivery: 'wdl',
  activity: 'act',
  renewal: 'rnw',
  quote: 'qte',
  promotion: 'prm',
  promoCodeBatch: 'pcb',
  partnerTransfer: 'ptr',
  walletCredit: 'wcr',
  walletDebit: 'wdb',
  walletLot: 'wlt',
  walletHold: 'whl',
  walletReversal: 'wrv',
  giftCard: 'gcd',
  giftCardSpend: 'gcs',
  giftCardTransfer: 'gct',
  referral: 'rfl',
  fxRate: 'fxr',
  giftCardReversal: 'gcr',
  segment: 'seg',
  target: 'tgt',
  memberEvent: 'mev',
  notification: 'ntf',
  journey: 'jny',
  journeyRun: 'jrn',
  event: 'evt',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

export function newId(kind: IdKind): string {
  return typeid(ID_PREFIX[kind]).toString();
}
