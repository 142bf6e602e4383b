import { z } from 'zod';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type RawBuilder } from 'kysely';
import { UnprocessableError } from '../errors.ts';
import { minorUnitDigits } from '../ledger/money.ts';
import { paidNet } from './paid.ts';
import { rfmMembersQuery, type RfmParams } from './rfm.ts';

/**
 * The segment rule language (analytics.md "Segments"): a small JSON tree
 *
 *   rule      = { "all": [rule, ...] } | { "any": [rule, ...] } | { "not": rule } | condition
 *   condition = { "branch": { "in": [...] } } | { "gender": { "in": [...] } } | { "source": { "in": [...] } }
 *             | { "tier": { "in": [...] } } | { "status": { "in": [...] } }
 *             | { "age": { "min"?, "max"? } }            whole years at as_of, in the program's time zone
 *             | { "total_spent": { "min"?, "max"? } }    net spend (paid, net of returns), minor units of home
 *             | { "balance": { "min"?, "max"? } }        available points at as_of
 *             | { "last_purchase": { "after"?, "before"? } }
 *             | { "purchase_count": { "min"?, "max"?, "within_days"? } }
 *             | { "attribute": { "key", "equals" | "in" | "min"? / "max"? } }   members.attributes; values typed
 *             | { "rfm_segment": { "in": [...] } }      the member's RFM segment (the grid's names or Lost)
 *
 * Ranges are inclusive at both ends; last_purchase.after is inclusive and before exclusive (like from / to elsewhere).
 * parseRule validates an untrusted value into the typed tree, reporting every problem with a JSON pointer into the
 * rule; compileRule turns the tree into one SQL boolean expression over a member row `m`, with every value bound.
 */

export const MAX_RULE_DEPTH = 8;
export const MAX_RULE_CONDITIONS = 100;

const Label = z.string().min(1).max(100);
const Labels = z.array(Label).min(1).max(100);
const MemberStatuses = z.array(z.enum(['pending', 'active', 'blocked', 'deactivated'])).min(1).max(4);
const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Signed = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const Instant = z.iso.datetime({ offset: true });
/** Attribute keys and values as members store them (src/schemas/member.ts). */
const AttributeKey = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be an attribute name: a lowercase letter, then at most 63 lowercase letters, digits or underscores');
const AttributeScalar = z.union([z.string().max(500), z.number(), z.boolean()]);

const range = <T extends z.ZodNumber>(n: T) =>
  z
    .object({ min: n.optional(), max: n.optional() })
    .strict()
    .superRefine((r, ctx) => {
      if (r.min === undefined && r.max === undefined) ctx.addIssue({ code: 'custom', message: 'give min, max or both' });
      else if (r.min !== undefined && r.max !== undefined && r.min > r.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `must not be more than max (${r.max})` });
    });

const inList = <T extends z.ZodType>(list: T) => z.object({ in: list }).strict();

