import type { AcceleratorProfile } from './profiles.js';
import type { HalMigInstance } from './types.js';

/** What a parser knows about one MIG instance; hal() sizes it against the parent's profile. */
export interface MigInput {
  /** Profile as nvidia-smi names it ("1g.10gb", "3g.40gb", "1c.3g.40gb", "1g.10gb+me"). */
  profile?: string;
  /** "MIG-…" from `nvidia-smi -L`. */
  uuid?: string;
  gpuInstanceId?: string;
  computeInstanceId?: string;
  /** Multiprocessor count, for `-q -x` output that names no profile. */
  multiprocessors?: number;
  memoryTotalMib?: number;
}

// "[<c>c.]<g>g.<mem>gb[+me]": a compute instance (the "c" part) gets its own share of the GPU
// instance's slices, so it, not the GPU instance, is what a lease runs on.
const PROFILE_NAME = /^(?:(\d+)c\.)?(\d+)g\.\d+gb(?:\+\w+)*$/i;

/** Compute slices a MIG profile name stands for (3 for "3g.40gb", 1 for "1c.3g.40gb"); undefined if unparsable. */
export function migProfileSlices(profile: string): number | undefined {
  const m = PROFILE_NAME.exec(profile.trim());
  if (!m) return undefined;
  const n = Number(m[1] ?? m[2]);
  return n > 0 ? n : undefined;
}

// Multiprocessors of one compute slice, only where a fixture shows them: `-q -x` (DTD v12) names no
// MIG profile, so its size is read off the SM count. A100: 14 per 1g (a100-sxm4-80gb-mig-q-x.xml);
// H100 SXM: 16 per 1g, 32 for 2g, 60 for 3g (h100-80gb-hbm3-mig-capture-590.48.01.txt), so the
// count is floored, and 7g (132 SMs) is capped at the GPU's slices.
const SMS_PER_SLICE: Readonly<Record<string, number>> = Object.freeze({
  'a100-80gb': 14,
  'a100-40gb': 14,
  'h100-80gb-sxm': 16,
});

function slicesOf(input: MigInput, parent: AcceleratorProfile): number | undefined {
  const named = input.profile ? migProfileSlices(input.profile) : undefined;
  if (named !== undefined) return named;
  const perSlice = SMS_PER_SLICE[parent.id];
  const sms = input.multiprocessors;
  if (
    perSlice === undefined ||
    parent.mig_slices === null ||
    sms === undefined ||
    !(sms >= perSlice)
  )
    return undefined;
  return Math.min(parent.mig_slices, Math.floor(sms / perSlice));
}

/**
 * A MIG instance's HAL record. Its fraction is its compute slices over the parent's (1g of 7 =
 * 1/7), never 1 / the number of instances; null when either side is unknown, so nothing bills a
 * guessed size.
 */
export function migInstance(input: MigInput, parent: AcceleratorProfile): HalMigInstance {
  const slices = slicesOf(input, parent);
  const fraction =
    slices !== undefined && parent.mig_slices !== null && slices <= parent.mig_slices
      ? slices / parent.mig_slices
      : null;
  const mem = input.memoryTotalMib;
  // The name nvidia-smi would print, where only the size is known ("1g.20gb" for 14 SMs and 19968 MiB).
  const derived =
    slices !== undefined && typeof mem === 'number' && mem > 0
      ? `${slices}g.${Math.round(mem / 1024)}gb`
      : '';
  return {
    profile: input.profile?.trim() || derived,
    uuid: input.uuid?.trim() ?? '',
    gpu_instance_id: input.gpuInstanceId?.trim() ?? '',
    compute_instance_id: input.computeInstanceId?.trim() ?? '',
    slices: slices ?? 0,
    fraction,
  };
}
