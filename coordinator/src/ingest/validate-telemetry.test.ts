import { describe, expect, it } from 'vitest';
import { BadMessageError, pb } from '@edgefleet/proto';
import { validateStatus, validateTelemetry } from './validate-telemetry.js';

const reason = (fn: () => void): string => {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    return e instanceof BadMessageError ? `${e.reason}: ${e.message}` : 'other';
  }
};
const tel = (p: Record<string, unknown>) => pb.Telemetry.fromObject(p);

describe('validateTelemetry', () => {
  it('accepts N/A markers (-1) and empty reports', () => {
    expect(
      reason(() =>
        validateTelemetry(
          tel({
            site_power_w: -1,
            accelerators: [{ utilization_pct: -1, temperature_c: -1, power_w: -1 }],
          }),
        ),
      ),
    ).toBe('accepted');
    expect(reason(() => validateTelemetry(tel({})))).toBe('accepted');
  });
  it('names the field that is out of range or not finite', () => {
    expect(
      reason(() => validateTelemetry(tel({ accelerators: [{}, { utilization_pct: 100.5 }] }))),
    ).toContain('accelerators[1].utilization_pct = 100.5');
    expect(reason(() => validateTelemetry(tel({ site_power_w: Infinity })))).toContain(
      'site_power_w is not a finite number',
    );
    expect(
      reason(() => validateTelemetry(tel({ accelerators: [{ slots_total: 1, slots_free: 2 }] }))),
    ).toContain('2 free slots of 1');
    expect(
      reason(() => validateTelemetry(tel({ host: { mem_total_bytes: 1, mem_used_bytes: 2 } }))),
    ).toContain('host memory used');
    expect(reason(() => validateTelemetry(tel({ rtt: [{ rtt_ms: 1 }] })))).toContain(
      'rtt[0] has no pop_id',
    );
  });
});

describe('validateTelemetry: compute', () => {
  const row = (r: Record<string, unknown>) =>
    tel({ compute: { backend: 'onnx', models: [{ model: 'ppocr-cls', requests: 1, ...r }] } });
  it('accepts ordered figures and refuses disordered, negative or absurd ones, naming the row', () => {
    expect(reason(() => validateTelemetry(row({ p50_ms: 1, p95_ms: 2, max_ms: 3 })))).toBe(
      'accepted',
    );
    expect(reason(() => validateTelemetry(row({ p50_ms: 3, p95_ms: 2, max_ms: 3 })))).toContain(
      'compute.models[0]: p50 3',
    );
    expect(reason(() => validateTelemetry(row({ p50_ms: -1 })))).toContain(
      'compute.models[0].p50_ms = -1',
    );
    expect(reason(() => validateTelemetry(row({ max_ms: 4e6, p95_ms: 1 })))).toContain(
      'compute.models[0].max_ms',
    );
    expect(
      reason(() => validateTelemetry(tel({ compute: { backend: 'x'.repeat(33) } }))),
    ).toContain('compute.backend');
  });
});

describe('validateStatus', () => {
  it('ignores the agent’s multiplier and domestic flag, and bounds the identity it reports', () => {
    expect(
      reason(() => validateTelemetry(tel({ accelerators: [{ multiplier: 1e9, domestic: true }] }))),
    ).toBe('accepted');
    expect(
      reason(() => validateTelemetry(tel({ accelerators: [{ model: 'x'.repeat(257) }] }))),
    ).toContain('accelerators[0].model is longer than 256');
    expect(
      reason(() =>
        validateTelemetry(
          tel({ accelerators: [{ slots_total: 1, mig: [{ profile: '1g.10gb' }, {}] }] }),
        ),
      ),
    ).toContain('2 MIG instances for 1 slots');
    expect(
      reason(() =>
        validateTelemetry(
          tel({ accelerators: [{ slots_total: 1, mig: [{ uuid: 'M'.repeat(300) }] }] }),
        ),
      ),
    ).toContain('accelerators[0].mig[0].uuid is longer');
  });
  it('wants a known state and coordinates on the globe', () => {
    expect(
      reason(() => validateStatus(pb.SiteStatus.fromObject({ state: 1, lat: 48, lon: 11 }))),
    ).toBe('accepted');
    expect(reason(() => validateStatus(pb.SiteStatus.fromObject({ state: 0 })))).toContain(
      'state 0',
    );
    expect(
      reason(() => validateStatus(pb.SiteStatus.fromObject({ state: 1, lon: 181 }))),
    ).toContain('lon 181');
  });
});
