import data from './profiles.json' with { type: 'json' };
import { VENDORS, type Vendor } from './types.js';

/** How a profile's multiplier was obtained. */
export type ProfileConfidence =
  'reference' | 'datasheet' | 'derived' | 'field' | 'press' | 'simulated' | 'none';

/** One accelerator kind in the versioned profile table (src/profiles.json). */
export interface AcceleratorProfile {
  readonly id: string;
  /** 'any' only for the unknown fallback. */
  readonly vendor: Vendor | 'any';
  readonly name: string;
  /** Case-insensitive regular expressions tried against the model name the tool prints. */
  readonly match: readonly string[];
  /** Dense 16-bit TFLOPS behind the multiplier; null when the multiplier is not derived from one. */
  readonly tflops: number | null;
  /** Compute multiplier vs the reference H100 80GB SXM (= 1.0). */
  readonly multiplier: number;
  readonly memory_gib: number | null;
  readonly interconnect: string;
  /** Board power limit in watts from the same spec sheet; null when not published. */
  readonly tdp_w: number | null;
  readonly domestic: boolean;
  readonly confidence: ProfileConfidence;
  /** True for figures that must not be trusted blindly (unknown fallback, unverified press figures). */
  readonly flagged: boolean;
  /** The public spec sheet (with the figure) that the multiplier comes from. */
  readonly source: string;
  /** Where that source can be read (https); null only for the simulation profiles and the unknown fallback. */
  readonly source_url: string | null;
  /** PCI ids as `vendor:device` (lowercase hex, e.g. "10de:2330"); a match here beats a name match. */
  readonly pci_ids: readonly string[];
  /** Compute slices of the whole GPU for MIG (7 on A100/H100); null where MIG is not supported. */
  readonly mig_slices: number | null;
}

export interface ProfileTable {
  readonly version: string;
  readonly reference: { readonly id: string; readonly metric: string; readonly tflops: number };
  readonly profiles: readonly AcceleratorProfile[];
}

const PCI_ID = /^[0-9a-f]{4}:[0-9a-f]{4}$/;

const CONFIDENCES: readonly ProfileConfidence[] = [
  'reference',
  'datasheet',
  'derived',
  'field',
  'press',
  'simulated',
  'none',
];

function fail(msg: string): never {
  throw new Error(`firmware-hooks profiles.json: ${msg}`);
}

function isVendor(v: unknown): v is Vendor {
  return typeof v === 'string' && (VENDORS as readonly string[]).includes(v);
}

function vendorDomestic(vendor: Vendor): boolean {
  const entry = (data.vendors as Record<string, { domestic?: unknown } | undefined>)[vendor];
  if (typeof entry?.domestic !== 'boolean') fail(`vendors.${vendor}.domestic missing`);
  return entry.domestic;
}

