import type { Site } from '../fleet/site.js';
import type { UnknownHardwareReason } from './resolve-accelerator.js';

/** One kind of hardware the coordinator cannot price, with the sites that report it (for the NOC). */
export interface UnknownHardwareEntry {
  vendor: string;
  modelString: string;
  pciDeviceId: string;
  migProfile: string;
  reason: UnknownHardwareReason;
  detail: string;
  /** Devices reporting it, over all sites. */
  devices: number;
  /** Sites reporting it (not routable until it is mapped), sorted. */
  sites: string[];
}

/**
 * Unknown hardware across the fleet, one entry per identity and reason, most widespread first.
 * Mapping its model string (POST /api/v1/hardware/mappings) makes those sites routable.
 */
export function listUnknownHardware(sites: Iterable<Site>): UnknownHardwareEntry[] {
  const byKey = new Map<string, UnknownHardwareEntry & { siteSet: Set<string> }>();
  for (const s of sites) {
    for (const u of s.unknownHardware) {
      const id = u.identity;
      const key = JSON.stringify([
        id.vendor,
        id.model,
        id.pciDeviceId ?? '',
        id.migProfile ?? '',
        u.reason,
      ]);
      let e = byKey.get(key);
      if (!e) {
        e = {
          vendor: id.vendor,
          modelString: id.model,
          pciDeviceId: id.pciDeviceId ?? '',
          migProfile: id.migProfile ?? '',
          reason: u.reason,
          detail: u.detail,
          devices: 0,
          sites: [],
          siteSet: new Set(),
        };
        byKey.set(key, e);
      }
      e.devices++;
      e.siteSet.add(s.siteId);
    }
  }
  return [...byKey.values()]
    .map(({ siteSet, ...e }) => ({ ...e, sites: [...siteSet].sort() }))
    .sort((a, b) => b.sites.length - a.sites.length || a.modelString.localeCompare(b.modelString));
}
