/**
 * The bench's scenarios, run one after another in this order (`npm run bench -- --scenario NAME` picks some).
 *
 * To add one:
 *   1. Create bench/scenarios/<name>.ts exporting a `Scenario` (see ../scenario.ts): a kebab-case `name`, a one-line
 *      `description`, the `reference` row of shared/design/ledger.md's speed table it should be compared with (the
 *      report prints the measured figures as a ratio of it), and `setup(context)`.
 *   2. `setup` runs once before the load with the program's keys, the seeded member ids and a SQL pool. Do slow
 *      preparation there (e.g. give members points in bulk with SQL or a few HTTP calls), then return a function that
 *      builds the next request. That function runs for every request, so keep it cheap and keep its state in the
 *      closure; use `uniqueSequence` for Idempotency-Key / receipt_id values and `randomItem` to spread over members.
 *      A mixed workload picks among several request kinds inside that function (e.g. 70 % earn, 25 % redeem, 5 % read).
 *   3. To compare it with another scenario of the same run (e.g. a purchase with promotions against a plain one), give
 *      it a `baseline`: selecting it then runs the baseline too, and the report prints the cost ratio.
 *   4. Append it to SCENARIOS below. Any non-2xx answer counts as an error and fails `npm run bench:gate`, so a
 *      scenario must only send requests that should succeed (e.g. never redeem more than setup granted).
 */
import type { Scenario } from '../scenario.ts';
import { enrollMember } from './enroll-member.ts';
import { memberCard } from './member-card.ts';
import { balance, earn, mixed, redeem } from './ledger.ts';
import { authFlood } from './auth-flood.ts';
import { analytics } from './analytics.ts';
import { earnAtScale } from './earn-at-scale.ts';
import { notifications } from './notifications.ts';
import { purchasePlain, purchasePromotions, purchasePromotionsStacked } from './purchases.ts';

export const SCENARIOS: readonly Scenario[] = [enrollMember, memberCard, earn, purchasePlain, purchasePromotions, redeem, balance, mixed];

/**
 * Run only when named with --scenario: each takes well over one scenario's time (analytics seeds a million members,
 * notifications a hundred thousand and sends to them).
 */
export const OPTIONAL_SCENARIOS: readonly Scenario[] = [authFlood, purchasePromotionsStacked, analytics, notifications, earnAtScale];
