import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pb } from '@edgefleet/proto';
import type { Ledger } from '../ledger/index.js';
import { startTwoSiteCoordinator, type TwoSites } from '../http/two-sites.test-support.js';

const CUSTOMER = 'fleet-abandon';
const TOPUP = 100_000_000;
const BUDGET = 2_000_000;

/**
 * An Acquire that fails after its hold was placed (real coordinator and ledger, two online sites
 * whose agents are scripted on the hub: they admit every offer). The ledger's lease record fails for
 * one lease; the leases already granted to the failed Acquire have no vehicle, so their sites are
 * told to drop them and the hold's budget returns to the customer at once, not at its expiry.
 */
describe('a failed Acquire gives back what it had granted', () => {
  let fx: TwoSites;
  let registerLease: Ledger['registerLease'];
  /** registerLease calls until the failing one (1 = the first lease's record fails). */
  let failAt = 0;
  const revoked: { siteId: string; leaseId: string; reason: string }[] = [];
  const admitted = new Map<string, string>();

  beforeAll(async () => {
    fx = await startTwoSiteCoordinator();
    await fx.c.ledger.topUp(CUSTOMER, TOPUP, 'pay-abandon');
    const hub = fx.c.hub;
    hub.admitLocally = () => undefined;
    hub.offer = (siteId, terms) => {
      admitted.set(terms.lease_id ?? '', siteId);
      return Promise.resolve(
        new pb.OfferReply({
          admitted: true,
          slot: `slot-${terms.lease_id}`,
          accelerator_model: 'NVIDIA H100 80GB HBM3',
          slots_free: 1,
        }),
      );
    };
    hub.revoke = (siteId, leaseId, reason) => {
      revoked.push({ siteId, leaseId, reason });
      return true;
    };
    registerLease = fx.c.ledger.registerLease.bind(fx.c.ledger);
    fx.c.ledger.registerLease = (lease) =>
      --failAt === 0
        ? Promise.reject(new Error(`lease record refused: ${lease.leaseId}`))
        : registerLease(lease);
  }, 60_000);
  afterAll(async () => {
    await fx?.c.close();
  });
  beforeEach(() => {
    revoked.length = 0;
    admitted.clear();
  });

  const acquire = () =>
    fx.c.leases.acquire(
      pb.AcquireRequest.fromObject({
        customer_id: CUSTOMER,
        model: 'llama',
        budget_micro_tokens: BUDGET,
        hedges: 1,
        location: { pop_id: 'pop-muc' },
      }),
    );

  it('revokes the lease granted before the failing one and releases the hold', async () => {
    failAt = 2; // the hedge's record fails, after the primary was granted
    await expect(acquire()).rejects.toThrow(/lease record refused/);
    const [first, second] = [...admitted];
    expect(revoked).toEqual([
      { siteId: second?.[1], leaseId: second?.[0], reason: 'unrecorded' },
      { siteId: first?.[1], leaseId: first?.[0], reason: 'abandoned' },
    ]);
    expect(await fx.c.ledger.balance(CUSTOMER)).toMatchObject({ available: TOPUP, held: 0 });
    expect(fx.c.leases.listHolds()).toEqual([]);
  });

  it('releases the hold when the first lease record fails', async () => {
    failAt = 1;
    await expect(acquire()).rejects.toThrow(/lease record refused/);
    expect(revoked.map((r) => r.reason)).toEqual(['unrecorded']);
    expect(await fx.c.ledger.balance(CUSTOMER)).toMatchObject({ available: TOPUP, held: 0 });
  });

  it('leaves the sites free for the next Acquire, which is granted both', async () => {
    failAt = 0;
    const res = await acquire();
    expect([res.primary?.site_id, ...res.hedges.map((l) => l.site_id)]).toEqual([fx.near, fx.far]);
    expect(revoked).toEqual([]);
    expect(await fx.c.ledger.balance(CUSTOMER)).toMatchObject({
      available: TOPUP - BUDGET,
      held: BUDGET,
    });
  });
});
