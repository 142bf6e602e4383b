import { describe, expect, it } from 'vitest';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, DummyDriver } from 'kysely';
import { boundValues, compileRule, jsonValues, parseRule, toParameterisedText, InvalidRuleError, type Rule } from '../../src/analytics/segment-rule.ts';

// The rule compiler never puts a value of the rule into the SQL text: reports bind them as parameters, the facts read
// carries them in one jsonb array. Hostile values and attribute-like keys stay data.

const HOSTILE = "Baku'); DROP TABLE members; --";
const ctx = { timezone: "Asia/Baku'--", homeCurrency: 'AZN', entryTier: "bronze'" };
const rule: Rule = parseRule({
  all: [
    { branch: { in: [HOSTILE] } },
    { tier: { in: ['gold'] } },
    { age: { min: 18, max: 30 } },
    { last_purchase: { after: '2026-01-01T00:00:00Z' } },
    { not: { purchase_count: { min: 2, within_days: 30 } } },
    { attribute: { key: 'favourite_drink', in: ['DROP TABLE'] } },
  ],
});

const db = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('compileRule', () => {
  it('binds every value as a parameter for reports', () => {
    const compiled = compileRule(rule, boundValues(new Date('2026-03-01T00:00:00Z')), ctx).compile(db);
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.sql).not.toContain('Baku');
    expect(compiled.sql).not.toContain('bronze');
    expect(compiled.sql).not.toContain('2026');
    expect(compiled.parameters).toContainEqual([HOSTILE]);
    expect(compiled.parameters).toContain("Asia/Baku'--");
    expect(compiled.parameters).toContain("bronze'");
  });

  it('reads every value from the jsonb array for the facts read, binding nothing', () => {
    const values: unknown[] = [];
    const { sql, values: carried } = toParameterisedText(compileRule(rule, jsonValues(values), ctx), values);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('Baku');
    expect(sql).not.toContain('gold');
    expect(sql).not.toContain('favourite_drink');
    expect(carried).toContain('favourite_drink');
    expect(sql).not.toMatch(/\$[4-9]/);
    expect(carried).toContainEqual([HOSTILE]);
    expect(carried).toContain(18);
    expect(carried).toContain(31); // age max 30: born after the local date 31 years back
    expect(carried).toContain('2026-01-01T00:00:00Z');
  });
});

describe('rfm_segment', () => {
  const rfmRule = parseRule({ any: [{ rfm_segment: { in: [HOSTILE] } }, { branch: { in: ['Ganja'] } }] });
  const grid = Object.fromEntries(['1', '2', '3', '4', '5'].map((r) => [r, Object.fromEntries(['1', '2', '3', '4', '5'].map((fm) => [fm, 'Cell']))]));

  it("reads the stored segment (member_rfm) in the facts read, the names from the jsonb array", () => {
    const values: unknown[] = [];
    const { sql } = toParameterisedText(compileRule(rfmRule, jsonValues(values), { ...ctx, rfm: 'stored' }), values);
    expect(sql).toContain('member_rfm mr WHERE mr.member_id = m.id');
    expect(sql).not.toContain('DROP');
    expect(values).toContainEqual([HOSTILE]);
  });

  it('computes the program\'s RFM as of the instant for reports, the names bound', () => {
    const asOf = new Date('2026-03-01T00:00:00Z');
    const rfm = { programId: 'prg_x', asOf, timezone: 'Asia/Baku', homeCurrency: 'AZN', lookbackMonths: 36, monetary: 'total' as const, lostAfterMonths: 36, grid: grid as never };
    const compiled = compileRule(rfmRule, boundValues(asOf), { ...ctx, rfm }).compile(db);
    expect(compiled.sql).not.toContain('member_rfm');
    expect(compiled.sql).toContain('m.id IN (SELECT rfm.member_id');
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.parameters).toContainEqual([HOSTILE]);
  });

  it('is a programming error without the RFM context', () => {
    expect(() => compileRule(rfmRule, boundValues(new Date()), ctx)).toThrow(/RFM parameters/);
  });
});

describe('parseRule', () => {
  it('gives the typed tree back, and every problem with a pointer', () => {
    expect(parseRule({ any: [{ gender: { in: ['female'] } }] })).toEqual({ any: [{ gender: { in: ['female'] } }] });
    try {
      parseRule({ all: [{ age: { min: 'x' } }, { nope: 1 }, { balance: { min: 5, max: 4 } }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRuleError);
      const errors = (error as InvalidRuleError).extra['errors'] as { pointer: string }[];
      expect(errors.map((e) => e.pointer)).toEqual(['/rule/all/0/age/min', '/rule/all/1/nope', '/rule/all/2/balance/min']);
    }
  });
});
