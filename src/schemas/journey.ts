import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { MEMBER_EVENT_TYPE } from './engagement.ts';
import { NOTIFICATION_CHANNELS } from './notification.ts';

/** Journeys (engagement.md "Journeys"): the shapes of the API and of the journey.step_completed event. */

export const JOURNEY_STATUSES = ['active', 'paused'] as const;
export const JOURNEY_REENTRY = ['never', 'after_exit'] as const;
export const RUN_STATUSES = ['active', 'completed', 'exited'] as const;
export const EXIT_REASONS = ['exit_step', 'condition', 'purchase', 'lost'] as const;
/** A notify step's channels: the notifications' own. */
export const NOTIFY_CHANNELS = NOTIFICATION_CHANNELS;
export const MAX_STEPS = 50;

const Milestone = z.string().regex(/^\d+[dmy]$/).describe('A win-back milestone key: 60d, 9m, 3y...');

/** What starts a run; each maps to the event type of src/events/schemas.ts named in its description. */
export const JourneyTrigger = z
  .discriminatedUnion('event', [
    z.object({ event: z.literal('member.enrolled').describe('member.enrolled') }).strict(),
    z.object({ event: z.literal('purchase.first').describe("The member's first purchase (points.earned of type earn with one purchase recorded)") }).strict(),
    z.object({ event: z.literal('member.birthday_upcoming').describe('member.birthday_upcoming') }).strict(),
    z
      .object({ event: z.literal('member.inactive').describe('member.inactive'), milestone: Milestone.optional().describe('Only this milestone; default: every milestone but the one marking the member lost') })
      .strict(),
    z.object({ event: z.literal('tier.changed').describe('tier.changed'), to: z.string().min(1).max(100).optional().describe('Only a change to this tier') }).strict(),
    z.object({ event: z.literal('points.expiring').describe('points.expiring') }).strict(),
    z.object({ event: z.literal('points.renewable').describe('points.renewable') }).strict(),
    z
      .object({ event: z.literal('member.segment_changed').describe('member.segment_changed'), to: z.string().min(1).max(100).optional().describe('Only entering this RFM segment') })
      .strict(),
    z
      .object({
        event: z.literal('member.custom_event').describe('member.custom_event'),
        type: z.string().regex(MEMBER_EVENT_TYPE).max(100).describe('The custom event type (wishlist.price_drop, cart.abandoned...)'),
      })
      .strict(),
  ])
  .meta({ id: 'JourneyTrigger', description: 'The event that starts a run for its member' });
export type JourneyTrigger = z.output<typeof JourneyTrigger>;
export const TRIGGER_EVENTS = JourneyTrigger.options.map((o) => o.shape.event.value);

const Duration = z
  .object({
    months: z.number().int().min(0).max(60).optional(),
    days: z.number().int().min(0).max(3660).optional(),
    hours: z.number().int().min(0).max(24 * 366).optional(),
    minutes: z.number().int().min(0).max(60 * 24 * 31).optional(),
  })
  .strict()
  .describe('Calendar months (program time zone), then days, hours and minutes');

export const JourneyStep = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('wait'),
        duration: Duration.optional().describe('Wait this long'),
        until_local_time: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
          .optional()
          .describe("Wait until the next HH:MM in the program's time zone (after the duration, when both are given)"),
        from: z
          .enum(['step', 'inactive_since'])
          .optional()
          .describe('What the duration counts from: the step (default), or the inactive_since of a member.inactive trigger (the win-back cascade)'),
      })
      .strict(),
    z
      .object({
        type: z.literal('condition'),
        rule: z.unknown().describe('A segment rule (POST /v1/segments) evaluated on the member when the step runs; rfm_segment is the segment the rfm job last stored'),
        else: z
          .union([z.literal('exit'), z.object({ goto: z.number().int().min(0) }).strict()])
          .describe('When the rule is false: exit the run, or go to a later step (branches into variants); when true the run goes on to the next step'),
      })
      .strict(),
    z
      .object({
        type: z.literal('issue_code'),
        promotion_id: Id('prm', 'Promotion'),
        validity: z
          .object({
            relative_to: z.enum(['step', 'birthday']).describe("step: the instant the step runs; birthday: local midnight of the trigger's birthday (member.birthday_upcoming)"),
            from_days: z.number().int().min(-366).max(366),
            until_days: z.number().int().min(-366).max(366).describe('Valid to the end of this day (relative_to birthday) or this many days after the step'),
          })
          .strict()
          .optional()
          .describe('Default: valid from the step for 30 days'),
      })
      .strict(),
    z.object({ type: z.literal('award_points'), points: z.number().int().min(1).max(1_000_000_000), reason: z.string().trim().min(1).max(200) }).strict(),
    z
      .object({
        type: z.literal('notify'),
        channels: z.array(z.enum(NOTIFY_CHANNELS)).min(1).max(3).describe('Sent on each channel the member consented to (members.consents)'),
        title: z.string().min(1).max(200).describe('{{first_name}}, {{name}}, {{loyalty_id}}, {{code}} (the run\'s last issued code) and {{points}} are filled'),
        body: z.string().min(1).max(2000),
        data: z.record(z.string(), z.unknown()).optional().describe('Passed on as given'),
      })
      .strict(),
    z.object({ type: z.literal('exit') }).strict(),
  ])
  .meta({ id: 'JourneyStep', description: 'One step of a journey' });
export type JourneyStep = z.output<typeof JourneyStep>;

export const JourneyRecord = z.object({
  id: Id('jny', 'Journey'),
  name: z.string(),
  trigger: JourneyTrigger,
  steps: z.array(JourneyStep),
  status: z.enum(JOURNEY_STATUSES).describe('A paused journey starts no run and advances none'),
  reentry: z.enum(JOURNEY_REENTRY).describe('never: one run per member ever; after_exit: a later trigger starts a new run once the last ended'),
  template: z.string().nullable().describe('The template it was made from'),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const StepCompletedData = z.object({
  journey_id: Id('jny', 'Journey'),
  run_id: Id('jrn', 'Journey run'),
  step: z.number().int().min(0).describe('The index of the step in the journey'),
  step_type: z.enum(['wait', 'condition', 'issue_code', 'award_points', 'notify', 'exit']),
  outcome: z
    .enum(['waited', 'true', 'false', 'issued', 'awarded', 'dispatched', 'skipped', 'exited'])
    .describe('skipped: a notify no channel of which the member consented to'),
  next_step: z.number().int().nullable().describe('The step the run goes on to; null when the run ended with this step'),
  run_status: z.enum(RUN_STATUSES),
  code: z.string().optional().describe('issue_code: the code issued'),
  points: z.number().int().optional().describe('award_points: the points credited'),
  channels: z.array(z.enum(NOTIFY_CHANNELS)).optional().describe('notify: the channels dispatched'),
});
