import { describe, expect, it } from 'vitest';
import { pb } from '@edgefleet/proto';
import { route } from '../routing/route.js';
import { testCtx, testSite } from '../routing/routing.test-support.js';
import { acquireResponse } from './acquire-response.js';

describe('acquireResponse', () => {
  const sites = [
    testSite('near', { lat: 48.14, lon: 11.58 }),
    testSite('far', { lat: 52.5, lon: 13.4 }),
  ];
  const routed = {
    ...route(
      sites,
      {
        model: 'llama',
        location: { popId: 'pop-muc' },
        maxRttMs: 0,
        domesticOnly: false,
        acceleratorKinds: [],
        isolation: '',
      },
      testCtx(),
    ),
    attachment: 'pop:pop-muc',
  };
  const winner = routed.ranked[0];
  const leases = [
    new pb.Lease({ lease_id: 'l1', site_id: 'near' }),
    new pb.Lease({ lease_id: 'l2', site_id: 'far' }),
  ];

  it('carries the primary and the hedges, and no explanation unless the request asks for one', () => {
    expect(winner?.site.siteId).toBe('near');
    const res = acquireResponse(
      { explain: false },
      routed,
      leases,
      winner as NonNullable<typeof winner>,
    );
    expect(res.primary?.lease_id).toBe('l1');
    expect(res.hedges.map((h) => h.lease_id)).toEqual(['l2']);
    expect(res.explanation).toBeNull();
    // Nothing on the wire either.
    expect(
      pb.AcquireResponse.decode(pb.AcquireResponse.encode(res).finish()).explanation,
    ).toBeNull();
  });

  it('with explain: the winner, the runner-up on another site, and the routing counts', () => {
    const res = acquireResponse(
      { explain: true },
      routed,
      leases,
      winner as NonNullable<typeof winner>,
    );
    expect(res.explanation?.winner?.site_id).toBe('near');
    expect(res.explanation?.runner_up?.site_id).toBe('far');
    expect(res.explanation?.considered).toBe(2);
    expect(res.explanation?.eligible).toBe(2);
    expect(res.explanation?.status).toBe('ok');
    expect(res.explanation?.attachment).toBe('pop:pop-muc');
  });
});
