import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { PROMTOOL_SKIP_NOTE, driveTraffic, metricFamilies, promtool, promtoolAvailable, scrape } from '../helpers/metrics.ts';

/**
 * The Grafana dashboard and the Prometheus alert rules under ops/ may only query metrics the service exposes: a
 * renamed metric would otherwise leave an empty panel or an alert that can never fire.
 */

const ROOT = new URL('../../', import.meta.url);
const ALERTS_PATH = fileURLToPath(new URL('ops/prometheus/alerts.yml', ROOT));
const DASHBOARD_PATH = fileURLToPath(new URL('ops/grafana/points-ledger.json', ROOT));

/** Series Prometheus makes itself for every target, not the service. */
const PROMETHEUS_SERIES = new Set(['up']);
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

/** Words of PromQL that look like metric names: operators, modifiers and label-list keywords. */
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'atan2', 'inf', 'nan']);

/** The metric names a PromQL expression selects (Grafana's $variables allowed): names that are not function calls. */
function promqlMetricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = [...stripped.matchAll(/(?<![\w.:])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)].map((m) => m[1]!);
  return [...new Set(names.filter((name) => !PROMQL_WORDS.has(name.toLowerCase())))];
}

/** The `expr:` values of a rules file: plain one-line values and `|` / `>` blocks (what ops/prometheus/alerts.yml uses). */
function ruleExpressions(yaml: string): string[] {
  const lines = yaml.split('\n');
  const exprs: string[] = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)(?:- )?expr:\s*(.*)$/.exec(line);
    if (!match) return;
    const [, indent, value] = match as unknown as [string, string, string];
    if (!/^[|>][-+]?$/.test(value.trim())) {
      exprs.push(value.trim().replace(/^(['"])(.*)\1$/, '$2'));
      return;
    }
    const block: string[] = [];
    for (const next of lines.slice(i + 1)) {
      if (next.trim() !== '' && next.search(/\S/) <= indent.length) break;
      block.push(next.trim());
    }
    exprs.push(block.join(' ').trim());
  });
  return exprs;
}

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

const dashboard = JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as { panels: Panel[]; templating: { list: { query?: unknown; definition?: string }[] } };
const dashboardExprs = (panels: Panel[]): { title: string; expr: string }[] =>
  panels.flatMap((panel) => [
    ...(panel.targets ?? []).filter((t) => t.expr).map((t) => ({ title: panel.title ?? '', expr: t.expr! })),
    ...dashboardExprs(panel.panels ?? []),
  ]);

const alertsYaml = readFileSync(ALERTS_PATH, 'utf8');

describe('reading PromQL', () => {
  it('finds the metric names of an expression, and only those', () => {
    expect(
      promqlMetricNames(
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job=~"$job", route!~"/metrics|x_y"}[$__rate_interval]))) > 0.5',
      ),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(promqlMetricNames('time() - max by (job_name) (a_seconds{job_name="x"}) > 3 * 3600 or b_total offset 5m and on (instance) up')).toEqual([
      'a_seconds',
      'b_total',
      'up',
    ]);
  });

  it('reads every rule expression of the alerts file', () => {
    const exprs = ruleExpressions(alertsYaml);
    expect(exprs.length).toBe((alertsYaml.match(/^\s*(?:- )?alert:/gm) ?? []).length);
    for (const expr of exprs) expect(promqlMetricNames(expr).length, expr).toBeGreaterThan(0);
  });
});

describe('ops/ dashboard and alert rules', () => {
  let t: TestApp;
  let exposed: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    await driveTraffic(t);
    exposed = metricFamilies(await scrape(t));
  }, 60_000);
  afterAll(() => t?.close());

  const known = (name: string) =>
    PROMETHEUS_SERIES.has(name) ||
    exposed.has(name) ||
    HISTOGRAM_SUFFIXES.some((suffix) => name.endsWith(suffix) && exposed.get(name.slice(0, -suffix.length)) === 'histogram');

  it('alert rules query only metrics the service exposes', () => {
    const unknown = ruleExpressions(alertsYaml).flatMap((expr) => promqlMetricNames(expr).filter((name) => !known(name)).map((name) => ({ name, expr })));
    expect(unknown).toEqual([]);
  });

  it('dashboard panels and variables query only metrics the service exposes', () => {
    const exprs = [
      ...dashboardExprs(dashboard.panels),
      ...dashboard.templating.list.filter((v) => v.definition).map((v) => ({ title: 'variable', expr: v.definition!.replace(/^label_values\((\w+),.*\)$/, '$1') })),
    ];
    expect(exprs.length).toBeGreaterThan(20);
    const unknown = exprs.flatMap(({ title, expr }) => promqlMetricNames(expr).filter((name) => !known(name)).map((name) => ({ title, name })));
    expect(unknown).toEqual([]);
  });

  it('dashboard covers availability, latency, errors, feed lag, webhook backlog, job staleness and pool saturation', () => {
    const all = dashboardExprs(dashboard.panels).map((e) => e.expr).join('\n');
    for (const name of ['up', 'database_up', 'http_request_duration_seconds_bucket', 'http_problems_total', 'event_feed_horizon_lag_seconds', 'webhook_backlog_deliveries', 'webhook_oldest_pending_age_seconds', 'scheduled_job_last_success_timestamp_seconds', 'db_pool_connections_max']) {
      expect(all).toContain(name);
    }
  });

  it('alert rules pass promtool check rules', (ctx) => {
    if (!promtoolAvailable) ctx.skip(PROMTOOL_SKIP_NOTE);
    const { status, output } = promtool(['check', 'rules', ALERTS_PATH]);
    expect(status, output).toBe(0);
  });
});

if (!promtoolAvailable) console.warn(PROMTOOL_SKIP_NOTE);
