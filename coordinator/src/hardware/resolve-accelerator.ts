import {
  migProfileSlices,
  profileById,
  resolveProfile,
  type AcceleratorProfile,
  type UnknownReason,
} from '@edgefleet/firmware-hooks';

/**
 * Raw device identity as an agent reports it (telemetry `Accelerator`). Nothing here is trusted:
 * the coordinator only matches it against its own profile table and the operator's mappings. A
 * multiplier or a domestic flag the agent sends is never part of it.
 */
export interface AcceleratorIdentity {
  /** Vendor as reported ("nvidia", "huawei", …). */
  vendor: string;
  /** Model name exactly as the vendor tool prints it. */
  model: string;
  /** PCI id in any form the tools print ("0x233010DE", "10de:2330"). */
  pciDeviceId?: string;
  /** Device memory in MiB; 0 or absent when unknown. */
  memoryMib?: number;
  /** MIG profile of the slot ("3g.40gb") where the slot is a MIG instance. */
  migProfile?: string;
}

/** Why the coordinator cannot price a device: the table's reasons, plus its own. */
export type UnknownHardwareReason =
  | UnknownReason
  /** The simulation profiles (vendor `fake`) are no hardware a site may claim. */
  | 'simulated'
  /** A MIG profile name that does not parse, or names more slices than the parent GPU has. */
  | 'mig_profile';

export interface KnownAccelerator {
  readonly kind: 'known';
  readonly profile: AcceleratorProfile;
  /** The whole card's multiplier vs the reference H100 (coordinator's table). */
  readonly multiplier: number;
  readonly domestic: boolean;
  readonly matchedBy: 'pci_id' | 'model' | 'operator';
  /** Share of the card the slot is: its compute slices over the parent's for a MIG instance, else 1. */
  readonly fraction: number;
  /** Compute slices of a MIG instance (3 for "3g.40gb"); absent when the slot is no MIG instance. */
  readonly migSlices?: number;
}

export interface UnknownAccelerator {
  readonly kind: 'unknown';
  readonly identity: AcceleratorIdentity;
  readonly reason: UnknownHardwareReason;
  readonly detail: string;
}

export type AcceleratorResolution = KnownAccelerator | UnknownAccelerator;

/** Operator mappings: model key (modelKey) → profile id. */
export type HardwareMappings = ReadonlyMap<string, string>;

// As firmware-hooks' resolveProfile: a little over the nominal GiB is normal, more is a mismatch.
const MEMORY_SLACK = 1.05;

/** The key an operator mapping is stored under: trimmed, inner spaces collapsed, lower case. */
export function modelKey(model: string): string {
  return model.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A profile an operator may map hardware to: a real one (not a simulation stand-in, not the fallback). */
export function mappableProfile(id: string): AcceleratorProfile | undefined {
  const p = profileById(id);
  return p && p.vendor !== 'any' && p.vendor !== 'fake' && p.confidence !== 'simulated'
    ? p
    : undefined;
}

function unknown(
  identity: AcceleratorIdentity,
  reason: UnknownHardwareReason,
  detail: string,
): UnknownAccelerator {
  return { kind: 'unknown', identity, reason, detail };
}

function tooMuchMemory(identity: AcceleratorIdentity, p: AcceleratorProfile): boolean {
  const mib = identity.memoryMib;
  return (
    p.memory_gib !== null && typeof mib === 'number' && mib > p.memory_gib * 1024 * MEMORY_SLACK
  );
}

/** The profile from the table, else from an operator mapping; an UnknownAccelerator otherwise. */
function profileOf(
  identity: AcceleratorIdentity,
  mappings: HardwareMappings,
): { profile: AcceleratorProfile; matchedBy: KnownAccelerator['matchedBy'] } | UnknownAccelerator {
  const r = resolveProfile({
    vendor: identity.vendor,
    model: identity.model,
    ...(identity.pciDeviceId ? { pciDeviceId: identity.pciDeviceId } : {}),
    ...(identity.memoryMib ? { memoryMib: identity.memoryMib } : {}),
  });
  if (r.known) {
    if (r.profile.confidence === 'simulated' || r.profile.vendor === 'fake')
      return unknown(
        identity,
        'simulated',
        `${r.profile.id} is a simulation profile, not hardware a site can claim`,
      );
    return { profile: r.profile, matchedBy: r.matchedBy };
  }
  // An operator mapping names what the table does not know; a device whose own identity
  // contradicts itself (PCI id vs name, memory vs profile) stays unknown until it is looked at.
  if (r.reason === 'no_match' || r.reason === 'unknown_vendor') {
    const mappedId = mappings.get(modelKey(identity.model));
    const mapped = mappedId === undefined ? undefined : mappableProfile(mappedId);
    if (mapped) {
      if (tooMuchMemory(identity, mapped))
        return unknown(
          identity,
          'memory_mismatch',
          `${identity.memoryMib} MiB is more than ${mapped.id} (mapped by an operator) has (${mapped.memory_gib} GiB)`,
        );
      return { profile: mapped, matchedBy: 'operator' };
    }
  }
  return unknown(identity, r.reason, r.detail);
}

/**
 * The coordinator's view of one accelerator (or MIG instance) from the raw identity its site
 * reports: the profile table first (PCI id, then model name), then the operator's mappings for
 * model strings the table does not know. Unknown hardware gets no multiplier at all: it is not
 * routable until an operator maps it. A MIG instance's fraction is its compute slices over the
 * parent's (1g of 7 = 1/7), read from the MIG profile name, never 1 / the number of instances.
 */
export function resolveAccelerator(
  identity: AcceleratorIdentity,
  mappings: HardwareMappings = new Map(),
): AcceleratorResolution {
  const found = profileOf(identity, mappings);
  if ('kind' in found) return found;
  const { profile, matchedBy } = found;
  const base = {
    kind: 'known' as const,
    profile,
    multiplier: profile.multiplier,
    domestic: profile.domestic,
    matchedBy,
  };
  const mig = identity.migProfile?.trim();
  if (!mig) return { ...base, fraction: 1 };
  const slices = migProfileSlices(mig);
  if (slices === undefined)
    return unknown(identity, 'mig_profile', `MIG profile ${JSON.stringify(mig)} does not parse`);
  if (profile.mig_slices === null || slices > profile.mig_slices)
    return unknown(
      identity,
      'mig_profile',
      profile.mig_slices === null
        ? `${profile.id} has no MIG, yet the slot is MIG instance ${mig}`
        : `MIG profile ${mig} has ${slices} slices; ${profile.id} has ${profile.mig_slices}`,
    );
  return { ...base, fraction: slices / profile.mig_slices, migSlices: slices };
}
