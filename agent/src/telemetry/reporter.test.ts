import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createHook, type FirmwareHook } from '@edgefleet/firmware-hooks';
import type { edgefleet } from '@edgefleet/proto';
import { Admission } from '../admission.js';
import { openOutbox, type FileOutbox } from '../outbox/index.js';
import { SITE, burn, tempDir } from '../outbox/testdata/burns.js';
import { ComputeStats } from './compute-stats.js';
import { HookPoller } from './hook-poller.js';
import type { TelemetryCadence } from './cadence.js';
import { acceleratorsWithSlots, TelemetryReporter } from './reporter.js';

const log = createLogger('test', 'silent');
const NOW = 1_800_000_000_000;
const HOST = {
  cpu_pct: 12.5,
  mem_used_bytes: 1,
  mem_total_bytes: 2,
  net_rx_bytes_per_s: 3,
  net_tx_bytes_per_s: 4,
};

const opened: FileOutbox[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function setup(
  o: {
    hook?: FirmwareHook;
    hostMetrics?: boolean;
    capacity?: number;
    compute?: ComputeStats;
    cadence?: TelemetryCadence;
    /** Also runs in beforeReport (lease expiry). */
    before?: (admission: Admission) => void;
  } = {},
) {
  const clock = { ms: 0 };
  const hostAges: number[] = [];
  const admission = new Admission(['llama-3-8b'], 1);
  const hooks = new HookPoller({
    hook:
      o.hook ?? createHook('fake', { seed: 5, accelerators: [{ profile: 'fake-h100', count: 2 }] }),
    timeoutMs: 1000,
    onAccelerators: (a) => admission.setAccelerators(a),
  });
  const outbox = await openOutbox({
    dir: await tempDir(),
    siteId: SITE,
    capacity: o.capacity ?? 100,
  });
  opened.push(outbox);
  const sent: edgefleet.v1.Telemetry[] = [];
  const order: string[] = [];
  const reporter = new TelemetryReporter({
    siteId: SITE,
    models: ['llama-3-8b'],
    pops: [{ id: 'pop-1', simulatedRttMs: 4 }],
    hostMetrics: o.hostMetrics ?? true,
    hooks,
    admission,
    outbox,
    now: () => NOW,
    log,
    hostSample: (maxAgeMs) => {
      hostAges.push(maxAgeMs);
      return Promise.resolve(HOST);
    },
    monotonic: () => clock.ms,
    link: {
      publishTelemetry: (t) => {
        order.push('publish');
        sent.push(t);
      },
    },
    beforeReport: () => {
      o.before?.(admission);
      order.push(`before:${hooks.accelerators.length}`);
    },
    ...(o.compute ? { compute: o.compute } : {}),
    ...(o.cadence ? { cadence: o.cadence } : {}),
  });
  return { admission, hooks, outbox, sent, order, reporter, clock, hostAges };
}

describe('TelemetryReporter', () => {
  it('carries the compute measured since the previous round, then an empty interval', async () => {
    const compute = new ComputeStats({ kind: 'onnx', executionProvider: 'cpu' });
    const { sent, reporter } = await setup({ compute });
    compute.record('ppocr-cls', 2.5);
    compute.record('ppocr-cls', 1.5);
    await reporter.report();
    await reporter.report();
    expect(sent[0]?.compute).toMatchObject({
      backend: 'onnx',
      execution_provider: 'cpu',
      models: [{ model: 'ppocr-cls', requests: 2, p50_ms: 1.5, p95_ms: 2.5, max_ms: 2.5 }],
    });
    expect(sent[1]?.compute).toMatchObject({ backend: 'onnx', models: [] });
  });

  it('reads the hooks, runs beforeReport, then publishes one numbered Telemetry message per round', async () => {
    const { sent, order, reporter } = await setup();
    await reporter.report();
    await reporter.report();
    expect(order).toEqual(['before:2', 'publish', 'before:2', 'publish']);
    expect(sent.map((t) => t.seq)).toEqual([1, 2]);
    expect(sent[0]).toMatchObject({
      site_id: SITE,
      ts_ms: NOW,
      models: ['llama-3-8b'],
      active_leases: 0,
      outbox_depth: 0,
      hook_errors: [],
      host: HOST,
    });
    expect(sent[0]?.accelerators).toHaveLength(2);
    expect(sent[0]?.rtt.map((r) => r.pop_id)).toEqual(['pop-1']);
    expect(sent[0]?.site_power_w).toBeGreaterThan(0);
  });

  it('reports free slots as admission sees them: a slot holding a lease is not free, whatever the tool says', async () => {
    const { admission, sent, reporter } = await setup();
    await reporter.report();
    const lease = admission.admit(
      { leaseId: 'l1', holdId: 'h1', model: 'llama-3-8b', budget: 1, expiresAtMs: NOW + 1000 },
      NOW,
      false,
    );
    expect(lease.ok).toBe(true);
    await reporter.report();
    const accs = sent[1]?.accelerators ?? [];
    const held = lease.ok ? lease.lease.acceleratorSerial : '';
    expect(accs.map((a) => [a.serial === held, a.slots_total, a.slots_free])).toEqual(
      expect.arrayContaining([
        [true, 1, 0],
        [false, 1, 1],
      ]),
    );
    expect(sent[1]?.active_leases).toBe(1);
  });

  it('reports no free slot on an accelerator admission does not know', async () => {
    const { hooks, admission } = await setup();
    await hooks.collect();
    const extra = { ...hooks.accelerators[0]!, serial: 'SN-unknown', slots_free: 1 };
    expect(acceleratorsWithSlots([extra], admission)).toEqual([{ ...extra, slots_free: 0 }]);
  });

  it('lists hook errors and the outbox alarm in hook_errors, with the outbox depth', async () => {
    const { outbox, sent, reporter } = await setup({
      hook: createHook('fake', { fail: 'timeout' }),
      capacity: 5,
    });
    for (let i = 1; i <= 4; i++) await outbox.append(burn(i));
    await reporter.report();
    expect(sent[0]?.outbox_depth).toBe(4);
    expect(sent[0]?.hook_errors.map((e) => e.code)).toEqual(['HOOK_TIMEOUT', 'OUTBOX_NEAR_FULL']);
  });

  it('leaves host metrics out when they are switched off', async () => {
    const { sent, reporter } = await setup({ hostMetrics: false });
    await reporter.report();
    expect(sent[0]?.host).toBeNull();
  });
});

describe('TelemetryReporter cadence (ticks)', () => {
  const cadence = { heartbeatMs: 1500, computeChangePct: 25, hostIdleMaxAgeMs: 15_000 };
  const lease = (id: string, expiresAtMs = NOW + 60_000) => ({
    leaseId: id,
    holdId: 'h1',
    model: 'llama-3-8b',
    budget: 1,
    expiresAtMs,
  });
  /** Ticks once per simulated second; returns how many ticks published. */
  async function ticks(r: TelemetryReporter, clock: { ms: number }, n: number): Promise<number> {
    let published = 0;
    for (let i = 0; i < n; i++) {
      clock.ms += 1000;
      if (await r.tick()) published++;
    }
    return published;
  }

  it('sends an idle site one report per heartbeat, not one per tick', async () => {
    const { sent, reporter, clock } = await setup({ cadence });
    expect(await reporter.tick()).toBe(true); // the first tick always reports
    expect(await ticks(reporter, clock, 12)).toBe(6); // heartbeat 1.5 s: every second 1 s tick
    expect(sent).toHaveLength(7);
    expect(sent.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('reports a slot taken and a slot freed at the next tick, between heartbeats', async () => {
    const { admission, sent, reporter, clock } = await setup({ cadence });
    await reporter.tick();
    clock.ms += 100;
    expect(await reporter.tick()).toBe(false);
    expect(admission.admit(lease('l1'), NOW, false).ok).toBe(true);
    clock.ms += 100;
    expect(await reporter.tick()).toBe(true);
    expect(sent.at(-1)?.active_leases).toBe(1);
    expect(
      sent
        .at(-1)
        ?.accelerators.map((a) => a.slots_free)
        .sort(),
    ).toEqual([0, 1]);
    clock.ms += 100;
    expect(await reporter.tick()).toBe(false);
    admission.release('l1');
    clock.ms += 100;
    expect(await reporter.tick()).toBe(true);
    expect(sent.at(-1)?.active_leases).toBe(0);
    expect(sent.at(-1)?.accelerators.map((a) => a.slots_free)).toEqual([1, 1]);
    expect(sent).toHaveLength(3);
  });

  it('sees a lease that expired (beforeReport) as a slot freed', async () => {
    const at = { ms: NOW };
    const { admission, sent, order, reporter, clock } = await setup({
      cadence,
      before: (a) => void a.expire(at.ms),
    });
    const befores = () => order.filter((e) => e.startsWith('before:')).length;
    await reporter.tick();
    expect(admission.admit(lease('l1', NOW + 10), NOW, false).ok).toBe(true);
    clock.ms += 100;
    expect(await reporter.tick()).toBe(true);
    expect(sent.at(-1)?.active_leases).toBe(1);
    clock.ms += 100;
    expect(await reporter.tick()).toBe(false);
    at.ms = NOW + 20; // past its expiry
    clock.ms += 100;
    const before = befores();
    expect(await reporter.tick()).toBe(true);
    expect(sent.at(-1)?.active_leases).toBe(0);
    expect(befores() - before).toBe(1); // a change-driven report runs beforeReport once
  });

  it('reports at once when a model appears in the compute figures or its median moves past the threshold', async () => {
    const compute = new ComputeStats({ kind: 'onnx' });
    const { sent, reporter, clock } = await setup({ cadence, compute });
    await reporter.tick();
    compute.record('m', 10);
    clock.ms += 100;
    expect(await reporter.tick()).toBe(true); // first figures for m
    compute.record('m', 11);
    clock.ms += 100;
    expect(await reporter.tick()).toBe(false); // within 25 %
    compute.record('m', 20);
    compute.record('m', 20);
    clock.ms += 100;
    expect(await reporter.tick()).toBe(true); // median 20 vs 10
    expect(sent.at(-1)?.compute?.models).toMatchObject([{ model: 'm', requests: 3, p50_ms: 20 }]);
  });

  it('reports the outbox alarm as soon as it is raised', async () => {
    const { outbox, sent, reporter, clock } = await setup({ cadence, capacity: 5 });
    await reporter.tick();
    for (let i = 1; i <= 4; i++) await outbox.append(burn(i));
    clock.ms += 100;
    expect(await reporter.tick()).toBe(true);
    expect(sent.at(-1)?.hook_errors.map((e) => e.code)).toEqual(['OUTBOX_NEAR_FULL']);
  });

  it('lets an idle site use an older host sample, a busy one a fresh one', async () => {
    const { admission, reporter, hostAges } = await setup({ cadence });
    await reporter.report();
    expect(admission.admit(lease('l1'), NOW, false).ok).toBe(true);
    await reporter.report();
    expect(hostAges).toEqual([15_000, 5000]);
  });

  it('without a cadence reports at every tick (the former behaviour)', async () => {
    const { reporter, clock } = await setup();
    expect(await ticks(reporter, clock, 3)).toBe(3);
  });
});
