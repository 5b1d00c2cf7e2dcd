import { formatTokens } from '@edgefleet/proto';
import { LOADGEN_LIMITS, type LoadgenConfig } from '../loadgen/config.js';
import { NothingServedError } from '../loadgen/errors.js';
import { runLoadgen } from '../loadgen/run.js';
import type { LoadgenReport } from '../loadgen/stats.js';
import type { Topology } from '../loadgen/topology.js';
import { caOption, num, UsageError, type Flags } from './args.js';
import type { Ctx } from './context.js';
import { customerFor } from './customer.js';
import { keyValues, table } from './format.js';

const DEFAULT_COORDINATOR = 'localhost:50051';

function topology(f: Flags): Topology {
  if (f.pops !== undefined && f.box !== undefined)
    throw new UsageError('choose one topology: --pops P1,P2,… or --box LAT1,LON1,LAT2,LON2');
  if (f.pops !== undefined) {
    if (f.speed !== undefined)
      throw new UsageError('--speed moves vehicles inside a --box; PoPs have no coordinates here');
    const pops = f.pops
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (pops.length === 0)
      throw new UsageError('--pops needs at least one PoP id (comma-separated)');
    return { kind: 'pops', pops };
  }
  if (f.box !== undefined) {
    const parts = f.box.split(',').map((p) => p.trim());
    const n = parts.map(Number);
    if (parts.length !== 4 || parts.some((p) => p === '') || n.some((x) => !Number.isFinite(x))) {
      throw new UsageError(
        `--box must be LAT1,LON1,LAT2,LON2 (got "${f.box}"; negative values as --box=-34.0,18.3,-33.8,18.6)`,
      );
    }
    const [lat1, lon1, lat2, lon2] = n as [number, number, number, number];
    if (
      Math.abs(lat1) > 90 ||
      Math.abs(lat2) > 90 ||
      Math.abs(lon1) > 180 ||
      Math.abs(lon2) > 180
    ) {
      throw new UsageError(
        '--box: latitudes must be within [-90, 90] and longitudes within [-180, 180]',
      );
    }
    const speedMps = num(f.speed, 'speed', { min: 0, max: 399 }) ?? 0;
    return {
      kind: 'box',
      latMin: Math.min(lat1, lat2),
      latMax: Math.max(lat1, lat2),
      lonMin: Math.min(lon1, lon2),
      lonMax: Math.max(lon1, lon2),
      speedMps,
    };
  }
  throw new UsageError(
    'missing topology: --pops P1,P2,… (vehicles spread over PoPs) or --box LAT1,LON1,LAT2,LON2 [--speed M/S] (vehicles driving in a box)',
  );
}

function missingCustomer(): never {
  throw new UsageError(
    'missing --customer (or EDGEFLEET_CUSTOMER, or a customer API key as --token)',
  );
}

/** `edgefleet loadgen` flags → a validated run; every bad value is a UsageError naming its flag. */
export function loadgenConfig(f: Flags, env: NodeJS.ProcessEnv): LoadgenConfig {
  const vehicles =
    num(f.vehicles, 'vehicles', { integer: true, min: 1, max: LOADGEN_LIMITS.maxVehicles }) ?? 50;
  const durationS =
    num(f.duration, 'duration', { min: 0.1, max: LOADGEN_LIMITS.maxDurationS }) ?? 30;
  const rate = num(f.rate, 'rate', { min: 0.01, max: LOADGEN_LIMITS.maxRatePerVehicle }) ?? 2;
  if (vehicles * rate > LOADGEN_LIMITS.maxTotalRate) {
    throw new UsageError(
      `--vehicles × --rate is ${vehicles * rate} requests/s; at most ${LOADGEN_LIMITS.maxTotalRate} from one loadgen process (run several)`,
    );
  }
  const hedgeRaw = f['hedge-after-ms'];
  const token = f.token ?? env['EDGEFLEET_TOKEN'];
  return {
    coordinator: f.coordinator ?? env['EDGEFLEET_COORDINATOR'] ?? DEFAULT_COORDINATOR,
    token,
    ...caOption(f, env),
    // Empty: the customer of the API key, asked for by loadgen() (customerFor) before it starts.
    customer: (f.customer ?? env['EDGEFLEET_CUSTOMER']) || (token ? '' : missingCustomer()),
    vehicles,
    durationS,
    rate,
    hedges: num(f.hedges, 'hedges', { integer: true, min: 0, max: 3 }) ?? 1,
    model: f.model ?? 'llama-3-8b',
    priority: num(f.priority, 'priority', { integer: true, min: 0, max: 9 }) ?? 0,
    sloMs: num(f['slo-ms'], 'slo-ms', { min: 0.001 }) ?? 50,
    budgetMicroTokens: num(f.budget, 'budget', { integer: true, min: 1 }) ?? 100_000,
    ttlS: num(f['ttl-s'], 'ttl-s', { integer: true, min: 1, max: 86_400 }) ?? 30,
    maxRttMs: num(f['max-rtt-ms'], 'max-rtt-ms', { min: 0 }) ?? 0,
    inferTimeoutMs:
      num(f['infer-timeout-ms'], 'infer-timeout-ms', { integer: true, min: 1, max: 60_000 }) ??
      1_000,
    hedgeAfterMs: hedgeRaw === 'p95' ? 'p95' : num(hedgeRaw, 'hedge-after-ms', { min: 0 }),
    maxOutputTokens:
      num(f['max-output-tokens'], 'max-output-tokens', { integer: true, min: 0 }) ?? 16,
    sessionS: num(f['session-s'], 'session-s', { min: 0 }) ?? 0,
    topology: topology(f),
    seed: num(f.seed, 'seed', { integer: true }) ?? 1,
    timeoutMs: num(f['timeout-ms'], 'timeout-ms', { integer: true, min: 1 }) ?? 10_000,
  };
}

