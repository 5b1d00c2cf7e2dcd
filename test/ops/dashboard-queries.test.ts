import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';
import { ROOT } from '../support/processes.js';

interface Panel {
  title: string;
  type?: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}

/** Every PromQL expression of the shipped Grafana board (each panel's) and alert rules. */
function shippedQueries(): { where: string; expr: string }[] {
  const board = JSON.parse(
    readFileSync(join(ROOT, 'deploy/grafana/edgefleet-fleet.json'), 'utf8'),
  ) as {
    panels: Panel[];
    templating: { list: { name: string; definition?: string }[] };
  };
  // Every panel, those inside a collapsed row too; a panel that queries nothing is a mistake.
  const panels = board.panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
  for (const p of panels)
    if (!p.targets?.length) throw new Error(`panel "${p.title}" has no query`);
  const rules = parseYaml(
    readFileSync(join(ROOT, 'deploy/prometheus/edgefleet-alerts.yaml'), 'utf8'),
  ) as { groups: { rules: { alert: string; expr: string }[] }[] };
  return [
    ...panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr })),
    ),
    ...board.templating.list
      .filter((v) => v.definition)
      .map((v) => ({ where: `variable $${v.name}`, expr: v.definition ?? '' })),
    ...rules.groups.flatMap((g) =>
      g.rules.map((r) => ({ where: `rule ${r.alert}`, expr: r.expr })),
    ),
  ];
}

interface Exported {
  /** Series name → label names seen on its samples. */
  series: Map<string, Set<string>>;
  types: Map<string, string>;
}

/** A Prometheus text exposition: metric families (TYPE) and the label names of each series. */
function parseExposition(text: string, into: Exported): void {
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      into.types.set(type[1] as string, type[2] as string);
      continue;
    }
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? /.exec(line);
    if (!sample) continue;
    const labels = into.series.get(sample[1] as string) ?? new Set<string>();
    for (const m of (sample[2] ?? '').matchAll(/(\w+)="/g)) labels.add(m[1] as string);
    into.series.set(sample[1] as string, labels);
  }
}

/** The family a series belongs to (a histogram's _bucket/_sum/_count are its family's). */
function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return types.get(base) === 'histogram' ? base : undefined;
}

/** Labels Prometheus adds at scrape, or PromQL words that look like label names. */
const SCRAPE_LABELS = new Set(['job', 'instance', 'le']);

describe('the shipped Grafana board and alert rules query only what edgefleet exports', () => {
  let fleet: LeaseFleet;
  const exported: Exported = { series: new Map(), types: new Map() };

  beforeAll(async () => {
    fleet = await startLeaseFleet(['dash-a'], 'dash-cust', 5_000_000, {
      metrics: { enabled: true, port: 0 },
    });
    // One lease through the real path, so the gRPC series carry samples.
    const session = await fleet.client.acquire({
      model: 'llama-3-8b',
      location: { popId: 'pop-fra' },
      budgetMicroTokens: 100_000,
      autoRenew: false,
    });
    await session.release();
    const coord = await fetch(`${fleet.coord.http}/metrics`);
    parseExposition(await coord.text(), exported);
    const agentUrl = /metrics on (\S+)/.exec(fleet.agents[0]?.proc.output() ?? '')?.[1];
    if (!agentUrl) throw new Error('the agent did not print its metrics address');
    parseExposition(await (await fetch(agentUrl)).text(), exported);
  }, 240_000);
  afterAll(async () => {
    await fleet?.close();
  });

  it('every metric a panel, variable or rule names is exported, with every label it groups or filters by', () => {
    const queries = shippedQueries();
    expect(queries.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const { where, expr } of queries) {
      const names = [...expr.matchAll(/\b(edgefleet_\w+)/g)].map((m) => m[1] as string);
      if (names.length === 0) problems.push(`${where}: names no edgefleet series: ${expr}`);
      for (const name of names) {
        const family = familyOf(name, exported.types);
        if (!family) {
          problems.push(`${where}: ${name} is not exported`);
          continue;
        }
        // Labels named in a selector on this series, and in the by() of the same expression.
        const selector = new RegExp(`${name}\\{([^}]*)\\}`).exec(expr)?.[1] ?? '';
        const wanted = [
          ...[...selector.matchAll(/(\w+)\s*(=~|!=|!~|=)/g)].map((m) => m[1] as string),
          ...[...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap((m) =>
            (m[1] as string).split(',').map((s) => s.trim()),
          ),
        ].filter((l) => !SCRAPE_LABELS.has(l));
        const have = exported.series.get(name) ?? exported.series.get(`${family}_count`);
        if (!have) continue; // exported, but no sample yet: its labels cannot be read
        for (const l of wanted)
          if (!have.has(l) && !queriesShareLabel(expr, l, exported))
            problems.push(`${where}: ${name} has no label ${l}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the series the board leads with carry samples from a real coordinator and agent', () => {
    for (const name of [
      'edgefleet_site_up',
      'edgefleet_site_telemetry_age_seconds',
      'edgefleet_acquire_queue_outcomes_total',
      'edgefleet_acquire_queue_waiting',
      'edgefleet_agent_outbox_capacity',
      'edgefleet_build_info',
      'edgefleet_live_holds',
      'edgefleet_edge_control_streams',
      'edgefleet_broker_clients',
      'edgefleet_grpc_server_handled_total',
      'edgefleet_grpc_server_handling_seconds_count',
      'edgefleet_http_requests_total',
      'edgefleet_agent_slots',
    ])
      expect(exported.series.has(name), name).toBe(true);
  });

  it('edgefleet series follow the Prometheus naming conventions (and promtool agrees, where installed)', async () => {
    const bad: string[] = [];
    for (const [name, type] of exported.types) {
      // prom-client's default Node.js metrics are the library's names (its nodejs_active_*_total are gauges).
      if (!name.startsWith('edgefleet_') || name.includes('_nodejs_')) continue;
      if (type === 'counter' && !name.endsWith('_total'))
        bad.push(`${name}: counter without _total`);
      if (type !== 'counter' && name.endsWith('_total')) bad.push(`${name}: _total on a ${type}`);
      if (/_(ms|millis|milliseconds|kb|mb)$/.test(name)) bad.push(`${name}: not a base unit`);
      if (!/^[a-z][a-z0-9_]*$/.test(name)) bad.push(`${name}: not snake_case`);
    }
    expect(bad).toEqual([]);
    if (spawnSync('promtool', ['--version']).error) return; // not installed on this machine
    const text = await (await fetch(`${fleet.coord.http}/metrics`)).text();
    const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    const ours = (r.stdout + r.stderr).split('\n').filter((l) => l && !l.includes('_nodejs_'));
    expect(ours).toEqual([]);
  });
});

/** A label another series of the same expression has (e.g. `by (site)` over a join). */
function queriesShareLabel(expr: string, label: string, exported: Exported): boolean {
  return [...expr.matchAll(/\b(edgefleet_\w+)/g)].some((m) =>
    exported.series.get(m[1] as string)?.has(label),
  );
}
