import { detectHooks, type DetectedHook } from '@edgefleet/firmware-hooks';
import type { AgentConfig } from '../config.js';

/** `hook.name` that means: use the vendor tool found on this host, else `none`. */
export const AUTO_HOOK = 'auto';

/**
 * Which accelerator hook `auto` picks when several vendor tools are installed (first found wins);
 * a detected hook not listed here comes after these. Power-only hooks (ipmitool) are never the
 * accelerator hook: they go in `hook.power`.
 */
export const ACCELERATOR_HOOK_PREFERENCE: readonly string[] = [
  'nvidia-smi',
  'npu-smi',
  'cnmon',
  'amd-smi',
  'rocm-smi',
  'hy-smi',
];
export const POWER_HOOKS: readonly string[] = ['ipmitool'];

/** The accelerator hook to use among the detected ones, or undefined when there is none. */
export function pickDetectedHook(found: readonly DetectedHook[]): DetectedHook | undefined {
  const rank = (h: string) => {
    const i = ACCELERATOR_HOOK_PREFERENCE.indexOf(h);
    return i < 0 ? ACCELERATOR_HOOK_PREFERENCE.length : i;
  };
  return [...found]
    .filter((f) => !POWER_HOOKS.includes(f.hook))
    .sort(
      (a, b) => rank(a.hook) - rank(b.hook) || (a.hook < b.hook ? -1 : a.hook > b.hook ? 1 : 0),
    )[0];
}

export interface SelectedHook {
  config: AgentConfig['hook'];
  /** How it was chosen, for the log and doctor. */
  source: 'configured' | 'detected' | 'none-found';
  detected?: DetectedHook;
}

/**
 * Resolves `hook.name: auto` (the default) to a concrete hook: the vendor tool found on this host
 * (its path as the hook's `command`, the configured options on top), or `none` when no tool is
 * found. Never `fake`: the simulated hook is used only when named (the fleet simulator, tests).
 */
export async function selectHook(
  c: AgentConfig['hook'],
  detect: () => Promise<DetectedHook[]> = () => detectHooks(),
): Promise<SelectedHook> {
  if (c.name !== AUTO_HOOK) return { config: c, source: 'configured' };
  const picked = pickDetectedHook(await detect());
  if (!picked) return { config: { ...c, name: 'none', options: {} }, source: 'none-found' };
  return {
    config: { ...c, name: picked.hook, options: { ...picked.options, ...c.options } },
    source: 'detected',
    detected: picked,
  };
}
