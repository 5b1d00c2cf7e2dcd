import { describe, expect, it } from 'vitest';
import type { Site } from '../fleet/site.js';
import { FleetHistory } from './fleet-history.js';

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
        points: [{ t: 1000, sitesUp: 2, slotsTotal: 10, slotsBusy: 2, utilization: 0.75 }],
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
    });
  });
});
