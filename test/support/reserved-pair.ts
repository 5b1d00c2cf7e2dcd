import { EdgefleetClient } from '@edgefleet/client';
import { eventually } from './processes.js';
import { startLeaseFleet, type LeaseFleet } from './lease-fleet.js';

/** One accelerator per site: one slot each, so one lease fills a site. */
export const ONE_SLOT = {
  hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 1 }] } },
};

export interface ReservedPair {
  fleet: LeaseFleet;
  /** A vehicle of the reservation holder (a second customer, topped up like the first). */
  holder: EdgefleetClient;
  siteA: string;
  siteB: string;
}

/**
 * The market tests' setup: a coordinator process and two agent processes of one slot each, a
 * best-effort customer (`fleet.client`) and a reservation holder, both topped up with `microTokens`,
 * and both sites' one free slot known to the coordinator before any lease is asked for.
 */
export async function startReservedPair(
  names: [string, string],
  customer: string,
  holderId: string,
  microTokens: number,
  coordinatorSettings: Record<string, unknown>,
): Promise<ReservedPair> {
  const fleet = await startLeaseFleet(names, customer, microTokens, ONE_SLOT, coordinatorSettings);
  const topup = await fleet.coord.api('POST', `/api/v1/customers/${holderId}/topup`, {
    microTokens,
  });
  if (topup.status !== 200) throw new Error(`holder topup: HTTP ${topup.status}`);
  const holder = new EdgefleetClient({
    coordinator: fleet.coord.grpc,
    customerId: holderId,
    defaultTimeoutMs: 10_000,
    bearerToken: fleet.coord.adminToken,
  });
  // Each site's one slot is known to the coordinator (the agents' hellos).
  await eventually(
    () => fleet.coord.api<{ items: { slotsFree: number }[] }>('GET', '/api/v1/sites'),
    (r) => r.body.items.filter((s) => s.slotsFree === 1).length === 2,
    30_000,
  );
  return {
    fleet,
    holder,
    siteA: fleet.agents[0]?.siteId ?? '',
    siteB: fleet.agents[1]?.siteId ?? '',
  };
}
