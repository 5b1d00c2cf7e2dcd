import { describe, expect, it } from 'vitest';
import { FakeSim, mulberry32, printedIdentity } from './fake-sim.js';
import { validateHal } from './hal.js';
import { PROFILES } from './profiles.js';
import { resolveProfile } from './resolve.js';

describe('FakeSim', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const run = (seed: number) => {
      const sim = new FakeSim({ devices: [{ profile: 'fake-h100', count: 2 }], seed });
      return Array.from({ length: 5 }, () =>
        sim.step().accelerators.map((a) => [a.utilization_pct, a.temperature_c, a.power_w]),
      );
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('walks utilization in steps of at most 10 points within [0, 100], with temperature and power following', () => {
    const sim = new FakeSim({ devices: [{ profile: 'fake-h100' }], seed: 7 });
    let prev = sim.step().accelerators[0]?.utilization_pct ?? 0;
    for (let i = 0; i < 2000; i++) {
      const [a] = sim.step().accelerators;
      if (!a) throw new Error('no accelerator');
      expect(validateHal(a)).toEqual([]);
      expect(a.utilization_pct).toBeGreaterThanOrEqual(0);
      expect(a.utilization_pct).toBeLessThanOrEqual(100);
      expect(Math.abs(a.utilization_pct - prev)).toBeLessThanOrEqual(10.1);
      expect(a.temperature_c).toBeCloseTo(32 + 0.45 * a.utilization_pct, -0.5); // within ±1.6
      expect(a.power_w).toBeGreaterThanOrEqual(700 * 0.11);
      expect(a.power_w).toBeLessThanOrEqual(700 * 1.01);
      prev = a.utilization_pct;
    }
  });

  it('builds the requested profiles, MIG and time-slice slots, and site power', () => {
    const sim = new FakeSim({
      devices: [
        { profile: 'fake-910b', count: 2 },
        { profile: 'fake-h100', mig: 7 },
        { profile: 'l4', timeslice: 4 },
      ],
      seed: 1,
      sitePowerBaseW: 500,
    });
    const { accelerators, sitePowerW } = sim.step();
    expect(
      accelerators.map((a) => [
        a.index,
        a.vendor,
        a.profile_id,
        a.model,
        a.isolation,
        a.slots_total,
        a.domestic,
      ]),
    ).toEqual([
      ['0', 'huawei', 'fake-910b', 'Ascend910B', 'whole', 1, true],
      ['1', 'huawei', 'fake-910b', 'Ascend910B', 'whole', 1, true],
      ['2', 'nvidia', 'fake-h100', 'NVIDIA H100 80GB HBM3', 'mig', 7, false],
      ['3', 'nvidia', 'l4', 'NVIDIA L4', 'timeslice', 4, false],
    ]);
    expect(accelerators[2]?.mig?.map((m) => [m.profile, m.fraction])).toEqual(
      Array.from({ length: 7 }, () => ['1g.11gb', 1 / 7]),
    );
    expect(accelerators[0]).toMatchObject({
      serial: 'FAKE-fake-910b-1-0',
      memory_total_mib: 65536,
      multiplier: 0.7,
    });
    expect(sitePowerW).toBeCloseTo(500 + accelerators.reduce((s, a) => s + a.power_w, 0), 1);
  });

  it('reports the identity a vendor tool would print, which the profile table resolves', () => {
    const stands: Record<string, string> = {
      'fake-h100': 'h100-80gb-sxm',
      'fake-910b': 'ascend-910b',
      'fake-l4': 'l4',
    };
    for (const p of PROFILES.filter((x) => x.vendor !== 'any')) {
      const id = printedIdentity(p);
      const r = resolveProfile({ ...id, memoryMib: (p.memory_gib ?? 0) * 1024 });
      expect(r.known ? r.profile.id : `${r.reason}: ${r.detail}`, `${p.id} as ${id.model}`).toBe(
        stands[p.id] ?? p.id,
      );
    }
    expect(printedIdentity(PROFILES.find((p) => p.id === 'ascend-910b3')!)).toEqual({
      vendor: 'huawei',
      model: 'Ascend910B3',
    });
  });

  it('sizes MIG instances in slices of the card it stands for', () => {
    const sim = new FakeSim({ devices: [{ profile: 'fake-h100', mig: 2 }], seed: 3 });
    const [a] = sim.step().accelerators;
    expect(a?.mig?.map((m) => [m.profile, m.slices, m.fraction, m.uuid])).toEqual([
      ['3g.34gb', 3, 3 / 7, 'MIG-FAKE-fake-h100-3-0-0'],
      ['3g.34gb', 3, 3 / 7, 'MIG-FAKE-fake-h100-3-0-1'],
    ]);
  });

  it('mulberry32 gives uniform-looking numbers in [0, 1)', () => {
    const r = mulberry32(123);
    const xs = Array.from({ length: 10_000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});
