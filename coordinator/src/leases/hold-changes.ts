import type { Logger } from '@edgefleet/common';
import { ChangeFeed } from '../fleet/change-feed.js';
import type { HoldView, Ledger } from '../ledger/types.js';
import type { LeaseService } from './lease-service.js';

/**
 * Every replica follows the holds renewed or released on any replica (their change numbers,
 * migration 016), so that the replica that granted a hold, or one that serves a Watch of it, learns
 * of a Release or a Renew made elsewhere within one poll: its watchers are told the lease ended,
 * and its expiry moves. Starts at the newest change: what happened before, no replica serves yet.
 */
export async function followHoldChanges(o: {
  ledger: Pick<Ledger, 'holdChangesSince' | 'holdChangeHead'>;
  leases: Pick<LeaseService, 'applyHoldChange'>;
  log: Logger;
  pollMs: number;
}): Promise<{ stop(): void }> {
  const feed = new ChangeFeed<HoldView>({
    name: 'lease holds',
    changesSince: (seq, limit) => o.ledger.holdChangesSince(seq, limit),
    apply: (v) => o.leases.applyHoldChange(v),
    from: await o.ledger.holdChangeHead(),
    log: o.log,
  });
  feed.start(o.pollMs);
  return feed;
}