const n = (v: number) => v.toLocaleString('en-US');
/** Three significant figures or so: the histogram is 1 % precise. */
const msText = (v: number | null) =>
  v === null ? '–' : `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ms`;
const pct = (part: number, whole: number) =>
  whole > 0 ? `${Math.round((part / whole) * 10_000) / 100} %` : '–';
const errorText = (e: Record<string, number>) =>
  Object.entries(e)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ×${n(v)}`)
    .join(', ');

/** The report as a person reads it. */
export function formatReport(r: LoadgenReport): string {
  const c = r.config as unknown as LoadgenConfig;
  const where =
    c.topology.kind === 'pops'
      ? `PoPs ${c.topology.pops.join(',')}`
      : `box ${c.topology.latMin},${c.topology.lonMin}…${c.topology.latMax},${c.topology.lonMax}${c.topology.speedMps > 0 ? ` at ${c.topology.speedMps} m/s` : ''}`;
  const head =
    `edgefleet loadgen: ${n(c.vehicles)} vehicles × ${c.rate} req/s for ${c.durationS} s → ${c.coordinator} ` +
    `(customer ${c.customer}, model ${c.model}, priority ${c.priority}, ${c.hedges} hedge(s), ${where})${r.interrupted ? ' — INTERRUPTED' : ''}`;
  const counts = table(
    [
      { '': 'acquires', ok: r.acquires.ok, failed: r.acquires.failed },
      { '': 'renews', ok: r.renews.ok, failed: r.renews.failed },
      { '': 'infers', ok: r.infers.ok, failed: r.infers.failed },
      { '': 'releases', ok: r.releases.ok, failed: r.releases.failed },
    ],
    ['', 'ok', 'failed'],
  );
  const l = r.infers.latencyMs;
  const pairs: [string, string][] = [
    ['elapsed', `${(r.elapsedMs / 1000).toFixed(1)} s`],
    [
      'throughput',
      `${r.infers.perSecond} req/s served (${r.infers.targetPerSecond} req/s offered; each vehicle waits for its answer before the next)`,
    ],
    [
      'latency',
      `p50 ${msText(l.p50)} · p95 ${msText(l.p95)} · p99 ${msText(l.p99)} · max ${msText(l.max)} (end to end, failover included)`,
    ],
    [
      `SLO ${c.sloMs} ms`,
      `${n(r.slo.violations)} served slower (${pct(r.slo.violations, r.infers.ok)})`,
    ],
    [
      'failovers',
      `${n(r.failovers)} served after a failed attempt · ${n(r.servedByHedge)} served by a hedge · ${n(r.hedgedRequests)} hedged requests`,
    ],
    [
      'watch',
      `${n(r.watch.reroutes)} reroutes · ${n(r.watch.revokes)} revokes · ${n(r.watch.expired)} expired${r.watch.errors ? ` · ${n(r.watch.errors)} stream errors` : ''}`,
    ],
    [
      'burned',
      `${n(r.burnedMicroTokens)} µT (${formatTokens(r.burnedMicroTokens)}) metered on served responses`,
    ],
    [
      'at release',
      `${n(r.releases.burnedMicroTokens)} µT reconciled when released · ${n(r.releases.releasedMicroTokens)} µT returned`,
    ],
  ];
  const sites = Object.entries(r.servedBySite).sort((a, b) => b[1] - a[1]);
  if (sites.length > 0) {
    const shown = sites
      .slice(0, 5)
      .map(([id, k]) => `${id} ${n(k)}`)
      .join(' · ');
    pairs.push([
      'sites',
      `${sites.length} served: ${shown}${sites.length > 5 ? ` · … ${sites.length - 5} more` : ''}`,
    ]);
  }
  if (r.acquires.failed) pairs.push(['acquire errors', errorText(r.acquires.errors)]);
  if (r.infers.failed) pairs.push(['infer errors', errorText(r.infers.errors)]);
  if (Object.keys(r.infers.attemptFailures).length > 0)
    pairs.push(['failed attempts', errorText(r.infers.attemptFailures)]);
  if (r.releases.failed) pairs.push(['release errors', errorText(r.releases.errors)]);
  return `${head}\n\n${counts}\n\n${keyValues(pairs)}`;
}

/** `edgefleet loadgen`: N vehicles for a bounded time; report on stdout; exit 1 if it cannot start or nothing was served. */
export async function loadgen(c: Ctx): Promise<void> {
  const flagged = loadgenConfig(c.flags, c.io.env);
  const cfg = flagged.customer ? flagged : { ...flagged, customer: await customerFor(c) };
  const interrupt = new AbortController();
  const onSignal = () => {
    c.io.err?.('loadgen: stopping early (signal); releasing leases…');
    interrupt.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let report: LoadgenReport;
  try {
    c.io.err?.(
      `loadgen: ${cfg.vehicles} vehicles × ${cfg.rate} req/s for ${cfg.durationS} s against ${cfg.coordinator}`,
    );
    report = await runLoadgen(cfg, {
      signal: interrupt.signal,
      onProgress: (line) => c.io.err?.(line),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  c.io.out(c.flags.json ? JSON.stringify(report, null, 2) : formatReport(report));
  if (report.infers.ok === 0) {
    throw new NothingServedError({
      acquiresFailed: report.acquires.failed,
      infersFailed: report.infers.failed,
      errors: { ...report.acquires.errors, ...report.infers.errors },
    });
  }
}
