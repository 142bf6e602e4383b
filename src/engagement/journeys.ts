import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { NotFoundError, UnprocessableError } from '../errors.ts';
import { newId } from '../ids.ts';
import { InvalidRuleError, parseRule, rfmSegmentNames } from '../analytics/segment-rule.ts';
import { segmentNames, type RfmGrid } from '../analytics/rfm.ts';
import type { JOURNEY_REENTRY, JOURNEY_STATUSES, JourneyRecord, JourneyStep, JourneyTrigger } from '../schemas/journey.ts';

/**
 * Journeys (engagement.md "Journeys"): a trigger and a short list of steps. This module keeps the definitions and
 * the templates; src/engagement/journey-runs.ts runs members through them.
 */

export type Journey = z.infer<typeof JourneyRecord>;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];
export type JourneyReentry = (typeof JOURNEY_REENTRY)[number];

export interface JourneyInput {
  name: string;
  trigger: JourneyTrigger;
  steps: JourneyStep[];
  status?: JourneyStatus | undefined;
  reentry?: JourneyReentry | undefined;
}

export type JourneyPatch = Partial<JourneyInput>;

/** What validating a definition reads of the program's settings. */
export type JourneySettings = Pick<ProgramSettings, 'rfm'>;

interface JourneyRow {
  program_id: string;
  id: string;
  name: string;
  trigger: JourneyTrigger;
  steps: JourneyStep[];
  status: JourneyStatus;
  reentry: JourneyReentry;
  template: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toJourney(row: JourneyRow): Journey {
  return {
    id: row.id,
    name: row.name,
    trigger: row.trigger,
    steps: row.steps,
    status: row.status,
    reentry: row.reentry,
    template: row.template,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

interface Problem {
  pointer: string;
  message: string;
}

/**
 * Every problem of a definition at once, each with a pointer into the body: branches that go nowhere or backwards
 * (a condition's goto must move forward, so every run ends), rules the segment rule parser refuses, promotions the
 * program does not have, a birthday validity without a birthday trigger. Throws 422 invalid_journey.
 */
async function checkDefinition(db: Kysely<Database>, programId: string, settings: JourneySettings, trigger: JourneyTrigger, steps: JourneyStep[]): Promise<void> {
  const problems: Problem[] = [];
  const promotionSteps: { index: number; id: string }[] = [];
  const known = segmentNames(settings.rfm.grid as RfmGrid);
  steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    if (step.type === 'condition') {
      try {
        const rule = parseRule(step.rule, `${at}/rule`);
        for (const u of rfmSegmentNames(rule, `${at}/rule`)) {
          if (!known.includes(u.name)) problems.push({ pointer: u.pointer, message: `must be a segment of the program's RFM grid: ${known.join(', ')}` });
        }
      } catch (error) {
        if (!(error instanceof InvalidRuleError)) throw error;
        problems.push(...(error.extra.errors as Problem[]));
      }
      if (step.else !== 'exit') {
        const { goto } = step.else;
        if (goto <= i) problems.push({ pointer: `${at}/else/goto`, message: `must be a later step than ${i}: branches go forward, so every run ends` });
        else if (goto >= steps.length) problems.push({ pointer: `${at}/else/goto`, message: `must be a step of this journey (0 to ${steps.length - 1})` });
      }
    }
    if (step.type === 'wait') {
      if (step.duration === undefined && step.until_local_time === undefined) problems.push({ pointer: at, message: 'give duration, until_local_time or both' });
      if (step.duration !== undefined && Object.values(step.duration).every((v) => !v)) problems.push({ pointer: `${at}/duration`, message: 'must be longer than zero' });
      if (step.from === 'inactive_since' && trigger.event !== 'member.inactive') {
        problems.push({ pointer: `${at}/from`, message: 'inactive_since needs a member.inactive trigger' });
      }
    }
    if (step.type === 'issue_code') {
      promotionSteps.push({ index: i, id: step.promotion_id });
      const v = step.validity;
      if (v && v.until_days < v.from_days) problems.push({ pointer: `${at}/validity/until_days`, message: 'must not be before from_days' });
      if (v?.relative_to === 'birthday' && trigger.event !== 'member.birthday_upcoming') {
        problems.push({ pointer: `${at}/validity/relative_to`, message: 'birthday needs a member.birthday_upcoming trigger' });
      }
    }
  });
  if (trigger.event === 'member.segment_changed' && trigger.to !== undefined && !known.includes(trigger.to)) {
    problems.push({ pointer: '/trigger/to', message: `must be a segment of the program's RFM grid: ${known.join(', ')}` });
  }
  if (promotionSteps.length > 0) {
    const ids = [...new Set(promotionSteps.map((p) => p.id))];
    const { rows } = await sql<{ id: string }>`SELECT id FROM promotions WHERE program_id = ${programId} AND id = ANY(${ids}::text[])`.execute(db);
    const found = new Set(rows.map((r) => r.id));
    for (const p of promotionSteps) if (!found.has(p.id)) problems.push({ pointer: `/steps/${p.index}/promotion_id`, message: 'is not a promotion of this program' });
  }
  if (problems.length > 0) {
    throw new UnprocessableError('invalid_journey', `The journey is invalid: ${problems.map((p) => `${p.pointer.slice(1)} ${p.message}`).join('; ')}.`, {
      errors: problems.map((p) => ({ pointer: p.pointer, location: 'body', message: p.message })),
    });
  }
}

export async function createJourney(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  settings: JourneySettings,
  input: JourneyInput,
  template: string | null = null,
): Promise<Journey> {
  await checkDefinition(db, programId, settings, input.trigger, input.steps);
  const now = clock.now();
  const { rows } = await sql<JourneyRow>`
    INSERT INTO journeys (program_id, id, name, trigger, steps, status, reentry, template, created_at, updated_at)
    VALUES (${programId}, ${newId('journey')}, ${input.name}, ${JSON.stringify(input.trigger)}::jsonb, ${JSON.stringify(input.steps)}::jsonb,
            ${input.status ?? 'active'}, ${input.reentry ?? 'never'}, ${template}, ${now}, ${now})
    RETURNING *`.execute(db);
  return toJourney(rows[0]!);
}

/** The journey, or 404 journey_not_found. */
export async function getJourney(db: Kysely<Database>, programId: string, id: string): Promise<Journey> {
  const { rows } = await sql<JourneyRow>`SELECT * FROM journeys WHERE program_id = ${programId} AND id = ${id}`.execute(db);
  if (rows.length === 0) throw new NotFoundError('journey', id);
  return toJourney(rows[0]!);
}

/** The program's journeys, oldest first. */
export async function listJourneys(db: Kysely<Database>, programId: string, page: { limit: number; after?: string | undefined }): Promise<Journey[]> {
  const { rows } = await sql<JourneyRow>`SELECT * FROM journeys
    WHERE program_id = ${programId} AND (${page.after ?? null}::text IS NULL OR id > ${page.after ?? null})
    ORDER BY id LIMIT ${page.limit}`.execute(db);
  return rows.map(toJourney);
}

/** The program's active journeys, for the job. */
export async function activeJourneys(db: Kysely<Database>, programId: string): Promise<Journey[]> {
  const { rows } = await sql<JourneyRow>`SELECT * FROM journeys WHERE program_id = ${programId} AND status = 'active' ORDER BY id`.execute(db);
  return rows.map(toJourney);
}

/**
 * Changes what the patch names, checked as a whole. Runs under way keep their step index: a changed list of steps
 * applies to them from their current index on (a run past the new end completes).
 */
export async function updateJourney(db: Kysely<Database>, clock: Clock, programId: string, settings: JourneySettings, id: string, patch: JourneyPatch): Promise<Journey> {
  const current = await getJourney(db, programId, id);
  const trigger = patch.trigger ?? current.trigger;
  const steps = patch.steps ?? current.steps;
  if (patch.trigger !== undefined || patch.steps !== undefined) await checkDefinition(db, programId, settings, trigger, steps);
  const { rows } = await sql<JourneyRow>`
    UPDATE journeys SET
      name = coalesce(${patch.name ?? null}, name),
      trigger = ${JSON.stringify(trigger)}::jsonb,
      steps = ${JSON.stringify(steps)}::jsonb,
      status = coalesce(${patch.status ?? null}, status),
      reentry = coalesce(${patch.reentry ?? null}, reentry),
      updated_at = ${clock.now()}
    WHERE program_id = ${programId} AND id = ${id}
    RETURNING *`.execute(db);
  if (rows.length === 0) throw new NotFoundError('journey', id);
  return toJourney(rows[0]!);
}

// --- Templates ----------------------------------------------------------------------------------------------------

export interface TemplateOverrides {
  name?: string | undefined;
  status?: JourneyStatus | undefined;
  /** Promotions by the template's slot names (JOURNEY_TEMPLATES[].promotions). */
  promotions?: Record<string, string> | undefined;
  /** welcome: the points of its welcome bonus. */
  bonus_points?: number | undefined;
}

export interface JourneyTemplate {
  name: string;
  description: string;
  /** The promotion slots overrides.promotions must fill. */
  promotions: string[];
  build(o: TemplateOverrides): Omit<JourneyInput, 'status'>;
}

/** The slot's promotion; in the template listing, `<slot>` shows where it goes. */
const promo = (o: TemplateOverrides, slot: string) => o.promotions?.[slot] ?? `<${slot}>`;
const MORNING = '10:00';
const allChannels = ['push', 'sms', 'email'] as const;

/** Birthday variants by RFM segment, richest offer first; the last catches everyone else. */
const BIRTHDAY_VARIANTS = [
  { slot: 'champions', segments: ['Champions'] },
  { slot: 'loyal', segments: ['Loyal Customers', 'Potential Loyalist'] },
  { slot: 'at_risk', segments: ['At Risk', 'Cannot Lose Them', 'Need Attention', 'About to Sleep', 'Hibernating'] },
  { slot: 'others', segments: null },
] as const;

/** Win-back offers at 60 days, then 9, 12 and 15 months without a purchase, each larger than the one before. */
const WIN_BACK_STAGES = [
  { slot: 'd60', months: null },
  { slot: 'm9', months: 9 },
  { slot: 'm12', months: 12 },
  { slot: 'm15', months: 15 },
] as const;

export const JOURNEY_TEMPLATES: readonly JourneyTemplate[] = [
  {
    name: 'welcome',
    description:
      'member.enrolled: a welcome message and a welcome bonus (bonus_points, default 100) at once; three days later at 10:00, a member who has not bought yet gets a first-purchase code (promotion first_purchase, valid 14 days) and a nudge.',
    promotions: ['first_purchase'],
    build: (o) => ({
      name: o.name ?? 'Welcome series',
      trigger: { event: 'member.enrolled' },
      reentry: 'never',
      steps: [
        { type: 'notify', channels: [...allChannels], title: 'Welcome, {{first_name}}', body: 'Your card {{loyalty_id}} is ready: you earn points from your first purchase.' },
        { type: 'award_points', points: o.bonus_points ?? 100, reason: 'welcome' },
        { type: 'wait', duration: { days: 3 }, until_local_time: MORNING },
        { type: 'condition', rule: { purchase_count: { max: 0 } }, else: 'exit' },
        { type: 'issue_code', promotion_id: promo(o, 'first_purchase'), validity: { relative_to: 'step', from_days: 0, until_days: 14 } },
        { type: 'notify', channels: [...allChannels], title: 'A gift for your first purchase', body: 'Show code {{code}} at the till within two weeks.' },
      ],
    }),
  },
  {
    name: 'birthday',
    description:
      'member.birthday_upcoming: one of four offers by the RFM segment the rfm job last stored (champions; loyal: Loyal Customers and Potential Loyalist; at_risk: At Risk, Cannot Lose Them, Need Attention, About to Sleep, Hibernating; others), a code valid from 7 days before the birthday to the end of 7 days after it, and a message.',
    promotions: BIRTHDAY_VARIANTS.map((v) => v.slot),
    build: (o) => {
      const steps: JourneyStep[] = [];
      for (const variant of BIRTHDAY_VARIANTS) {
        const offer: JourneyStep[] = [
          { type: 'issue_code', promotion_id: promo(o, variant.slot), validity: { relative_to: 'birthday', from_days: -7, until_days: 7 } },
          { type: 'notify', channels: [...allChannels], title: 'Happy birthday, {{first_name}}!', body: 'Your birthday gift: code {{code}}, valid a week either side of {{birthday}}.' },
        ];
        if (variant.segments === null) steps.push(...offer);
        else {
          // condition, the offer, exit: the next variant starts 4 steps on.
          steps.push({ type: 'condition', rule: { rfm_segment: { in: [...variant.segments] } }, else: { goto: steps.length + 4 } }, ...offer, { type: 'exit' });
        }
      }
      return { name: o.name ?? 'Birthday offers', trigger: { event: 'member.birthday_upcoming' }, reentry: 'after_exit', steps };
    },
  },
  {
    name: 'win_back',
    description:
      'member.inactive at 60 days: a code (promotion d60) and a message; then at 9, 12 and 15 months without a purchase a growing offer each (m9, m12, m15), each code valid 30 days. The run stops when the member buys (exit reason purchase) or is marked lost (reason lost).',
    promotions: WIN_BACK_STAGES.map((s) => s.slot),
    build: (o) => {
      const steps: JourneyStep[] = [];
      for (const stage of WIN_BACK_STAGES) {
        if (stage.months !== null) steps.push({ type: 'wait', duration: { months: stage.months }, from: 'inactive_since' });
        steps.push(
          { type: 'issue_code', promotion_id: promo(o, stage.slot), validity: { relative_to: 'step', from_days: 0, until_days: 30 } },
          { type: 'notify', channels: [...allChannels], title: 'We miss you, {{first_name}}', body: 'Come back with code {{code}}: valid 30 days.' },
        );
      }
      return { name: o.name ?? 'Win-back', trigger: { event: 'member.inactive', milestone: '60d' }, reentry: 'after_exit', steps };
    },
  },
  {
    name: 'points_expiring',
    description:
      'points.expiring: a reminder that {{points}} points expire on {{expires_on}}; once the points have expired and can still be renewed (points.renewable starts the points_renewable template), the renewal offer.',
    promotions: [],
    build: (o) => ({
      name: o.name ?? 'Points expiring',
      trigger: { event: 'points.expiring' },
      reentry: 'after_exit',
      steps: [{ type: 'notify', channels: [...allChannels], title: 'Your points expire soon', body: '{{first_name}}, {{points}} points expire on {{expires_on}}. Spend them before then.' }],
    }),
  },
  {
    name: 'points_renewable',
    description: 'points.renewable: the renewal offer: {{points}} expired points can be restored (POST /v1/members/{id}/renewals) until {{renewable_until}}.',
    promotions: [],
    build: (o) => ({
      name: o.name ?? 'Renew expired points',
      trigger: { event: 'points.renewable' },
      reentry: 'after_exit',
      steps: [{ type: 'notify', channels: [...allChannels], title: 'Get your points back', body: '{{first_name}}, your {{points}} expired points can be renewed until {{renewable_until}}.' }],
    }),
  },
];

/** A journey made from a template with the overrides; promotion slots it leaves empty are 422 like any unknown promotion. */
export async function createFromTemplate(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  settings: JourneySettings,
  name: string,
  overrides: TemplateOverrides,
): Promise<Journey> {
  const template = JOURNEY_TEMPLATES.find((t) => t.name === name);
  if (!template) {
    throw new UnprocessableError('invalid_journey', `No journey template named ${name}.`, {
      errors: [{ pointer: '/template', location: 'body', message: `must be one of ${JOURNEY_TEMPLATES.map((t) => t.name).join(', ')}` }],
    });
  }
  const missing = template.promotions.filter((slot) => !overrides.promotions?.[slot]);
  if (missing.length > 0) {
    throw new UnprocessableError('invalid_journey', `The template ${name} needs promotions: ${missing.join(', ')}.`, {
      errors: missing.map((slot) => ({ pointer: `/overrides/promotions/${slot}`, location: 'body', message: 'is required by the template' })),
    });
  }
  return createJourney(db, clock, programId, settings, { ...template.build(overrides), status: overrides.status }, template.name);
}