/** Each condition's own schema; the key of the one-key object names the condition. */
export const CONDITION_SCHEMAS = {
  branch: inList(Labels),
  gender: inList(Labels),
  source: inList(Labels),
  tier: inList(Labels),
  rfm_segment: inList(Labels),
  status: inList(MemberStatuses),
  age: range(z.number().int().min(0).max(200)),
  total_spent: range(Count),
  balance: range(Signed),
  last_purchase: z
    .object({ after: Instant.optional(), before: Instant.optional() })
    .strict()
    .superRefine((r, ctx) => {
      if (r.after === undefined && r.before === undefined) ctx.addIssue({ code: 'custom', message: 'give after, before or both' });
      else if (r.after !== undefined && r.before !== undefined && Date.parse(r.after) >= Date.parse(r.before)) {
        ctx.addIssue({ code: 'custom', path: ['after'], message: 'must be before before' });
      }
    }),
  purchase_count: z
    .object({ min: Count.optional(), max: Count.optional(), within_days: z.number().int().min(1).max(3660).optional() })
    .strict()
    .superRefine((r, ctx) => {
      if (r.min === undefined && r.max === undefined) ctx.addIssue({ code: 'custom', message: 'give min, max or both' });
      else if (r.min !== undefined && r.max !== undefined && r.min > r.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `must not be more than max (${r.max})` });
    }),
  attribute: z
    .object({
      key: AttributeKey,
      equals: AttributeScalar.optional(),
      in: z.array(AttributeScalar).min(1).max(100).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .strict()
    .superRefine((r, ctx) => {
      const forms = [r.equals !== undefined, r.in !== undefined, r.min !== undefined || r.max !== undefined].filter(Boolean).length;
      if (forms !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of equals, in, or min / max' });
      else if (r.min !== undefined && r.max !== undefined && r.min > r.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `must not be more than max (${r.max})` });
    }),
} as const;

export type ConditionName = keyof typeof CONDITION_SCHEMAS;
export const CONDITION_NAMES = Object.keys(CONDITION_SCHEMAS) as ConditionName[];
export type Condition = { [K in ConditionName]: { [P in K]: z.output<(typeof CONDITION_SCHEMAS)[K]> } }[ConditionName];
export type Rule = { all: Rule[] } | { any: Rule[] } | { not: Rule } | Condition;

export interface RuleProblem {
  pointer: string;
  message: string;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** 422 invalid_rule, a pointer into the request body for each problem. */
export class InvalidRuleError extends UnprocessableError {
  constructor(problems: RuleProblem[]) {
    const errors = problems.map((p) => ({ pointer: p.pointer, location: 'body' as const, message: p.message }));
    super('invalid_rule', `The rule is invalid: ${errors.map((e) => `${e.pointer.slice(1)} ${e.message}`).join('; ')}.`, { errors });
  }
}

/**
 * The typed tree of an untrusted value, or InvalidRuleError naming every problem found (pointers start at `base`,
 * e.g. "/rule"). Depth counts the root as 1; conditions are counted over the whole tree.
 */
export function parseRule(value: unknown, base = '/rule'): Rule {
  const problems: RuleProblem[] = [];
  let conditions = 0;
  const walk = (node: unknown, pointer: string, depth: number): Rule | undefined => {
    if (depth > MAX_RULE_DEPTH) {
      problems.push({ pointer, message: `nests too deep: at most ${MAX_RULE_DEPTH} levels` });
      return undefined;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      problems.push({ pointer, message: 'must be an object: all, any, not or a condition' });
      return undefined;
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push({ pointer, message: `must have exactly one key (all, any, not or one of ${CONDITION_NAMES.join(', ')}); it has ${keys.length}` });
      return undefined;
    }
    const key = keys[0]!;
    const child = (node as Record<string, unknown>)[key];
    const at = `${pointer}/${escapePointer(key)}`;
    if (key === 'all' || key === 'any') {
      if (!Array.isArray(child) || child.length === 0 || child.length > MAX_RULE_CONDITIONS) {
        problems.push({ pointer: at, message: `must be an array of 1 to ${MAX_RULE_CONDITIONS} rules` });
        return undefined;
      }
      const items = child.map((c, i) => walk(c, `${at}/${i}`, depth + 1));
      return items.every((i) => i !== undefined) ? ({ [key]: items } as Rule) : undefined;
    }
    if (key === 'not') {
      const inner = walk(child, at, depth + 1);
      return inner === undefined ? undefined : { not: inner };
    }
    if (!(key in CONDITION_SCHEMAS)) {
      problems.push({ pointer: at, message: `is not all, any, not or a condition (${CONDITION_NAMES.join(', ')})` });
      return undefined;
    }
    conditions += 1;
    const parsed = CONDITION_SCHEMAS[key as ConditionName].safeParse(child);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keysOf = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
        for (const extra of keysOf) {
          const path = [...issue.path, ...(extra === undefined ? [] : [extra])].map((p) => escapePointer(String(p)));
          problems.push({ pointer: [at, ...path].join('/'), message: extra === undefined ? issue.message : 'is not a known field' });
        }
      }
      return undefined;
    }
    return { [key]: parsed.data } as Condition;
  };
  const rule = walk(value, base, 1);
  if (conditions > MAX_RULE_CONDITIONS) problems.push({ pointer: base, message: `has ${conditions} conditions; at most ${MAX_RULE_CONDITIONS}` });
  if (problems.length > 0 || rule === undefined) throw new InvalidRuleError(problems);
  return rule;
}

