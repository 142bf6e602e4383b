/** Every event type the service publishes (the outbox writes them; see src/events/sql/outbox.sql). */
export const EVENT_TYPES = [
  'member.enrolled',
  'member.updated',
  'member.blocked',
  'member.unblocked',
  'member.birthday_upcoming',
  'member.inactive',
  'points.earned',
  'points.returned',
  'points.redeemed',
  'points.reversed',
  'points.adjusted',
  'points.matured',
  'points.expiring',
  'points.expired',
  'points.renewed',
  'points.decayed',
  'points.extended',
  'points.debt_paid',
  'hold.created',
  'hold.captured',
  'hold.voided',
  'hold.expired',
  'conversion.completed',
  'tier.changed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
