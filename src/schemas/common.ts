import { z } from 'zod';

/**
 * Building blocks of the API's resources, shared by the HTTP routes and the event schemas (src/events). They
 * belong to the domain, not to the transport: nothing here knows about requests, responses or problems.
 * The OpenAPI document lists components in the order their .meta({ id }) runs (module evaluation order), so moving a
 * registered schema between files can reorder openapi/openapi.json: check it with `npm run openapi`.
 */

export const Id = (prefix: string, what: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .describe(`${what} id (TypeID with prefix ${prefix}_)`)
    .meta({ examples: [`${prefix}_01jdq3v7f8e9t0sw2p1x5m3k4z`] });

export const Timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 timestamp');
