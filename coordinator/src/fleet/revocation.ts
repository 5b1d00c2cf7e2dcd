import type { Logger } from '@edgefleet/common';
import type { FleetRegistry } from './registry.js';
import { sameTariff } from './site.js';
import type { SiteChange, SiteStore } from './site-store.js';

/** A link a site holds to this replica that revocation closes; true when one was open. */
export interface SiteLink {
  disconnect(siteId: string, why: string): boolean;
}

/** What an agent is told when its stream is cut. */
export const REVOKED_REASON = 'site revoked by the NOC; enroll again with a new code';

/**
 * Site revocation on this replica: the site's secret is forgotten, its EdgeControl stream and MQTT
 * connection closed, and it leaves the registry (its leases fail over as if it had died). The
 * same cut-off runs for a revocation made here (revoke) and one made on another replica and read
 * from the change feed (applyChange); it is idempotent, as the feed may deliver a change again.
 */
export class SiteRevocation {
  constructor(
    private readonly d: {
      sites: Pick<SiteStore, 'revoke' | 'forget'>;
      registry: FleetRegistry;
      /** The EdgeControl streams. */
      stream: SiteLink;
      /** The embedded broker's site connections (none with an external broker: its own ACL refuses the forgotten site at its next connect). */
      mqtt?: SiteLink;
      log: Logger;
    },
  ) {}

  /** Revokes in the database, then cuts the site off here. Undefined for a site never enrolled. */
  async revoke(siteId: string): Promise<{ revokedAtMs: number; already: boolean } | undefined> {
    const r = await this.d.sites.revoke(siteId);
    if (r) this.cutOff(siteId);
    return r;
  }

  /** Applies one change of the site change feed: a revocation cuts the site off, a new tariff updates the registry. */
  applyChange(c: SiteChange): void {
    if (c.revokedAtMs !== undefined) {
      this.cutOff(c.siteId);
      return;
    }
    const cur = this.d.registry.get(c.siteId);
    if (cur && !sameTariff(cur.tariff, c.tariff))
      this.d.registry.upsertEnrolled({ siteId: c.siteId, tariff: c.tariff });
  }

  /** The local part of a revocation. */
  cutOff(siteId: string): void {
    this.d.sites.forget(siteId);
    const stream = this.d.stream.disconnect(siteId, REVOKED_REASON);
    const mqtt = this.d.mqtt?.disconnect(siteId, REVOKED_REASON) ?? false;
    if (this.d.registry.remove(siteId) || stream || mqtt)
      this.d.log.warn(
        { siteId },
        'site revoked: credentials refused, links closed, leases failing over',
      );
  }
}
