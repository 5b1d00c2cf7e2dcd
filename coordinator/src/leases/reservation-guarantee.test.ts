import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pb } from '@edgefleet/proto';
import { startTwoSiteCoordinator, type TwoSites } from '../http/two-sites.test-support.js';

/**
 * Acquire and reservations (real coordinator, two online sites of 2 slots, no agents: an offer that
 * goes out fails, so the refusal says whether routing left the sites alone or offered them).
 */
describe('Acquire leaves the last reserved slots to their customer', () => {
  let fx: TwoSites;
  beforeAll(async () => {
    fx = await startTwoSiteCoordinator();
    for (const c of ['fleet-owner', 'fleet-other'])
      await fx.c.ledger.topUp(c, 100_000_000, `pay-${c}`);
  }, 60_000);
  afterAll(async () => {
    await fx?.c.close();
  });

  const acquire = (customer_id: string) =>
    fx.c.leases
      .acquire(
        pb.AcquireRequest.fromObject({
          customer_id,
          model: 'llama',
          budget_micro_tokens: 1000,
          location: { pop_id: 'pop-muc' },
        }),
      )
      .then(
        () => ({ granted: true, data: {} as Record<string, unknown> }),
        (err: { code: string; data: Record<string, unknown> }) => ({
          granted: false,
          code: err.code,
          data: err.data,
        }),
      );

  it('routes another customer away from every site of an active reservation that owns the free slots', async () => {
    // Before any reservation both sites are offered (and fail: no agent answers).
    expect((await acquire('fleet-other')).data).toMatchObject({ offered: 2 });

    const startMs = Date.now() + 300;
    await fx.c.reservations.book('fleet-owner', {
      class: { region: '', siteIds: [fx.near, fx.far], acceleratorKinds: [], domesticOnly: false },
      slots: 4,
      startMs,
      endMs: startMs + 3_600_000,
    });
    // Not active yet: nothing is guarded.
    expect((await acquire('fleet-other')).data).toMatchObject({ offered: 2 });
    await new Promise((r) => setTimeout(r, 400));
    await fx.c.reservations.refreshActive();

    const other = await acquire('fleet-other');
    expect(other).toMatchObject({ granted: false, code: 'NO_SITE' });
    expect(other.data).toMatchObject({ rejected: { excluded: 2 } });
    // Its own customer is routed there as ever.
    expect((await acquire('fleet-owner')).data).toMatchObject({ offered: 2 });
  });
});
