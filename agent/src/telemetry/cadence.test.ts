import { describe, expect, it } from 'vitest';
import { computeMoved, routingSignature } from './cadence.js';

const acc = { serial: 'SN-1', slots_total: 2, slots_free: 2, isolation: 'whole' };
const base = { accelerators: [acc], active_leases: 0, models: ['m'], hook_errors: [] };

describe('routingSignature', () => {
  it('ignores readings that wander every round (power, temperature, utilisation)', () => {
    const noisy = { ...acc, power_w: 312, temperature_c: 61, utilization_pct: 40 };
    expect(routingSignature({ ...base, accelerators: [noisy] })).toBe(routingSignature(base));
  });

  it('changes with free slots, leases, models and hook errors', () => {
    const s = routingSignature(base);
    expect(routingSignature({ ...base, accelerators: [{ ...acc, slots_free: 1 }] })).not.toBe(s);
    expect(routingSignature({ ...base, active_leases: 1 })).not.toBe(s);
    expect(routingSignature({ ...base, models: [] })).not.toBe(s);
    const errs = [{ hook: 'nvidia-smi', code: 'HOOK_TIMEOUT' }];
    expect(routingSignature({ ...base, hook_errors: errs })).not.toBe(s);
  });
});

describe('computeMoved', () => {
  const reported = new Map([['m', 10]]);
  it('is true for a model never reported and for a median moved past the threshold', () => {
    expect(computeMoved([{ model: 'n', p50_ms: 10 }], reported, 25)).toBe(true);
    expect(computeMoved([{ model: 'm', p50_ms: 13 }], reported, 25)).toBe(true);
    expect(computeMoved([{ model: 'm', p50_ms: 7 }], reported, 25)).toBe(true);
  });
  it('is false within the threshold and with no traffic', () => {
    expect(computeMoved([{ model: 'm', p50_ms: 12 }], reported, 25)).toBe(false);
    expect(computeMoved([], reported, 25)).toBe(false);
  });
});