function loadProfile(raw: Record<string, unknown>): AcceleratorProfile {
  const id = raw.id;
  if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) fail(`bad profile id ${String(id)}`);
  const vendor = raw.vendor;
  if (!(isVendor(vendor) || vendor === 'any')) fail(`${id}: bad vendor ${String(vendor)}`);
  const match = raw.match;
  if (!Array.isArray(match) || !match.every((m) => typeof m === 'string'))
    fail(`${id}: match must be a list of strings`);
  for (const m of match as string[]) new RegExp(m, 'i');
  const num = (k: string, nullable: boolean): number | null => {
    const v = raw[k];
    if (v === null && nullable) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      fail(`${id}: ${k} must be a non-negative number`);
    return v;
  };
  const multiplier = num('multiplier', false) as number;
  if (multiplier <= 0) fail(`${id}: multiplier must be > 0`);
  const confidence = raw.confidence as ProfileConfidence;
  if (!CONFIDENCES.includes(confidence)) fail(`${id}: bad confidence ${String(confidence)}`);
  for (const k of ['name', 'interconnect', 'source'] as const) {
    if (typeof raw[k] !== 'string' || !(raw[k] as string).trim())
      fail(`${id}: ${k} must be a non-empty string`);
  }
  const sourceUrl = raw.source_url ?? null;
  const needsUrl = confidence !== 'simulated' && confidence !== 'none';
  if (
    sourceUrl === null
      ? needsUrl
      : typeof sourceUrl !== 'string' || !/^https:\/\/\S+$/.test(sourceUrl)
  )
    fail(`${id}: source_url must be an https URL${needsUrl ? '' : ' or absent'}`);
  const pciIds = raw.pci_ids ?? [];
  if (!Array.isArray(pciIds) || !pciIds.every((x) => typeof x === 'string' && PCI_ID.test(x)))
    fail(`${id}: pci_ids must be "vvvv:dddd" lowercase hex`);
  const migSlices = raw.mig_slices ?? null;
  if (
    migSlices !== null &&
    !(typeof migSlices === 'number' && Number.isInteger(migSlices) && migSlices > 0)
  )
    fail(`${id}: mig_slices must be a positive integer`);
  const domestic =
    typeof raw.domestic === 'boolean'
      ? raw.domestic
      : vendor === 'any'
        ? false
        : vendorDomestic(vendor);
  return Object.freeze({
    id,
    vendor,
    name: raw.name as string,
    match: Object.freeze([...(match as string[])]),
    tflops: num('tflops', true),
    multiplier,
    memory_gib: num('memory_gib', true),
    interconnect: raw.interconnect as string,
    tdp_w: num('tdp_w', true),
    domestic,
    confidence,
    flagged: raw.flagged === true,
    source: raw.source as string,
    source_url: sourceUrl as string | null,
    pci_ids: Object.freeze([...(pciIds as string[])]),
    mig_slices: migSlices,
  });
}

const profiles = (data.profiles as Record<string, unknown>[]).map(loadProfile);
if (new Set(profiles.map((p) => p.id)).size !== profiles.length) fail('duplicate profile id');
const allPciIds = profiles.flatMap((p) => p.pci_ids);
// One id, one profile: otherwise a PCI match would depend on table order.
if (new Set(allPciIds).size !== allPciIds.length) fail('a PCI id is listed by two profiles');

/** The versioned profile table. */
export const PROFILE_TABLE: ProfileTable = Object.freeze({
  version: data.version,
  reference: Object.freeze({ ...data.reference }),
  profiles: Object.freeze(profiles),
});

/** Every profile, the `unknown` fallback last. */
export const PROFILES: readonly AcceleratorProfile[] = PROFILE_TABLE.profiles;

const byId = new Map(PROFILES.map((p) => [p.id, p]));
const UNKNOWN = byId.get('unknown') ?? fail('the "unknown" profile is missing');
const compiled = PROFILES.filter((p) => p.vendor !== 'any').map((p) => ({
  p,
  res: p.match.map((m) => new RegExp(m, 'i')),
}));
const unknownByVendor = new Map(
  VENDORS.map((v) => [
    v,
    Object.freeze({ ...UNKNOWN, vendor: v, domestic: vendorDomestic(v) }) as AcceleratorProfile,
  ]),
);

/** The flagged `unknown` profile (multiplier 0.1) with `domestic` taken from the vendor. */
export function unknownProfile(vendor: Vendor): AcceleratorProfile {
  return unknownByVendor.get(vendor) ?? UNKNOWN;
}

/** The vendor's profile whose `match` expressions fit the model name, first in table order. */
export function profileByModel(modelName: string, vendor: Vendor): AcceleratorProfile | undefined {
  const model = modelName.trim();
  if (!model) return undefined;
  return compiled.find(({ p, res }) => p.vendor === vendor && res.some((re) => re.test(model)))?.p;
}

export function profileById(id: string): AcceleratorProfile | undefined {
  return byId.get(id);
}

/**
 * The profile for a model name as a vendor tool prints it. Only the vendor's own profiles are
 * tried, in table order. No match gives the flagged `unknown` profile (multiplier 0.1), with
 * `domestic` taken from the vendor (an unrecognised Ascend is still a domestic chip).
 */
export function profileFor(modelName: string, vendor: Vendor): AcceleratorProfile {
  return profileByModel(modelName, vendor) ?? unknownProfile(vendor);
}
