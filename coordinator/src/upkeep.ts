import { describeError, type Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from './config.js';
import type { FleetRegistry } from './fleet/registry.js';
import type { LeaseService } from './leases/lease-service.js';
import type { ShutdownRegistry } from './shutdown.js';
import type { SiteConfigPublisher } from './site-config/site-config.js';

/**
 * The coordinator's periodic upkeep, every liveness.sweepIntervalMs: sites whose links went quiet
 * move to degraded or offline (registry.sweep), lease-signing keys superseded longer than the
 * longest lease TTL retire, expired holds are dropped (a failed sweep is logged and tried again at
 * the next tick), and sites whose config changed get it again. The timer never holds the process
 * open, and stops at shutdown.
 */
export function startUpkeep(
  config: Pick<CoordinatorConfig, 'liveness' | 'leases'>,
  d: {
    registry: Pick<FleetRegistry, 'sweep'>;
    siteConfig: Pick<SiteConfigPublisher, 'retireKeys' | 'sync'>;
    leases: Pick<LeaseService, 'sweepExpired'>;
    log: Logger;
    shutdown: ShutdownRegistry;
  },
): void {
  const { registry, siteConfig, leases, log } = d;
  const sweep = setInterval(() => {
    registry.sweep();
    siteConfig.retireKeys(config.leases.maxTtlS * 1000, Date.now());
    leases
      .sweepExpired(Date.now())
      .catch((err: unknown) =>
        log.warn({ err: describeError(err) }, 'hold expiry sweep failed; retried at the next tick'),
      );
    siteConfig.sync();
  }, config.liveness.sweepIntervalMs);
  sweep.unref();
  d.shutdown.add(() => clearInterval(sweep));
}
