import type { MemberAttributes, MemberConsents } from '../db/schema.ts';
import { UnprocessableError } from '../errors.ts';
import { ATTRIBUTE_LIMITS, CONSENT_LIMITS } from '../schemas/member.ts';

/**
 * Member attributes and consents (analytics.md "Data", engagement.md "Notifications"). Keys and values are checked
 * by the request schemas (src/schemas/member.ts); what depends on the stored whole, the number of keys and the size,
 * is checked here, after a PATCH's merge, while the caller holds the member's row.
 */

export type AttributeValue = string | number | boolean;
export type AttributesPatch = Record<string, AttributeValue | null>;
export type ConsentsPatch = Record<string, boolean | null>;

function limitRefusal(code: string, pointer: string, message: string, extra: Record<string, unknown>) {
  return new UnprocessableError(code, `${pointer.slice(1)} ${message}`, { ...extra, errors: [{ pointer, location: 'body', message }] });
}

/**
 * JSON merge patch (RFC 7396) of scalar values: a key given replaces its value, a key set to null is removed, the
 * rest stay. Refused (422) when the result has too many keys or is too large, so every stored member stays small
 * enough for the events that carry it and the segments that read it.
 */
export function mergeAttributes(current: MemberAttributes, patch: AttributesPatch): MemberAttributes {
  const merged: MemberAttributes = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  const keys = Object.keys(merged).length;
  if (keys > ATTRIBUTE_LIMITS.keys) {
    throw limitRefusal('too_many_attributes', '/attributes', `would hold ${keys} keys; a member has at most ${ATTRIBUTE_LIMITS.keys}`, {
      keys,
      max_keys: ATTRIBUTE_LIMITS.keys,
    });
  }
  const bytes = Buffer.byteLength(JSON.stringify(merged));
  if (bytes > ATTRIBUTE_LIMITS.bytes) {
    throw limitRefusal('attributes_too_large', '/attributes', `would take ${bytes} bytes as JSON; a member has at most ${ATTRIBUTE_LIMITS.bytes}`, {
      bytes,
      max_bytes: ATTRIBUTE_LIMITS.bytes,
    });
  }
  return merged;
}

/**
 * A channel given true or false records the answer and when it was given; the same answer again keeps the first
 * time, so updated_at says since when the member has held it. A channel set to null is forgotten (then it counts as
 * never answered, which notifications treat as not granted).
 */
export function mergeConsents(current: MemberConsents, patch: ConsentsPatch, now: Date): MemberConsents {
  const merged: MemberConsents = { ...current };
  for (const [channel, granted] of Object.entries(patch)) {
    if (granted === null) delete merged[channel];
    else if (merged[channel]?.granted !== granted) merged[channel] = { granted, updated_at: now.toISOString() };
  }
  const channels = Object.keys(merged).length;
  if (channels > CONSENT_LIMITS.channels) {
    throw limitRefusal('too_many_consents', '/consents', `would hold ${channels} channels; a member has at most ${CONSENT_LIMITS.channels}`, {
      channels,
      max_channels: CONSENT_LIMITS.channels,
    });
  }
  return merged;
}
