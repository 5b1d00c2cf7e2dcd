import { describeError, type Logger } from '@edgefleet/common';
import { encodePayload, pb, siteTopic, type edgefleet } from '@edgefleet/proto';
import type { FleetRegistry } from '../fleet/registry.js';
import type { TariffWindow } from '../fleet/site.js';
import type { SigningKeyRing } from '../keys/signing-keys.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { MessageBus } from '../transport/bus.js';

/** A site's desired config: every published lease-signing key and its power tariff. */
export function buildSiteConfig(
  signingKeys: { kid: string; public_key_pem: string }[],
  tariff: readonly TariffWindow[],
  version: number,
): edgefleet.v1.SiteConfig {
  return new pb.SiteConfig({
    signing_keys: signingKeys,
    version,
    tariff: {
      windows: tariff.map((w) => ({
        start_hour: w.startHour,
        end_hour: w.endHour,
        price_per_kwh: w.pricePerKwh,
      })),
    },
  });
}

/**
 * The retained SiteConfig of every site (edgefleet/v1/site/{id}/config, QoS 1, retained): published
 * for every site at start and at enrollment, again for every site when the signing keys change
 * (rotation, retirement), and for a site whose tariff changed (sync, run on the coordinator's sweep).
 */
export class SiteConfigPublisher {
  /** The tariff object each site's config was last published with (the registry replaces it on a change). */
  private readonly sentTariff = new Map<string, unknown>();
  /** Sites whose tariff the registry replaced since the last sync (its 'tariff' event): sync looks at these only. */
  private readonly tariffChanged = new Set<string>();

  constructor(
    private readonly d: {
      bus: MessageBus;
      registry: FleetRegistry;
      keys: SigningKeyRing;
      log: Logger;
      metrics: Pick<CoordinatorMetrics, 'signingKeyUnlinkFailures'>;
    },
  ) {
    d.registry.on('tariff', (siteId) => this.tariffChanged.add(siteId));
  }

  /** Publishes one site's config as the registry and the key ring have it now. */
  async publish(siteId: string): Promise<void> {
    const tariff = this.d.registry.get(siteId)?.tariff ?? [];
    this.sentTariff.set(siteId, tariff);
    const cfg = buildSiteConfig(this.d.keys.published(), tariff, Date.now());
    await this.d.bus.publish(siteTopic(siteId, 'config'), encodePayload(pb.SiteConfig, cfg), {
      qos: 1,
      retain: true,
    });
  }

  /** publish() without waiting; a failure is logged (the next change or restart publishes again). */
  publishSoon(siteId: string): void {
    this.publish(siteId).catch((err: unknown) =>
      this.d.log.warn({ siteId, err: describeError(err) }, 'site config publish failed'),
    );
  }

  /** Republishes every site's config; returns how many were sent. */
  async publishAll(): Promise<number> {
    let n = 0;
    for (const s of [...this.d.registry.all()]) {
      await this.publish(s.siteId);
      n++;
    }
    return n;
  }

  /**
   * Pushes the config of every site whose tariff changed since its config was last sent
   * (PUT /api/v1/sites/:id/tariff, a change from another replica): run on the coordinator's sweep,
   * over the sites the registry reported a tariff change for, not the whole fleet.
   */
  sync(): void {
    if (this.tariffChanged.size === 0) return; // change-driven: no scan of the fleet on a quiet sweep
    for (const siteId of this.tariffChanged) {
      const s = this.d.registry.get(siteId);
      if (s && this.sentTariff.get(siteId) !== s.tariff) this.publishSoon(siteId);
    }
    this.tariffChanged.clear();
  }

  /**
   * Rotates the lease-signing key without dropping a live lease: the new key signs from now on,
   * every site is sent the full key set, and the old key keeps verifying on the agents until it
   * retires (retireKeys).
   */
  async rotateKeys(): Promise<{ kid: string; published: string[]; sites: number }> {
    const k = this.d.keys.rotate();
    const sites = await this.publishAll();
    this.d.log.info({ kid: k.kid, sites }, 'lease-signing key rotated');
    return { kid: k.kid, published: this.d.keys.published().map((x) => x.kid), sites };
  }

  /**
   * Drops keys superseded more than maxAgeMs ago (the longest lease TTL: no token they signed is
   * still live) and, when one went, republishes every site's key set. Returns the retired key ids.
   * A key file that cannot be removed (read-only keys directory) is logged and counted
   * (edgefleet_signing_key_unlink_failures_total); the key is retired all the same.
   */
  retireKeys(maxAgeMs: number, nowMs: number): string[] {
    const { retired, unlinkFailures } = this.d.keys.retire(maxAgeMs, nowMs);
    for (const err of unlinkFailures) {
      this.d.metrics.signingKeyUnlinkFailures.inc();
      this.d.log.error(
        { err: err.toJSON() },
        'retired lease-signing key file not removed (retired in memory; it loads again at restart)',
      );
    }
    if (retired.length > 0) {
      this.publishAll().catch((err: unknown) =>
        this.d.log.warn({ err: describeError(err) }, 'config publish after key retirement failed'),
      );
    }
    return retired;
  }
}
