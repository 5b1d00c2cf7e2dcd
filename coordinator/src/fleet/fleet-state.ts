import type { Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from '../config.js';
import type { Db } from '../db/index.js';
import { HardwareResolver } from '../hardware/hardware-resolver.js';
import { HardwareMappingStore, type HardwareMappingChange } from '../hardware/mapping-store.js';
import { ChangeFeed } from './change-feed.js';
import { CustomerKeyStore, type ApiKeyChange } from './customer-keys.js';
import { FleetRegistry } from './registry.js';
import { SiteKeyBook } from './site-keys.js';
import { SiteStore, type SiteChange } from './site-store.js';

/** What a replica knows of its fleet, loaded from the shared database, and how it follows other replicas' changes. */
export interface FleetState {
  sites: SiteStore;
  siteKeys: SiteKeyBook;
  customerKeys: CustomerKeyStore;
  registry: FleetRegistry;
  /** Operator mappings of hardware the profile table does not know. */
  hardware: HardwareMappingStore;
  /**
   * Polls the site, customer API key and hardware mapping changes made since the load (here or
   * through another replica) every `pollMs`; a site change goes to `applySiteChange` (revocation).
   */
  followChanges(o: { applySiteChange: (c: SiteChange) => void; pollMs: number }): {
    close(): void;
  };
}

/**
 * Loads the fleet: customer API keys, hardware mappings (a mapping made here or through another
 * replica re-resolves every site's hardware at once) and the enrolled sites into the registry. Each
 * store's change number is read before its load, so anything changed while it loads is read again
 * by its change feed.
 */
export async function loadFleetState(
  db: Db,
  config: Pick<CoordinatorConfig, 'liveness' | 'routing' | 'siteKeys'>,
  log: Logger,
): Promise<FleetState> {
  const sites = new SiteStore(db);
  const siteKeys = new SiteKeyBook(db, { graceMs: config.siteKeys.rotationGraceS * 1000 });
  const customerKeys = new CustomerKeyStore(db);
  const keyChangesFrom = await customerKeys.lastChangeSeq();
  await customerKeys.load();
  const registry = new FleetRegistry(
    config.liveness,
    config.routing.rttEwmaAlpha,
    Date.now,
    new HardwareResolver(),
  );
  const hardware = new HardwareMappingStore(db, registry.hardware, () =>
    registry.reresolveHardware(),
  );
  const mappingChangesFrom = await hardware.lastChangeSeq();
  await hardware.load();
  const siteChangesFrom = await sites.lastChangeSeq();
  for (const s of await sites.load()) registry.upsertEnrolled(s);
  return {
    sites,
    siteKeys,
    customerKeys,
    registry,
    hardware,
    followChanges({ applySiteChange, pollMs }) {
      const feeds = [
        new ChangeFeed<SiteChange>({
          name: 'sites',
          changesSince: (seq, limit) => sites.changesSince(seq, limit),
          apply: applySiteChange,
          from: siteChangesFrom,
          log,
        }),
        new ChangeFeed<ApiKeyChange>({
          name: 'customer API keys',
          changesSince: (seq, limit) => customerKeys.changesSince(seq, limit),
          apply: (c) => customerKeys.apply(c),
          from: keyChangesFrom,
          log,
        }),
        new ChangeFeed<HardwareMappingChange>({
          name: 'hardware mappings',
          changesSince: (seq, limit) => hardware.changesSince(seq, limit),
          apply: (c) => hardware.apply(c),
          from: mappingChangesFrom,
          log,
        }),
      ];
      for (const f of feeds) f.start(pollMs);
      return {
        close: () => {
          for (const f of [...feeds].reverse()) f.stop();
        },
      };
    },
  };
}