// ---- Compiling ---------------------------------------------------------------------------------------------------

/**
 * How values reach the SQL. Every value goes through a binder, never into the text:
 * - `boundValues` (reports): Kysely parameters, numbered by Kysely.
 * - `jsonValues` (a member's promotion facts, compiled once and run by ledger_promotion_facts on the member's worker):
 *   each value an element of one jsonb array parameter ($3), read back with a cast; $1 is the member, $2 the instant.
 */
export interface Binder {
  text(value: string): RawBuilder<string>;
  int(value: number): RawBuilder<number>;
  num(value: number): RawBuilder<number>;
  instant(value: string | Date): RawBuilder<Date>;
  json(value: unknown): RawBuilder<unknown>;
  /** `expr` is one of the listed texts. */
  oneOf(expr: RawBuilder<unknown>, values: readonly string[]): RawBuilder<boolean>;
  /** The instant the rule is evaluated at. */
  asOf: RawBuilder<Date>;
}

export function boundValues(asOf: Date): Binder {
  return {
    text: (v) => sql<string>`${v}::text`,
    int: (v) => sql<number>`${v}::bigint`,
    num: (v) => sql<number>`${String(v)}::numeric`,
    instant: (v) => sql<Date>`${typeof v === 'string' ? v : v.toISOString()}::timestamptz`,
    json: (v) => sql`${JSON.stringify(v)}::jsonb`,
    oneOf: (expr, values) => sql<boolean>`${expr} = ANY(${[...values]}::text[])`,
    asOf: sql<Date>`${asOf.toISOString()}::timestamptz`,
  };
}

/** The binder for ledger_promotion_facts; `values` collects what the jsonb parameter must carry, in order. */
export function jsonValues(values: unknown[]): Binder {
  const slot = (v: unknown) => {
    values.push(v);
    return values.length - 1;
  };
  return {
    text: (v) => sql<string>`($3->>${sql.raw(String(slot(v)))})`,
    int: (v) => sql<number>`($3->>${sql.raw(String(slot(v)))})::bigint`,
    num: (v) => sql<number>`($3->>${sql.raw(String(slot(v)))})::numeric`,
    instant: (v) => sql<Date>`($3->>${sql.raw(String(slot(typeof v === 'string' ? v : v.toISOString())))})::timestamptz`,
    json: (v) => sql`($3->${sql.raw(String(slot(v)))})`,
    oneOf: (expr, v) => sql<boolean>`${expr} IN (SELECT jsonb_array_elements_text($3->${sql.raw(String(slot([...v])))}))`,
    asOf: sql<Date>`$2::timestamptz`,
  };
}

/** What the rule's conditions need to know about the program. */
export interface RuleContext {
  timezone: string;
  homeCurrency: string;
  /** The tier of members with no tier change recorded (the first tier of the settings). */
  entryTier: string | null;
  /**
   * Where rfm_segment reads the member's RFM segment:
   * - RfmParams (reports): computed as of the rule's instant with rfmMembersQuery, over the whole program (the
   *   scores are quintiles of the population); o.asOf must be the binder's instant.
   * - 'stored' (a purchase's promotion facts): the segment the rfm job last published in member_rfm, a row on the
   *   member's own shard. Program-wide scoring inside a purchase would cost a scan of the program per purchase and
   *   cannot run on the member's worker of a cluster; the stored segment is as fresh as the job's last run.
   * Absent: a rule with rfm_segment is a programming error here.
   */
  rfm?: RfmParams | 'stored' | undefined;
}

