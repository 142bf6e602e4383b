import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/database.ts';

/**
 * Lints every PL/pgSQL function of ours with plpgsql_check, which compiles each body against the real schema: a
 * misspelt column, a wrong argument count or type, a missing table or an assignment that cannot work fails here
 * instead of at the first call in production. Only errors fail the test; warnings are not checked.
 *
 * The extension is a server package (Debian: postgresql-15-plpgsql-check, which .ci/run installs on the system
 * PostgreSQL). The embedded PostgreSQL the tests start by default and the testcontainers image do not have it: there
 * the test is skipped with a note saying so.
 */

const SKIP_NOTE =
  'plpgsql_check is not installed on this PostgreSQL (embedded default): PL/pgSQL lint skipped; .ci/run installs postgresql-15-plpgsql-check';

/** Fewer than this means discovery broke (wrong schema, language or filter), not that the code shrank. */
const MIN_FUNCTIONS = 40;

interface Target {
  oid: number;
  signature: string;
  isTrigger: boolean;
  /** For a trigger function: the table of one of its triggers (its NEW/OLD row type); null otherwise. */
  relid: number | null;
  relation: string | null;
}

interface Finding {
  target: string;
  lineno: number | null;
  message: string;
  detail: string | null;
  hint: string | null;
  query: string | null;
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let client: pg.Client;
let available = false;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{ available: boolean }>(
    `SELECT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'plpgsql_check') AS available`,
  );
  available = rows[0]!.available;
  if (available) await client.query('CREATE EXTENSION IF NOT EXISTS plpgsql_check');
  else console.warn(SKIP_NOTE);
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

/**
 * Our PL/pgSQL functions: in schema public, not owned by an extension. A trigger function is checked once per table
 * it is attached to (plpgsql_check needs the table for NEW and OLD); one attached to none comes back with relid null.
 */
async function targets(): Promise<{ functions: number; targets: Target[] }> {
  const { rows } = await client.query<Target>(
    `SELECT p.oid::int AS oid,
            p.oid::regprocedure::text AS signature,
            p.prorettype = 'trigger'::regtype AS "isTrigger",
            t.tgrelid::int AS relid,
            t.tgrelid::regclass::text AS relation
       FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace
       JOIN pg_language l ON l.oid = p.prolang
       LEFT JOIN LATERAL (
         SELECT DISTINCT tgrelid FROM pg_trigger WHERE tgfoid = p.oid AND NOT tgisinternal
       ) t ON p.prorettype = 'trigger'::regtype
      WHERE n.nspname = 'public'
        AND l.lanname = 'plpgsql'
        AND NOT EXISTS (
          SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
        )
      ORDER BY signature, relation`,
  );
  return { functions: new Set(rows.map((r) => r.oid)).size, targets: rows };
}

async function lint(target: Target): Promise<Finding[]> {
  const name = target.relation ? `${target.signature} on ${target.relation}` : target.signature;
  const { rows } = await client.query<{ lineno: number | null; message: string; detail: string | null; hint: string | null; query: string | null }>(
    `SELECT lineno, message, detail, hint, query
       FROM plpgsql_check_function_tb($1::int::regprocedure, coalesce($2::int, 0)::regclass,
                                      fatal_errors => false, other_warnings => false,
                                      performance_warnings => false, extra_warnings => false)
      WHERE level = 'error'
      ORDER BY lineno NULLS FIRST`,
    [target.oid, target.relid],
  );
  return rows.map((row) => ({ target: name, ...row }));
}

function report(findings: Finding[]): string {
  return findings
    .map((f) =>
      [
        `${f.target}${f.lineno === null ? '' : `, line ${f.lineno}`}: ${f.message}`,
        f.detail && `  detail: ${f.detail}`,
        f.hint && `  hint: ${f.hint}`,
        f.query && `  query: ${f.query.replace(/\s+/g, ' ').trim()}`,
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
}

describe('PL/pgSQL lint (plpgsql_check)', () => {
  it('reports no errors for any of our PL/pgSQL functions', async (ctx) => {
    if (!available) ctx.skip(SKIP_NOTE);

    const { functions, targets: all } = await targets();
    expect(functions, 'PL/pgSQL functions found in schema public').toBeGreaterThanOrEqual(MIN_FUNCTIONS);

    const findings: Finding[] = [];
    for (const target of all) {
      if (target.isTrigger && target.relid === null) {
        findings.push({ target: target.signature, lineno: null, message: 'trigger function is attached to no trigger', detail: null, hint: null, query: null });
        continue;
      }
      try {
        findings.push(...(await lint(target)));
      } catch (error) {
        // plpgsql_check raises rather than reports a few problems (e.g. a function it cannot set up): still a finding.
        findings.push({ target: target.signature, lineno: null, message: `plpgsql_check failed: ${(error as Error).message}`, detail: null, hint: null, query: null });
      }
    }
    expect(findings.length, `plpgsql_check: ${findings.length} error(s) in ${functions} functions\n${report(findings)}\n`).toBe(0);
  });
});

