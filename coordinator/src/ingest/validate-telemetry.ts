import { BadMessageError, type edgefleet } from '@edgefleet/proto';

export const TELEMETRY_LIMITS = {
  accelerators: 256,
  pops: 64,
  models: 256,
  hookErrors: 64,
  /** Hotter than this is a broken sensor, not a reading (°C). */
  temperatureC: { min: -60, max: 150 },
  /** One accelerator never draws more than this (W); a whole site stays below sitePowerW. */
  acceleratorPowerW: 5_000,
  sitePowerW: 10_000_000,
  rttMs: 60_000,
  slots: 4096,
  /** Compute figures: one request's run time (ms), and the short strings naming backend and provider. */
  computeMs: 3_600_000,
  computeLabel: 32,
  modelName: 128,
  /** Identity strings (model, PCI id, MIG profile and UUID): the NOC lists them and operators map them. */
  identityChars: 256,
} as const;

const invalid = (message: string, data: Record<string, unknown> = {}) =>
  new BadMessageError('invalid', `telemetry: ${message}`, data);

function finite(v: number | null | undefined, what: string): number {
  const n = v ?? 0;
  if (!Number.isFinite(n))
    throw invalid(`${what} is not a finite number (${String(n)})`, { field: what });
  return n;
}

function within(v: number | null | undefined, lo: number, hi: number, what: string): number {
  const n = finite(v, what);
  if (n < lo || n > hi)
    throw invalid(`${what} = ${n} is outside ${lo}..${hi}`, { field: what, value: n });
  return n;
}

/**
 * Every number a site reports is checked before it reaches the registry: finite, in range
 * (utilization -1..100, -1 = N/A; temperature; power ≥ -1; memory used ≤ total; RTT ≥ 0),
 * the lists bounded (≤ 256 accelerators, ≤ 64 PoPs, no more MIG instances than slots) and the
 * identity strings short. The agent's multiplier and domestic flag are not looked at. Throws BadMessageError('invalid')
 * naming the field; the message is then dropped whole (never half-applied).
 */
export function validateTelemetry(t: edgefleet.v1.Telemetry): void {
  const L = TELEMETRY_LIMITS;
  if (t.accelerators.length > L.accelerators)
    throw invalid(`${t.accelerators.length} accelerators (max ${L.accelerators})`);
  if (t.rtt.length > L.pops) throw invalid(`${t.rtt.length} PoP RTT samples (max ${L.pops})`);
  if (t.models.length > L.models) throw invalid(`${t.models.length} models (max ${L.models})`);
  if (t.hook_errors.length > L.hookErrors)
    throw invalid(`${t.hook_errors.length} hook errors (max ${L.hookErrors})`);
  within(t.site_power_w, -1, L.sitePowerW, 'site_power_w');
  t.accelerators.forEach((a, i) => {
    const at = `accelerators[${i}]`;
    within(a.utilization_pct, -1, 100, `${at}.utilization_pct`);
    within(a.temperature_c, L.temperatureC.min, L.temperatureC.max, `${at}.temperature_c`);
    within(a.power_w, -1, L.acceleratorPowerW, `${at}.power_w`);
    // a.multiplier and a.domestic are the agent's own figures: parsed for compatibility, never
    // checked or used (the coordinator resolves the profile from the identity below).
    for (const k of ['vendor', 'model', 'pci_device_id'] as const)
      if ((a[k] ?? '').length > L.identityChars)
        throw invalid(`${at}.${k} is longer than ${L.identityChars} characters`, {
          field: `${at}.${k}`,
        });
    const total = finite(a.memory_total_mib, `${at}.memory_total_mib`);
    const used = finite(a.memory_used_mib, `${at}.memory_used_mib`);
    if (used > total)
      throw invalid(`${at}: memory used ${used} MiB exceeds total ${total} MiB`, {
        field: `${at}.memory_used_mib`,
      });
    const slots = within(a.slots_total, 0, L.slots, `${at}.slots_total`);
    if ((a.slots_free ?? 0) > slots)
      throw invalid(`${at}: ${a.slots_free} free slots of ${slots}`, { field: `${at}.slots_free` });
    const mig = a.mig ?? [];
    if (mig.length > slots)
      throw invalid(`${at}: ${mig.length} MIG instances for ${slots} slots`, {
        field: `${at}.mig`,
      });
    mig.forEach((m, j) => {
      for (const k of ['profile', 'uuid', 'gpu_instance_id', 'compute_instance_id'] as const)
        if ((m[k] ?? '').length > L.identityChars)
          throw invalid(`${at}.mig[${j}].${k} is longer than ${L.identityChars} characters`, {
            field: `${at}.mig[${j}].${k}`,
          });
    });
  });
  t.rtt.forEach((r, i) => {
    if (!r.pop_id) throw invalid(`rtt[${i}] has no pop_id`, { field: `rtt[${i}].pop_id` });
    within(r.rtt_ms, 0, L.rttMs, `rtt[${i}].rtt_ms`);
  });
  if (t.compute) validateCompute(t.compute);
  if (t.host) {
    within(t.host.cpu_pct, -1, 100 * 1024, 'host.cpu_pct');
    const total = finite(t.host.mem_total_bytes, 'host.mem_total_bytes');
    const used = finite(t.host.mem_used_bytes, 'host.mem_used_bytes');
    if (used > total)
      throw invalid(`host memory used ${used} exceeds total ${total}`, {
        field: 'host.mem_used_bytes',
      });
    within(t.host.net_rx_bytes_per_s, 0, Number.MAX_VALUE, 'host.net_rx_bytes_per_s');
    within(t.host.net_tx_bytes_per_s, 0, Number.MAX_VALUE, 'host.net_tx_bytes_per_s');
  }
}

