import { hal } from './hal.js';
import type { MigInput } from './mig.js';
import { profileById, type AcceleratorProfile } from './profiles.js';
import type { HalAccelerator, Isolation, Vendor } from './types.js';

/** The real profile each simulation stand-in reports itself as (same figures, by construction). */
const STANDS_FOR: Readonly<Record<string, string>> = Object.freeze({
  'fake-h100': 'h100-80gb-sxm',
  'fake-910b': 'ascend-910b',
  'fake-l4': 'l4',
});

/** Names as the vendor tools print them, where the profile's display name is not one. */
const PRINTED: Readonly<Record<string, string>> = Object.freeze({
  'h100-80gb-sxm': 'NVIDIA H100 80GB HBM3',
  'a100-80gb': 'NVIDIA A100-SXM4-80GB',
  'a100-40gb': 'NVIDIA A100-SXM4-40GB',
});

/**
 * The raw identity a simulated device reports: the vendor and the model name its vendor tool
 * would print ("NVIDIA H100 80GB HBM3", "Ascend910B3"), so that the coordinator resolves it from
 * its own table like real hardware. A simulation stand-in (fake-*) reports the profile it stands for.
 */
export function printedIdentity(profile: AcceleratorProfile): { vendor: Vendor; model: string } {
  const real = profileById(STANDS_FOR[profile.id] ?? profile.id) ?? profile;
  if (real.vendor === 'any') return { vendor: 'fake', model: real.name };
  if (real.vendor === 'huawei')
    return { vendor: 'huawei', model: `Ascend${real.id.replace(/^ascend-/, '').toUpperCase()}` };
  return { vendor: real.vendor, model: PRINTED[real.id] ?? real.name };
}

/** `n` equal MIG instances of a GPU with `slices` compute slices (nvidia-smi's names, "3g.40gb"). */
function migInstances(serial: string, n: number, slices: number, memGib: number): MigInput[] {
  const each = Math.max(1, Math.floor(slices / n));
  const mem = Math.max(1, Math.round((memGib * each) / slices));
  return Array.from({ length: n }, (_, i) => ({
    profile: `${each}g.${mem}gb`,
    uuid: `MIG-${serial}-${i}`,
    gpuInstanceId: String(i + 1),
    computeInstanceId: '0',
  }));
}

/** One group of simulated accelerators. */
export interface FakeDeviceSpec {
  /** Any profile id (fake-h100, fake-910b, l4, ascend-910b, ...). */
  profile: string;
  count?: number;
  /** Split each device into this many MIG slots. */
  mig?: number;
  /** Share each device between this many time-slice slots. */
  timeslice?: number;
}

export interface FakeSimOptions {
  devices: readonly FakeDeviceSpec[];
  seed: number;
  /** When set, sitePowerW = this base load + the accelerators' power. */
  sitePowerBaseW?: number;
}

/** mulberry32: a tiny, fast, seedable PRNG (public domain), good enough for a simulation. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SimDevice {
  profile: AcceleratorProfile;
  index: number;
  isolation: Isolation;
  slots: number;
  util: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * A deterministic simulated set of accelerators: utilization does a bounded random walk
 * (steps of at most ±10 points, reflected at 0 and 100); temperature and power follow it with
 * a little noise. The same seed gives the same sequence of readings.
 */
export class FakeSim {
  private readonly rand: () => number;
  private readonly devices: SimDevice[] = [];

  constructor(private readonly opts: FakeSimOptions) {
    this.rand = mulberry32(opts.seed);
    for (const spec of opts.devices) {
      const profile = profileById(spec.profile);
      if (!profile) throw new Error(`unknown profile "${spec.profile}"`);
      const isolation: Isolation = spec.mig ? 'mig' : spec.timeslice ? 'timeslice' : 'whole';
      for (let i = 0; i < (spec.count ?? 1); i++) {
        this.devices.push({
          profile,
          index: this.devices.length,
          isolation,
          slots: spec.mig ?? spec.timeslice ?? 1,
          util: Math.round(this.rand() * 40),
        });
      }
    }
  }

  /** Advances the walk one step and returns the new readings. */
  step(): { accelerators: HalAccelerator[]; sitePowerW?: number } {
    const accelerators = this.devices.map((d) => {
      let u = d.util + (this.rand() * 20 - 10);
      if (u < 0) u = -u;
      if (u > 100) u = 200 - u;
      d.util = u;
      const tdp = d.profile.tdp_w ?? 300;
      const memMib = (d.profile.memory_gib ?? 16) * 1024;
      const serial = `FAKE-${d.profile.id}-${this.opts.seed}-${d.index}`;
      const parentSlices = profileById(STANDS_FOR[d.profile.id] ?? d.profile.id)?.mig_slices ?? 7;
      return hal({
        ...printedIdentity(d.profile),
        serial,
        index: String(d.index),
        profileId: d.profile.id,
        memoryTotalMib: memMib,
        memoryUsedMib: memMib * (0.1 + (0.6 * u) / 100),
        utilizationPct: round1(u),
        temperatureC: round1(32 + 0.45 * u + (this.rand() * 2 - 1)),
        powerW: round1(tdp * (0.12 + (0.88 * u) / 100 + (this.rand() * 0.02 - 0.01))),
        slotsTotal: d.slots,
        slotsFree: d.slots,
        isolation: d.isolation,
        ...(d.isolation === 'mig'
          ? {
              mig: migInstances(serial, d.slots, parentSlices, d.profile.memory_gib ?? 16),
            }
          : {}),
      });
    });
    const base = this.opts.sitePowerBaseW;
    if (base === undefined) return { accelerators };
    return {
      accelerators,
      sitePowerW: round1(base + accelerators.reduce((s, a) => s + Math.max(0, a.power_w), 0)),
    };
  }
}