/** Currencies whose minor unit is not 2 digits (ICU's ISO 4217 data): purchases in them scale differently. */
let oddDigits: Record<string, number> | undefined;
function currencyDigits(): Record<string, number> {
  if (!oddDigits) {
    oddDigits = {};
    for (const c of Intl.supportedValuesOf('currency')) {
      const d = minorUnitDigits(c);
      if (d !== 2) oddDigits[c] = d;
    }
  }
  return oddDigits;
}

/**
 * The member figures the conditions and stats read, as of the binder's instant. "As of T" is what had been recorded
 * by T: purchases created by T, returns and ledger entries whose transaction was recorded by T, tier and status
 * changes recorded (occurred) by T. Every subquery is on the member's own rows (member_id = m.id): one shard on a
 * cluster.
 */
export function memberFigures(b: Binder, ctx: RuleContext) {
  const T = b.asOf;
  // What a purchase's returns recorded by T took back (list-price minor units).
  const returned = sql`coalesce((SELECT sum((r.data->>'amount')::bigint) FROM ledger_transactions r
                                  WHERE r.member_id = p.member_id AND r.type = 'return' AND r.ref_id = p.id
                                    AND r.recorded_at <= ${T}), 0)`;
  // The purchase's amount less its returns: > 0 while it is not fully returned (it counts as a purchase).
  const net = sql<number>`(p.amount - ${returned})`;
  // What the customer paid net of the returned share (src/analytics/paid.ts): the revenue every report counts.
  const paid = paidNet({ amount: sql`p.amount`, discount: sql`p.discount`, returned });
  const recorded = sql`p.member_id = m.id AND p.program_id = m.program_id AND p.created_at <= ${T}`;
  const home = b.text(ctx.homeCurrency);
  // Home-currency value of what was paid net of returns, exact (numeric): the FX rate in force at the purchase's
  // time, scaled between the two currencies' minor units. NULL when no rate was in force: such a purchase is left out.
  const homeNet = sql<string>`CASE WHEN p.currency = ${home} THEN ${paid}
    ELSE ${paid} * (SELECT f.rate FROM fx_rates f WHERE f.program_id = m.program_id AND f.currency = p.currency
                     AND f.effective_from <= p.occurred_at AND f.created_at <= ${T} ORDER BY f.effective_from DESC LIMIT 1)
         * power(10::numeric, coalesce((${b.json(currencyDigits())}->>${home})::int, 2)
                              - coalesce((${b.json(currencyDigits())}->>p.currency)::int, 2)) END`;
  return {
    /** Exact net spend (paid net of returns, src/analytics/paid.ts) in the home currency (numeric). */
    spentExact: sql<string>`coalesce((SELECT sum(${homeNet}) FROM purchases p WHERE ${recorded}), 0)`,
    /** Purchases recorded by T and not fully returned by then. */
    purchases: sql<number>`(SELECT count(*) FROM purchases p WHERE ${recorded} AND ${net} > 0)`,
    purchasesWithin: (days: number) =>
      sql<number>`(SELECT count(*) FROM purchases p WHERE ${recorded} AND ${net} > 0
                     AND p.occurred_at > ${T} - make_interval(days => ${b.int(days)}::int) AND p.occurred_at <= ${T})`,
    lastPurchase: sql<Date | null>`(SELECT max(p.occurred_at) FROM purchases p WHERE ${recorded})`,
    balance: sql<number>`coalesce((SELECT sum(e.amount) FROM ledger_entries e
                                     JOIN ledger_transactions t ON t.member_id = e.member_id AND t.id = e.txn_id
                                    WHERE e.member_id = m.id AND e.account = 'available' AND t.recorded_at <= ${T}), 0)`,
    tier: sql<string | null>`coalesce((SELECT tc.to_tier FROM tier_changes tc WHERE tc.member_id = m.id AND tc.recorded_at <= ${T}
                                        ORDER BY tc.recorded_at DESC, tc.id DESC LIMIT 1), ${ctx.entryTier === null ? sql`NULL::text` : b.text(ctx.entryTier)})`,
    // The last change by T; before the first change, the state it changed from: an enrollment pending verification
    // (the first change is the activation) or active; with no change at all, the member's status.
    status: sql<string>`coalesce(
      (SELECT s.status FROM member_status_changes s WHERE s.member_id = m.id AND s.occurred_at <= ${T} ORDER BY s.occurred_at DESC, s.id DESC LIMIT 1),
      (SELECT CASE WHEN s.status = 'active' THEN 'pending' ELSE 'active' END FROM member_status_changes s
        WHERE s.member_id = m.id AND s.occurred_at > ${T} ORDER BY s.occurred_at, s.id LIMIT 1),
      m.status)`,
    /** The program's local date at T. */
    today: sql<string>`(${T} AT TIME ZONE ${b.text(ctx.timezone)})::date`,
  };
}

