import type { Scenario } from '../scenario.ts';
import { randomItem } from '../scenario.ts';

/** GET /v1/members/{id} over the seeded members: the key lookup plus one primary-key read. */
export const memberCard: Scenario = {
  name: 'member-card',
  description: 'GET /v1/members/{id} of a random seeded member (read key)',
  reference: {
    // A read by primary key is as cheap as a request that touches the database gets; the ceiling is the framework.
    label: 'Fastify hello-world on 2 vCPU (ceiling, no database)',
    throughput: [23_000, 55_000],
  },
  setup(context) {
    return () => ({ method: 'GET', path: `/v1/members/${randomItem(context.memberIds)}`, key: context.keys.read });
  },
};
