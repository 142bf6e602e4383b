import type { Scenario } from '../scenario.ts';
import { uniqueSequence } from '../scenario.ts';

/** POST /v1/members with a fresh external_ref every time: an authenticated lookup of the key plus one INSERT. */
export const enrollMember: Scenario = {
  name: 'enroll-member',
  description: 'POST /v1/members, unique external_ref per request (pos key)',
  reference: {
    // Closest row: one INSERT per request, but no CTE; the key lookup is a second round trip.
    label: 'node-postgres, one CTE as a named prepared statement, 32 in flight',
    throughput: [4_500, 8_000],
    p99Ms: [10, 20],
  },
  setup(context) {
    const nextRef = uniqueSequence(`bench-${context.runId}`);
    return () => ({
      method: 'POST',
      path: '/v1/members',
      key: context.keys.pos,
      body: { external_ref: nextRef(), name: 'Bench Member', phone: '+994501234567', branch: 'bench' },
    });
  },
};