/** The rule as one SQL boolean over the member row `m`, every value bound through `b`. */
export function compileRule(rule: Rule, b: Binder, ctx: RuleContext): RawBuilder<boolean> {
  const f = memberFigures(b, ctx);
  const between = (expr: RawBuilder<unknown>, r: { min?: number | undefined; max?: number | undefined }) => {
    const parts: RawBuilder<boolean>[] = [];
    if (r.min !== undefined) parts.push(sql<boolean>`${expr} >= ${b.int(r.min)}`);
    if (r.max !== undefined) parts.push(sql<boolean>`${expr} <= ${b.int(r.max)}`);
    return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
  };
  const walk = (node: Rule): RawBuilder<boolean> => {
    if ('all' in node) return sql<boolean>`(${sql.join(node.all.map(walk), sql` AND `)})`;
    if ('any' in node) return sql<boolean>`(${sql.join(node.any.map(walk), sql` OR `)})`;
    // NOT of a condition on a missing value (no birth date) is true: "not aged 18-30" includes those of unknown age.
    if ('not' in node) return sql<boolean>`(${walk(node.not)}) IS NOT TRUE`;
    if ('branch' in node) return b.oneOf(sql`m.branch`, node.branch.in);
    if ('gender' in node) return b.oneOf(sql`m.gender`, node.gender.in);
    if ('source' in node) return b.oneOf(sql`m.source`, node.source.in);
    if ('tier' in node) return b.oneOf(f.tier, node.tier.in);
    if ('rfm_segment' in node) {
      if (ctx.rfm === 'stored') {
        return b.oneOf(sql`(SELECT mr.segment FROM member_rfm mr WHERE mr.member_id = m.id AND mr.program_id = m.program_id)`, node.rfm_segment.in);
      }
      if (ctx.rfm === undefined) throw new Error('a rule with rfm_segment needs the RFM parameters (RuleContext.rfm)');
      // Uncorrelated: the program's RFM is computed once per condition, not per member. NOT of it is false for
      // members with no segment (IN is never NULL here), so "not Lost" includes the unscored.
      return sql<boolean>`m.id IN (SELECT rfm.member_id FROM (${rfmMembersQuery(ctx.rfm)}) rfm WHERE ${b.oneOf(sql`rfm.segment`, node.rfm_segment.in)})`;
    }
    if ('status' in node) return b.oneOf(f.status, node.status.in);
    if ('age' in node) {
      // Whole years on the local date: at least n means born on or before that date n years earlier; at most n means
      // born after it n + 1 years earlier (members.ts listMembers does the same; 29 February counts from 28 February).
      const parts: RawBuilder<boolean>[] = [];
      if (node.age.min !== undefined) parts.push(sql<boolean>`m.birth_date <= (${f.today} - make_interval(years => ${b.int(node.age.min)}::int))::date`);
      if (node.age.max !== undefined) parts.push(sql<boolean>`m.birth_date > (${f.today} - make_interval(years => ${b.int(node.age.max + 1)}::int))::date`);
      return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
    }
    if ('total_spent' in node) return between(sql`floor(${f.spentExact})`, node.total_spent);
    if ('balance' in node) return between(f.balance, node.balance);
    if ('last_purchase' in node) {
      const parts: RawBuilder<boolean>[] = [];
      if (node.last_purchase.after !== undefined) parts.push(sql<boolean>`${f.lastPurchase} >= ${b.instant(node.last_purchase.after)}`);
      if (node.last_purchase.before !== undefined) parts.push(sql<boolean>`${f.lastPurchase} < ${b.instant(node.last_purchase.before)}`);
      return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
    }
    if ('attribute' in node) {
      // Typed as stored: the string "2" is not the number 2. A range reads numbers only; a missing key never matches.
      const a = node.attribute;
      const value = sql`m.attributes -> ${b.text(a.key)}`;
      if (a.equals !== undefined) return sql<boolean>`${value} = ${b.json(a.equals)}`;
      if (a.in !== undefined) return sql<boolean>`${b.json(a.in)} @> jsonb_build_array(${value})`;
      const parts: RawBuilder<boolean>[] = [sql<boolean>`jsonb_typeof(${value}) = 'number'`];
      if (a.min !== undefined) parts.push(sql<boolean>`(${value})::numeric >= ${b.num(a.min)}`);
      if (a.max !== undefined) parts.push(sql<boolean>`(${value})::numeric <= ${b.num(a.max)}`);
      // CASE keeps the cast from running on a non-number (AND does not promise an order).
      return sql<boolean>`CASE WHEN ${parts[0]!} THEN (${sql.join(parts.slice(1), sql` AND `)}) END`;
    }
    const pc = node.purchase_count;
    return between(pc.within_days === undefined ? f.purchases : f.purchasesWithin(pc.within_days), pc);
  };
  return walk(rule);
}

