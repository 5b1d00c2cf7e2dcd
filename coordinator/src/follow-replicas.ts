import type { Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from './config.js';
import type { DbKind } from './db/index.js';
import type { FleetState } from './fleet/fleet-state.js';
import type { SiteRevocation } from './fleet/revocation.js';
import { followHoldChanges } from './leases/hold-changes.js';
import type { LeaseService } from './leases/lease-service.js';
import type { Ledger } from './ledger/index.js';
import type { ShutdownRegistry } from './shutdown.js';

/**
 * What keeps this replica in step with the others through the shared database: the fleet's change
 * feeds (sites, customer API keys, hardware mappings; a site change goes through revocation, which
 * drops a revoked site's links here) and the holds renewed or released on any replica. Both poll
 * every liveness.changePollMs and stop at shutdown. Only on a shared PostgreSQL database: an
 * embedded PGlite ledger is one process's alone (no other replica can write to it), and this
 * replica applies its own changes as it makes them, so there the polls (five queries every 2 s
 * with the reputation feed, most of an idle coordinator's database work) are skipped.
 */
export async function followReplicas(
  config: Pick<CoordinatorConfig, 'liveness'>,
  d: {
    fleet: Pick<FleetState, 'followChanges'>;
    revocation: Pick<SiteRevocation, 'applyChange'>;
    ledger: Pick<Ledger, 'holdChangesSince' | 'holdChangeHead'>;
    leases: Pick<LeaseService, 'applyHoldChange'>;
    log: Logger;
    shutdown: ShutdownRegistry;
    /** The ledger database's kind (Db.kind): only a shared PostgreSQL database has other replicas. */
    database: DbKind;
  },
): Promise<void> {
  if (d.database !== 'postgres') return;
  const pollMs = config.liveness.changePollMs;
  const changes = d.fleet.followChanges({
    applySiteChange: (c) => d.revocation.applyChange(c),
    pollMs,
  });
  d.shutdown.add(() => changes.close());
  const holdChanges = await followHoldChanges({
    ledger: d.ledger,
    leases: d.leases,
    log: d.log,
    pollMs,
  });
  d.shutdown.add(() => holdChanges.stop());
}
