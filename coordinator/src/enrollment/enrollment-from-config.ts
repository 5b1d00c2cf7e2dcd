import type { Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from '../config.js';
import type { FleetRegistry } from '../fleet/registry.js';
import type { SiteKeyBook } from '../fleet/site-keys.js';
import type { SiteStore } from '../fleet/site-store.js';
import type { SigningKeyRing } from '../keys/signing-keys.js';
import type { SiteCertificateIssuer } from '../pki/certificates.js';
import type { SiteConfigPublisher } from '../site-config/site-config.js';
import { SiteEnrollment } from './enrollment.js';

/**
 * Site enrollment on this replica: at most limits.maxSites enrolled sites; a new site is told where
 * to connect (this replica's MQTT URL and gRPC endpoint), the lease-signing keys in force at that
 * moment and, with gRPC TLS, the CA to pin and its certificate; its retained config is published.
 */
export function enrollmentFromConfig(
  config: Pick<CoordinatorConfig, 'limits'>,
  d: {
    sites: SiteStore;
    siteKeys: SiteKeyBook;
    registry: FleetRegistry;
    log: Logger;
    siteConfig: Pick<SiteConfigPublisher, 'publishSoon'>;
    keys: Pick<SigningKeyRing, 'published'>;
    endpoints: { mqttUrl: string; grpcEndpoint: string; tls: SiteCertificateIssuer | undefined };
  },
): SiteEnrollment {
  const { mqttUrl, grpcEndpoint, tls } = d.endpoints;
  return new SiteEnrollment({
    sites: d.sites,
    siteKeys: d.siteKeys,
    registry: d.registry,
    log: d.log,
    maxSites: config.limits.maxSites,
    publishConfig: (siteId) => d.siteConfig.publishSoon(siteId),
    endpoints: () => ({
      mqttUrl,
      grpcEndpoint,
      signingKeys: d.keys.published(),
      ...(tls ? { tls } : {}),
    }),
  });
}