/** The compute block: bounded labels and model list; per model p50 ≤ p95 ≤ max, each in 0..1 h. */
function validateCompute(c: edgefleet.v1.IInferenceCompute): void {
  const L = TELEMETRY_LIMITS;
  if (
    (c.backend ?? '').length > L.computeLabel ||
    (c.execution_provider ?? '').length > L.computeLabel
  )
    throw invalid(`compute.backend or compute.execution_provider longer than ${L.computeLabel}`, {
      field: 'compute.backend',
    });
  const models = c.models ?? [];
  if (models.length > L.models)
    throw invalid(`${models.length} compute rows (max ${L.models})`, { field: 'compute.models' });
  models.forEach((m, i) => {
    const at = `compute.models[${i}]`;
    if ((m.model ?? '').length > L.modelName)
      throw invalid(`${at}.model longer than ${L.modelName}`, { field: `${at}.model` });
    const p50 = within(m.p50_ms, 0, L.computeMs, `${at}.p50_ms`);
    const p95 = within(m.p95_ms, 0, L.computeMs, `${at}.p95_ms`);
    const max = within(m.max_ms, 0, L.computeMs, `${at}.max_ms`);
    if (p50 > p95 || p95 > max)
      throw invalid(`${at}: p50 ${p50} ≤ p95 ${p95} ≤ max ${max} does not hold`, {
        field: `${at}.p95_ms`,
      });
  });
}

/** A status message: a known state, coordinates on the globe, bounded strings. */
export function validateStatus(s: edgefleet.v1.SiteStatus): void {
  const bad = (message: string) => new BadMessageError('invalid', `status: ${message}`);
  if (![1, 2, 3].includes(s.state))
    throw bad(`state ${s.state} is not online (1), draining (2) or offline (3)`);
  if (!Number.isFinite(s.lat) || s.lat < -90 || s.lat > 90)
    throw bad(`lat ${s.lat} is outside -90..90`);
  if (!Number.isFinite(s.lon) || s.lon < -180 || s.lon > 180)
    throw bad(`lon ${s.lon} is outside -180..180`);
  if (
    s.inference_endpoint.length > 256 ||
    s.region.length > 64 ||
    s.reason.length > 512 ||
    s.agent_version.length > 64
  )
    throw bad('a string field is too long');
}
