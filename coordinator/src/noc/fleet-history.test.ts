import { describe, expect, it } from 'vitest';
import type { Site } from '../fleet/site.js';
import { emptyCompute, type SiteCompute } from '../fleet/site-compute.js';
import { VehicleLatency } from './vehicle-latency.js';
import { FleetHistory } from './fleet-history.js';

const NO_LATENCY = {
  requests: 0,
  latencyP50Ms: null,
  latencyP95Ms: null,
  latencyMaxMs: null,
  sloMissRate: null,
  vehicleRequests: 0,
  vehicleP50Ms: null,
  vehicleP95Ms: null,
  vehicleSloMissRate: null,
};

/** [model, requests, p50, p95, max, measuredAtMs] per model. */
function compute(
  backend: string,
  models: [string, number, number, number, number, number][],
): SiteCompute {
  const c: SiteCompute = { ...emptyCompute(), backend, simulated: backend === 'simulated' };
  for (const [model, requests, p50Ms, p95Ms, maxMs, measuredAtMs] of models)
    c.models[model] = {
      model,
      requests,
      totalRequests: requests,
      p50Ms,
      p95Ms,
      maxMs,
      measuredAtMs,
    };
  return c;
}

function site(
  id: string,
  region: string,
  state: Site['state'],
  accels: { profile: string; util: number; total: number; free: number }[],
): Site {
  return {
    siteId: id,
    region,
    state,
    slotsTotal: accels.reduce((n, a) => n + a.total, 0),
    slotsFree: accels.reduce((n, a) => n + a.free, 0),
    compute: emptyCompute(),
    accelerators: accels.map((a) => ({
      profile_id: a.profile,
      utilization_pct: a.util,
      slots_total: a.total,
      slots_free: a.free,
    })),
  } as unknown as Site;
}

describe('FleetHistory', () => {
  it('sums the sites that answer per fleet, region and profile; offline sites add nothing', () => {
    const sites = [
      site('a', 'eu', 'online', [{ profile: 'h100', util: 50, total: 2, free: 1 }]),
      site('b', 'eu', 'degraded', [
        { profile: 'h100', util: 100, total: 1, free: 0 },
        { profile: 'a100', util: -1, total: 7, free: 7 },
      ]),
      site('c', 'us', 'offline', [{ profile: 'h100', util: 90, total: 4, free: 0 }]),
    ];
    const h = new FleetHistory(() => sites);
    h.sample(1000);
    expect(h.series('fleet')).toEqual([
      {
        key: 'fleet',
        points: [
          {
            t: 1000,
            sitesUp: 2,
            slotsTotal: 10,
            slotsBusy: 2,
            utilization: 0.75,
            ...NO_LATENCY,
          },
        ],
      },
    ]);
    const regions = h.series('region');
    expect(regions.map((r) => r.key)).toEqual(['eu']);
    const profiles = h.series('profile');
    expect(profiles.map((p) => [p.key, p.points[0]?.slotsTotal, p.points[0]?.utilization])).toEqual(
      [
        ['a100', 7, null], // MIG: the tool reports no utilization: no data, not 0 %
        ['h100', 3, 0.75],
      ],
    );
  });

  it('keeps a point per group per sample, bounded; a group whose sites went away shows no data', () => {
    let sites = [site('a', 'eu', 'online', [{ profile: 'h100', util: 10, total: 1, free: 1 }])];
    const h = new FleetHistory(() => sites, 3);
    for (let t = 1; t <= 5; t++) h.sample(t);
    expect(h.series('region')[0]?.points.map((p) => p.t)).toEqual([3, 4, 5]);
    sites = [];
    h.sample(6);
    expect(h.series('region')[0]?.points.at(-1)).toEqual({
      t: 6,
      sitesUp: 0,
      slotsTotal: 0,
      slotsBusy: 0,
      utilization: null,
      ...NO_LATENCY,
    });
  });

  it('weighs compute latency by requests per fleet and region, takes each report once, skips simulated', () => {
    const eu = site('a', 'eu', 'online', [{ profile: 'h100', util: 10, total: 1, free: 1 }]);
    const eu2 = site('b', 'eu', 'online', [{ profile: 'h100', util: 10, total: 1, free: 1 }]);
    const us = site('c', 'us', 'online', [{ profile: 'h100', util: 10, total: 1, free: 1 }]);
    const sim = site('d', 'us', 'online', [{ profile: 'h100', util: 10, total: 1, free: 1 }]);
    eu.compute = compute('onnx', [['m', 30, 10, 20, 40, 100]]); // p95 20 ≤ SLO 25
    eu2.compute = compute('onnx', [
      ['m', 10, 30, 60, 90, 100],
      ['idle', 0, 1, 1, 1, 100], // loaded, no request in the interval: nothing to weigh
    ]);
    sim.compute = compute('simulated', [['m', 50, 900, 900, 900, 100]]);
    const h = new FleetHistory(() => [eu, eu2, us, sim], 10, 25);
    h.sample(150);
    const last = (by: 'fleet' | 'region', key: string) =>
      h
        .series(by)
        .find((x) => x.key === key)
        ?.points.at(-1);
    expect(last('region', 'eu')).toMatchObject({
      requests: 40,
      latencyP50Ms: 15, // (30×10 + 10×30) / 40
      latencyP95Ms: 30, // (30×20 + 10×60) / 40
      latencyMaxMs: 90,
      sloMissRate: 0.25, // eu2's interval (10 of 40 requests) had a p95 over 25 ms
    });
    expect(last('region', 'us')).toMatchObject(NO_LATENCY); // up, but no real compute reported
    expect(last('fleet', 'fleet')).toMatchObject({ requests: 40, latencyP95Ms: 30 });
    expect(h.series('profile')[0]?.points.at(-1)).toMatchObject(NO_LATENCY);
    h.sample(250); // the same reports again (no request since): taken once, so no data, not a repeat
    expect(last('region', 'eu')).toMatchObject(NO_LATENCY);
    eu.compute = compute('onnx', [['m', 5, 2, 3, 4, 260]]); // a new report: its count moved
    h.sample(300);
    expect(last('region', 'eu')).toMatchObject({ requests: 5, latencyP95Ms: 3, sloMissRate: 0 });
  });

  it("adds the vehicles' reports to the fleet and the region of the site they measured, once each", () => {
    const sites = [site('eu1', 'eu', 'online', []), site('us1', 'us', 'offline', [])];
    const reports = new VehicleLatency();
    const h = new FleetHistory(() => sites, 10, 50, reports, 10);
    reports.record(
      [
        { site_id: 'eu1', bucket_counts: [0, 0, 9, 0, 1, 0, 0, 0, 0, 0, 0] },
        // measured while the site was up; it is offline at the sample: still counted, in its region
        { site_id: 'us1', bucket_counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10] },
      ],
      () => true,
    );
    h.sample(1);
    const last = (by: 'fleet' | 'region', key: string) =>
      h
        .series(by)
        .find((s) => s.key === key)
        ?.points.at(-1);
    expect(last('region', 'eu')).toMatchObject({ vehicleRequests: 10, vehicleSloMissRate: 0.1 });
    expect(last('region', 'us')).toMatchObject({ vehicleRequests: 10, vehicleP95Ms: 1000 });
    expect(last('fleet', 'fleet')).toMatchObject({ vehicleRequests: 20, vehicleSloMissRate: 0.55 });
    h.sample(2); // taken once: the next sample has none
    expect(last('region', 'eu')).toMatchObject({ vehicleRequests: 0, vehicleP50Ms: null });
  });
});
