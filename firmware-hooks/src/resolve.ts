import { PROFILES, profileByModel, type AcceleratorProfile } from './profiles.js';
import { VENDORS, type Vendor } from './types.js';

/** PCI vendor ids of the HAL vendors, for device ids that a tool prints without their vendor half. */
export const PCI_VENDOR_IDS: Readonly<Record<Exclude<Vendor, 'fake'>, string>> = Object.freeze({
  nvidia: '10de',
  amd: '1002',
  huawei: '19e5',
  cambricon: 'cabc',
  hygon: '1d94',
});

/** Raw device identity as an agent reports it: nothing here is trusted, it is only matched. */
export interface DeviceIdentity {
  /** Vendor as reported; a value outside VENDORS resolves to unknown. */
  vendor: string;
  /** Model name exactly as the vendor tool prints it. */
  model: string;
  /** PCI device id in any form the tools print: "0x20B210DE" (nvidia-smi), "0x738c", "10de:20b2". */
  pciDeviceId?: string;
  /** Device memory in MiB as the tool reports it; 0 or absent when unknown. */
  memoryMib?: number;
}

export type UnknownReason =
  'unknown_vendor' | 'no_match' | 'pci_model_conflict' | 'memory_mismatch';

/** A profile, or an explicit unknown that carries no multiplier: unknown hardware is not priced by guess. */
export type ProfileResolution =
  | {
      readonly known: true;
      readonly profile: AcceleratorProfile;
      readonly matchedBy: 'pci_id' | 'model';
    }
  | { readonly known: false; readonly reason: UnknownReason; readonly detail: string };

// A device may report a little more than the nominal GiB (H200: 143771 MiB for "141 GB"); more than
// this over the profile's memory means the identity and the profile cannot both be right.
const MEMORY_SLACK = 1.05;

function isVendor(v: string): v is Vendor {
  return (VENDORS as readonly string[]).includes(v);
}

/**
 * `vendor:device` in lowercase hex, or undefined when the text is no PCI id. nvidia-smi prints the
 * device and vendor halves together ("0x20B210DE"); other tools print the device half alone.
 */
export function normalizePciId(raw: string, vendor: string): string | undefined {
  const t = raw.trim().toLowerCase().replace(/^0x/, '');
  const pair = /^([0-9a-f]{4}):([0-9a-f]{4})$/.exec(t);
  if (pair) return `${pair[1]}:${pair[2]}`;
  if (/^[0-9a-f]{8}$/.test(t)) return `${t.slice(4)}:${t.slice(0, 4)}`;
  const vendorId = isVendor(vendor) && vendor !== 'fake' ? PCI_VENDOR_IDS[vendor] : undefined;
  if (vendorId && /^[0-9a-f]{1,4}$/.test(t)) return `${vendorId}:${t.padStart(4, '0')}`;
  return undefined;
}

const byPciId = new Map(PROFILES.flatMap((p) => p.pci_ids.map((id) => [id, p] as const)));

/**
 * The profile for a raw device identity. A PCI id listed by a profile wins over the model name; a
 * model name that names another profile of the vendor is a conflict, and a device with more memory
 * than its profile is a mismatch: both resolve to unknown so that an operator maps the device.
 */
export function resolveProfile(identity: DeviceIdentity): ProfileResolution {
  const { vendor, model } = identity;
  if (!isVendor(vendor))
    return {
      known: false,
      reason: 'unknown_vendor',
      detail: `vendor ${JSON.stringify(vendor)} is not one of ${VENDORS.join(', ')}`,
    };
  const pciId =
    identity.pciDeviceId === undefined ? undefined : normalizePciId(identity.pciDeviceId, vendor);
  const byPci = pciId === undefined ? undefined : byPciId.get(pciId);
  const byModel = profileByModel(model, vendor);
  if (byPci && byPci.vendor !== vendor)
    return {
      known: false,
      reason: 'pci_model_conflict',
      detail: `PCI id ${pciId} is a ${byPci.vendor} device, reported as ${vendor}`,
    };
  if (byPci && byModel && byPci.id !== byModel.id) {
    return {
      known: false,
      reason: 'pci_model_conflict',
      detail: `PCI id ${pciId} is ${byPci.id} but the model ${JSON.stringify(model)} is ${byModel.id}`,
    };
  }
  const profile = byPci ?? byModel;
  if (!profile)
    return {
      known: false,
      reason: 'no_match',
      detail: `no ${vendor} profile matches ${JSON.stringify(model)}${pciId ? ` or PCI id ${pciId}` : ''}`,
    };
  const mib = identity.memoryMib;
  if (
    profile.memory_gib !== null &&
    typeof mib === 'number' &&
    mib > profile.memory_gib * 1024 * MEMORY_SLACK
  ) {
    return {
      known: false,
      reason: 'memory_mismatch',
      detail: `${mib} MiB is more than ${profile.id} has (${profile.memory_gib} GiB)`,
    };
  }
  return { known: true, profile, matchedBy: byPci ? 'pci_id' : 'model' };
}
