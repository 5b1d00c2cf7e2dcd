import { migInstance, type MigInput } from './mig.js';
import { profileById, profileFor, unknownProfile, type AcceleratorProfile } from './profiles.js';
import { normalizePciId, resolveProfile } from './resolve.js';
import {
  ISOLATIONS,
  VENDORS,
  type HalAccelerator,
  type HalMigInstance,
  type Isolation,
  type Vendor,
} from './types.js';

/** What a parser knows about one device; hal() fills in the rest and normalizes. */
export interface AcceleratorInput {
  vendor: Vendor;
  model: string;
  serial?: string;
  index: string;
  /** Use this profile instead of matching the model name (simulation, operator override). */
  profileId?: string;
  memoryTotalMib?: number | null;
  memoryUsedMib?: number | null;
  utilizationPct?: number | null;
  temperatureC?: number | null;
  powerW?: number | null;
  slotsTotal?: number;
  slotsFree?: number;
  isolation?: Isolation;
  /** PCI device id as the tool prints it ("0x20B210DE", "0x738c"); it decides the profile over the name. */
  pciDeviceId?: string;
  /** MIG instances, where the tool lists them; each is sized against the resolved profile. */
  mig?: readonly MigInput[];
}

/** Fractions are sevenths and the like: their float sum may exceed 1 by rounding alone. */
const FRACTION_EPSILON = 1e-9;

function known(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function mib(v: number | null | undefined): number {
  return known(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER ? Math.round(v) : 0;
}

function count(v: number | undefined, fallback: number): number {
  return known(v) && v >= 0 && v <= 1_000_000 ? Math.floor(v) : fallback;
}

// An explicit profile id first (simulation, operator override), else the PCI id, else the name.
function deviceProfile(input: AcceleratorInput): AcceleratorProfile {
  const explicit = input.profileId !== undefined ? profileById(input.profileId) : undefined;
  if (explicit) return explicit;
  const r = resolveProfile({
    vendor: input.vendor,
    model: input.model,
    pciDeviceId: input.pciDeviceId,
  });
  return r.known ? r.profile : unknownProfile(input.vendor);
}

// Instances that claim more slices than the GPU has cannot all be what they say: none is sized.
function migInstances(inputs: readonly MigInput[], profile: AcceleratorProfile): HalMigInstance[] {
  const out = inputs.map((m) => migInstance(m, profile));
  const total = out.reduce((t, m) => t + (m.fraction ?? 0), 0);
  return total > 1 + FRACTION_EPSILON ? out.map((m) => ({ ...m, fraction: null })) : out;
}

/**
 * Builds a HAL accelerator: profile lookup, -1 for unknowns, no NaN, integer memory and slots,
 * and a serial that is never empty (`idx:<index>` when the tool prints no identifier at all).
 */
export function hal(input: AcceleratorInput): HalAccelerator {
  const profile = deviceProfile(input);
  const pci =
    input.pciDeviceId === undefined ? undefined : normalizePciId(input.pciDeviceId, input.vendor);
  const util = input.utilizationPct;
  const slotsTotal = count(input.slotsTotal, 1);
  const slotsFree = Math.min(slotsTotal, count(input.slotsFree, slotsTotal));
  const index = input.index.trim();
  return {
    vendor: input.vendor,
    model: input.model.trim(),
    // Never empty: burn records and the agent's slot table key devices by serial.
    serial: (input.serial ?? '').trim() || `idx:${index}`,
    index,
    profile_id: profile.id,
    memory_total_mib: mib(input.memoryTotalMib),
    memory_used_mib: mib(input.memoryUsedMib),
    utilization_pct: known(util) && util >= 0 && util <= 100 ? util : -1,
    temperature_c: known(input.temperatureC) ? input.temperatureC : -1,
    power_w: known(input.powerW) && input.powerW >= 0 ? input.powerW : -1,
    slots_total: slotsTotal,
    slots_free: slotsFree,
    isolation: input.isolation ?? 'whole',
    multiplier: profile.multiplier,
    domestic: profile.domestic,
    ...(pci !== undefined ? { pci_device_id: pci } : {}),
    ...(input.mig !== undefined ? { mig: migInstances(input.mig, profile) } : {}),
  };
}

/** Problems with an accelerator record (empty when it is valid). Used by tests and the agent's doctor. */
export function validateHal(a: HalAccelerator): string[] {
  const issues: string[] = [];
  const finite = (k: keyof HalAccelerator) => {
    const v = a[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) issues.push(`${k} is not a finite number`);
  };
  if (!(VENDORS as readonly string[]).includes(a.vendor)) issues.push(`vendor ${String(a.vendor)}`);
  if (!(ISOLATIONS as readonly string[]).includes(a.isolation))
    issues.push(`isolation ${String(a.isolation)}`);
  for (const k of ['model', 'serial', 'index', 'profile_id'] as const)
    if (typeof a[k] !== 'string') issues.push(`${k} is not a string`);
  for (const k of [
    'memory_total_mib',
    'memory_used_mib',
    'utilization_pct',
    'temperature_c',
    'power_w',
    'slots_total',
    'slots_free',
    'multiplier',
  ] as const)
    finite(k);
  for (const k of ['memory_total_mib', 'memory_used_mib', 'slots_total', 'slots_free'] as const) {
    if (!Number.isSafeInteger(a[k]) || a[k] < 0) issues.push(`${k} must be a non-negative integer`);
  }
  if (a.utilization_pct !== -1 && !(a.utilization_pct >= 0 && a.utilization_pct <= 100))
    issues.push('utilization_pct out of range');
  if (a.power_w !== -1 && !(a.power_w >= 0)) issues.push('power_w negative');
  if (a.slots_free > a.slots_total) issues.push('slots_free > slots_total');
  if (a.serial === '') issues.push('serial is empty');
  if (!(a.multiplier > 0)) issues.push('multiplier must be > 0');
  if (typeof a.domestic !== 'boolean') issues.push('domestic is not a boolean');
  if (profileById(a.profile_id) === undefined) issues.push(`unknown profile_id ${a.profile_id}`);
  if (a.mig !== undefined) {
    if (a.mig.length !== a.slots_total)
      issues.push(`mig lists ${a.mig.length} instances, slots_total is ${a.slots_total}`);
    for (const [i, m] of a.mig.entries())
      if (m.fraction !== null && !(m.fraction > 0 && m.fraction <= 1))
        issues.push(`mig[${i}].fraction out of range`);
    // Instances carve up one GPU: their slices cannot add up to more than it has.
    const total = a.mig.reduce((t, m) => t + (m.fraction ?? 0), 0);
    if (total > 1 + FRACTION_EPSILON) issues.push('mig fractions add up to more than the GPU');
  }
  return issues;
}

/** The same device under another model name (an operator override), with its profile looked up again. */
export function withModel(a: HalAccelerator, model: string): HalAccelerator {
  const p = profileFor(model, a.vendor);
  return {
    ...a,
    model: model.trim(),
    profile_id: p.id,
    multiplier: p.multiplier,
    domestic: p.domestic,
  };
}
