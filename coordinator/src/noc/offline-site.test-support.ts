import { pb } from '@edgefleet/proto';
import type { FleetRegistry } from '../fleet/registry.js';

/**
 * Enrolls `siteId`, brings both its links up, then drops both: the site is offline at once and the
 * NOC's next evaluation raises `site_offline:<siteId>`.
 */
export function takeSiteOffline(registry: FleetRegistry, siteId: string): void {
  registry.upsertEnrolled({ siteId, lat: 1, lon: 2 });
  registry.applyTelemetry(new pb.Telemetry({ site_id: siteId }));
  registry.setMqtt(siteId, true);
  registry.setStream(siteId, true);
  registry.setMqtt(siteId, false);
  registry.setStream(siteId, false);
  registry.sweep();
}
