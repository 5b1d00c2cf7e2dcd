import { describe, expect, it } from 'vitest';
import { FleetRegistry } from '../fleet/registry.js';
import { pb } from '@edgefleet/proto';
import { TelemetryHistory } from './telemetry-history.js';

describe('TelemetryHistory', () => {
  it('keeps the newest N samples per site, oldest first, one per telemetry report', () => {
    let now = 1_000;
    const reg = new FleetRegistry(
      { telemetryStaleMs: 5000, offlineAfterMs: 15000 },
      0.3,
      () => now,
    );
    reg.upsertEnrolled({ siteId: 's1' });
    const h = new TelemetryHistory(reg, 3);
    for (let i = 1; i <= 5; i++) {
      now += 1000;
      reg.applyTelemetry(
        new pb.Telemetry({
          site_id: 's1',
          site_power_w: 100 * i,
          rtt: [{ pop_id: 'p', rtt_ms: 2 }],
          accelerators: [{ slots_total: 2, slots_free: 1, utilization_pct: 10 * i }],
        }),
      );
      h.sampleAll();
      h.sampleAll(); // no new telemetry: no new point
    }
    const pts = h.points('s1');
    expect(pts.map((p) => p.powerW)).toEqual([300, 400, 500]);
    expect(pts.map((p) => p.utilization)).toEqual([0.3, 0.4, 0.5]);
    expect(pts[0]?.rttMs).toBe(2);
    expect(pts.map((p) => p.t)).toEqual([4000, 5000, 6000]);
    expect(h.points('nope')).toEqual([]);
  });
});
