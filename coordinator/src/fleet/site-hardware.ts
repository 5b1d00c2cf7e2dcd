import type { edgefleet } from '@edgefleet/proto';
import type { HardwareResolver } from '../hardware/hardware-resolver.js';
import type {
  AcceleratorIdentity,
  AcceleratorResolution,
  UnknownAccelerator,
} from '../hardware/resolve-accelerator.js';

type Accelerator = edgefleet.v1.Accelerator.$Properties;

/** One accelerator of a site as the coordinator resolved it (its MIG instances too, where listed). */
export interface ResolvedAccelerator {
  serial: string;
  /** The whole card. */
  card: AcceleratorResolution;
  /** Each MIG instance the site lists, in its order, sized from its profile name ('' = not named). */
  mig: { uuid: string; profile: string; resolution: AcceleratorResolution | undefined }[];
}

/** What routing and billing read of a site's hardware: never the agent's own multiplier or domestic flag. */
export interface SiteHardware {
  resolved: ResolvedAccelerator[];
  /** Highest resolved multiplier (0 when nothing resolved). */
  multiplier: number;
  /** Every accelerator resolved and domestic (false for a site with none). */
  domestic: boolean;
  /** Resolved profile ids and the vendors reported, for the accelerator-kind filter. */
  profileIds: string[];
  /** Devices (or MIG instances) the coordinator cannot price: the site is not routable while any is listed. */
  unknown: UnknownAccelerator[];
  /** The reported accelerators with profile_id, multiplier and domestic replaced by the coordinator's. */
  accelerators: Accelerator[];
}

/** The identity an agent reports for one accelerator: raw strings, nothing it computed. */
export function identityOf(a: Accelerator): AcceleratorIdentity {
  return {
    vendor: a.vendor ?? '',
    model: a.model ?? '',
    ...(a.pci_device_id ? { pciDeviceId: a.pci_device_id } : {}),
    ...(a.memory_total_mib ? { memoryMib: Number(a.memory_total_mib) } : {}),
  };
}

/**
 * Resolves a site's reported accelerators with the coordinator's own profiles. Whatever multiplier
 * or domestic flag the agent sent is overwritten in the stored copy, so nothing downstream can read it.
 */
export function resolveSiteHardware(
  accelerators: readonly Accelerator[],
  resolver: HardwareResolver,
): SiteHardware {
  const resolved: ResolvedAccelerator[] = [];
  const unknown: UnknownAccelerator[] = [];
  const ids = new Set<string>();
  let multiplier = 0;
  let domestic = accelerators.length > 0;
  const out: Accelerator[] = [];
  for (const a of accelerators) {
    const identity = identityOf(a);
    const card = resolver.resolve(identity);
    const mig = (a.mig ?? []).map((m) => {
      const profile = (m.profile ?? '').trim();
      // An unnamed instance (`-q -x` without a size) is bounded as its whole card.
      const resolution = profile
        ? resolver.resolve({ ...identity, migProfile: profile })
        : undefined;
      return { uuid: m.uuid ?? '', profile, resolution };
    });
    resolved.push({ serial: a.serial ?? '', card, mig });
    if (a.vendor) ids.add(a.vendor);
    if (card.kind === 'known') {
      ids.add(card.profile.id);
      multiplier = Math.max(multiplier, card.multiplier);
      domestic &&= card.domestic;
    } else {
      unknown.push(card);
      domestic = false;
    }
    for (const m of mig) if (m.resolution?.kind === 'unknown') unknown.push(m.resolution);
    out.push({
      ...a,
      profile_id: card.kind === 'known' ? card.profile.id : 'unknown',
      multiplier: card.kind === 'known' ? card.multiplier : 0,
      domestic: card.kind === 'known' && card.domestic,
    });
  }
  return { resolved, multiplier, domestic, profileIds: [...ids], unknown, accelerators: out };
}
