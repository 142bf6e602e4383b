import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { feedStart, readFeed, toEventJson, type FeedCursor } from '../../events/feed.ts';
import { EventSchema } from '../../events/schemas.ts';
import { EVENT_TYPES } from '../../events/types.ts';
import { DomainError, FieldError } from '../../errors.ts';
import { READ, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, problems } from '../schemas.ts';
import { Id } from '../../schemas/common.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

const TypesFilter = z
  .string()
  .max(2000)
  .transform((s, ctx) => {
    const types = [...new Set(s.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
    for (const type of types.filter((t) => !KNOWN_TYPES.has(t))) {
      ctx.addIssue({ code: 'custom', message: `"${type}" is not an event type; known types: ${EVENT_TYPES.join(', ')}` });
    }
    return types;
  })
  .optional()
  .describe(`Comma-separated event types to return (default: all): ${EVENT_TYPES.join(', ')}`);

const EventPageSchema = z
  .object({
    data: z.array(EventSchema),
    next_cursor: z.string().describe('Always present: pass it as ?cursor= for the next read, also when data is empty (keep polling from it)'),
    has_more: z.boolean().describe('More events are readable now: read again at once instead of waiting'),
  })
  .meta({ id: 'EventPage' });

/**
 * A cursor we issued: base64url JSON of the position, {x: transaction id, s: sequence} on one PostgreSQL, or
 * {c: "shard:xid:seq,..."} on a cluster (one position per shard); `parameter` names it in a 400.
 */
export function parseFeedCursor(cursor: string | undefined, cluster: boolean, parameter = 'cursor'): FeedCursor {
  if (cursor === undefined) return feedStart(cluster);
  if (!cluster) {
    const key = decodeCursor(cursor, ['x', 's'] as const, parameter)!;
    return { single: { xid: key.x, seq: Number(key.s) } };
  }
  const { c } = decodeCursor(cursor, ['c'] as const, parameter)!;
  const shards = Object.fromEntries(
    (c === '' ? [] : c.split(',')).map((part) => {
      const [shard, xid, seq] = part.split(':') as [string, string, string];
      return [shard, { xid, seq: Number(seq) }];
    }),
  );
  return { shards };
}

export const feedCursor = (cursor: FeedCursor) =>
  'single' in cursor
    ? encodeCursor({ x: cursor.single.xid, s: cursor.single.seq })
    : encodeCursor({ c: Object.entries(cursor.shards).map(([shard, p]) => `${shard}:${p.xid}:${p.seq}`).join(',') });

const FEED_DESCRIPTION = `Every state change (enrollment, profile and status changes, every ledger transaction, tier changes, and the notices of the time-driven rules) writes its event in the same database transaction as the change: an event exists exactly when its change committed, and a refused or replayed write has none.

**Reading.** Start without \`cursor\`, then always pass the previous answer's \`next_cursor\` as \`cursor\` (\`after\` is an older name for it). \`next_cursor\` is present on every answer, also an empty one: keep it and poll again later. While \`has_more\` is true more events are already readable; read again at once.

**Order and completeness.** Events come oldest first, in the order of the writing database transactions, and within one transaction in the order they were written. A reader that follows \`next_cursor\` never misses an event, even from transactions that commit out of order: an event is only returned once every transaction that started writing before it has finished, so no later commit can land behind a position the reader has passed. A long-running write transaction therefore delays the feed (events of transactions after it wait until it ends), but never makes it skip. \`timestamp\` is business time and is not guaranteed to increase along the feed.

**Delivery is at least once** for a consumer that restarts from an older cursor (it saved its cursor before processing the last page, or crashed in between): it gets those events again. Use the event \`id\` to drop duplicates.

**Retention.** Events are kept for the service's EVENTS_RETENTION_DAYS (30 by default). A cursor behind pruned events answers 410 \`cursor_expired\` instead of silently skipping them.

**On a Citus cluster** the cursor holds one position per shard of the events table, and each shard follows the rules above on its own: a member's events come in order, events of different members in no particular order between them.

A cursor belongs to its filters: keep \`types\` and \`member_id\` the same while following it (filtered-out events are skipped for good).`;

export const eventRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, cluster }) => {
  app.get(
    '/v1/events',
    {
      config: { access: READ },
      // The documented schema is not re-checked on the way out: one event the schema does not foresee (a type or field
      // added to the outbox first) must not stop every reader at it for good. The tests parse every event instead.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        operationId: 'listEvents',
        summary: "The program's event feed, oldest first, from a cursor",
        description: FEED_DESCRIPTION,
        tags: ['events'],
        security: bearerSecurity,
        querystring: z.object({
          cursor: z.string().max(12_000).optional().describe('next_cursor of the previous answer; omit to start at the first event'),
          after: z.string().max(12_000).optional().describe('The same as cursor (its older name); when both are given they must be equal'),
          types: TypesFilter,
          member_id: Id('mem', 'Member').optional().describe("Only this member's events"),
          limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Most events to return (1-1000)'),
        }),
        response: { 200: EventPageSchema, ...problems(...AUTH_PROBLEMS, 410) },
      },
    },
    async (request) => {
      const { cursor, after, types, member_id: memberId, limit } = request.query;
      if (cursor !== undefined && after !== undefined && cursor !== after) {
        throw new FieldError('/after', 'must equal cursor when both are given (after is another name for cursor)', 'query');
      }
      const programId = programOf(request);
      const position = cursor !== undefined ? parseFeedCursor(cursor, cluster, 'cursor') : parseFeedCursor(after, cluster, 'after');
      const page = await readFeed(db, programId, position, { limit, types, memberId });
      if (page.behind_retention) {
        throw new DomainError(
          'gone',
          'cursor_expired',
          'Events after this cursor were pruned (they are kept EVENTS_RETENTION_DAYS): the reader has missed some. Catch up from the ledger (GET /v1/members/{id}/transactions), then start again without a cursor.',
        );
      }
      return {
        data: page.events.map((event) => toEventJson(programId, event)) as z.infer<typeof EventSchema>[],
        next_cursor: feedCursor(page.next),
        has_more: page.has_more,
      };
    },
  );
};
