import type { startCoordinator } from '@edgefleet/coordinator';
import { chainBurn, type BurnRecordData } from '@edgefleet/proto';

type Coordinator = Awaited<ReturnType<typeof startCoordinator>>;
const MIN = 60_000;

/**
 * Customers' burns at sites, reconciled now (the ledger's own path: top-up, hold, lease, staged
 * burns, a reconciliation run): the first pair 950,000 µT in 3 burns, the second 200,000 µT in 2,
 * any further pair 100,000 µT in 1.
 */
export async function seedMoney(c: Coordinator, pairs: [string, string][]): Promise<void> {
  const now = Date.now();
  const AMOUNTS = [
    [400_000, 250_000, 300_000],
    [120_000, 80_000],
  ];
  const burns = pairs.map(
    ([customerId, siteId], i) => [customerId, siteId, AMOUNTS[i] ?? [100_000]] as const,
  );
  for (const [customerId, siteId, amounts] of burns) {
    const holdId = `hold-${customerId}`;
    const leaseId = `lease-${customerId}`;
    await c.ledger.topUp(customerId, 10_000_000, `pay-${customerId}`);
    await c.ledger.placeHold({
      holdId,
      customerId,
      microTokens: 5_000_000,
      expiresAtMs: now + 10 * MIN,
    });
    await c.ledger.registerLease({
      leaseId,
      holdId,
      siteId,
      customerId,
      model: 'resnet50',
      budgetMicroTokens: 5_000_000,
      issuedAtMs: now - MIN,
      expiresAtMs: now + 10 * MIN,
    });
    let last: BurnRecordData | undefined;
    const records = amounts.map((micro_tokens, j) => {
      last = chainBurn(last, {
        site_id: siteId,
        lease_id: leaseId,
        accelerator_model: 'H100-80GB',
        accelerator_serial: `sn-${siteId}`,
        slot: 'gpu0',
        started_at_ms: now - 30_000 + j * 1000,
        ended_at_ms: now - 29_500 + j * 1000,
        micro_tokens,
      });
      return last;
    });
    await c.ledger.stageBurns(siteId, records);
  }
  await c.ledger.reconcile(Date.now());
}