/** Each RFM segment name a rule's rfm_segment conditions name, with a pointer to it (base as parseRule's). */
export function rfmSegmentNames(rule: Rule, base = '/rule'): { pointer: string; name: string }[] {
  if ('all' in rule) return rule.all.flatMap((r, i) => rfmSegmentNames(r, `${base}/all/${i}`));
  if ('any' in rule) return rule.any.flatMap((r, i) => rfmSegmentNames(r, `${base}/any/${i}`));
  if ('not' in rule) return rfmSegmentNames(rule.not, `${base}/not`);
  if ('rfm_segment' in rule) return rule.rfm_segment.in.map((name, i) => ({ pointer: `${base}/rfm_segment/in/${i}`, name }));
  return [];
}

/** The conditions a rule uses (for documentation and tests). */
export function ruleConditions(rule: Rule): ConditionName[] {
  if ('all' in rule) return rule.all.flatMap(ruleConditions);
  if ('any' in rule) return rule.any.flatMap(ruleConditions);
  if ('not' in rule) return ruleConditions(rule.not);
  return [Object.keys(rule)[0] as ConditionName];
}

/** Kysely without a database: only turns SQL builders into text. */
const compiler = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** A builder's text and parameters, for a caller that holds a plain pg client rather than a Kysely instance. */
export function compiledQuery(expr: RawBuilder<unknown>): { sql: string; parameters: readonly unknown[] } {
  const compiled = expr.compile(compiler);
  return { sql: compiled.sql, parameters: compiled.parameters };
}

/**
 * An expression built with `jsonValues` as text, with the values it reads from $3. Its text holds no value of the
 * rule: only our own SQL and $1 (the member), $2 (the instant) and $3->n (the nth value); a builder that bound a
 * parameter anyway (a Kysely value) is a bug, refused here.
 */
export function toParameterisedText(expr: RawBuilder<unknown>, values: unknown[]): { sql: string; values: unknown[] } {
  const compiled = expr.compile(compiler);
  if (compiled.parameters.length > 0) throw new Error('a segment predicate for the facts read must read its values from $3, not bind them');
  return { sql: compiled.sql, values };
}
