import { readdirSync } from 'node:fs';
import { HookConfigError } from './errors.js';
import type { HookDefinition } from './hook.js';
import type { FirmwareHook } from './types.js';

const HOOK_FILE = /^([a-z0-9][a-z0-9-]*)\.hook\.(ts|js)$/;

function isDefinition(v: unknown): v is HookDefinition {
  const d = v as Partial<HookDefinition> | undefined;
  return typeof d?.name === 'string' && typeof d.create === 'function' && Array.isArray(d.tools);
}

/**
 * Every `hooks/<name>.hook.ts` (or `.js` once built) exports `hook: HookDefinition`; finding
 * them by file name is what makes a new vendor a single new file.
 */
async function discover(): Promise<Map<string, HookDefinition>> {
  const dir = new URL('./hooks/', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => HOOK_FILE.test(f))
    .sort();
  const defs = new Map<string, HookDefinition>();
  for (const file of files) {
    const base = HOOK_FILE.exec(file)?.[1] ?? file;
    if (defs.has(base)) continue; // both x.hook.ts and x.hook.js: the first is enough
    const mod = (await import(new URL(file, dir).href)) as { hook?: unknown };
    if (!isDefinition(mod.hook))
      throw new Error(`firmware-hooks: ${file} does not export a HookDefinition named "hook"`);
    if (mod.hook.name !== base)
      throw new Error(
        `firmware-hooks: ${file} defines hook "${mod.hook.name}"; the file must be named after it`,
      );
    defs.set(base, mod.hook);
  }
  return defs;
}

const registry = await discover();

/** Names of every hook, sorted. */
export const HOOK_NAMES: readonly string[] = Object.freeze([...registry.keys()]);

/** Hook definitions (name, tools, description), for detection and `doctor`. */
export const HOOK_DEFINITIONS: readonly HookDefinition[] = Object.freeze([...registry.values()]);

/** A hook by name. Unknown names and invalid options throw HookConfigError. */
export function createHook(name: string, options: Record<string, unknown> = {}): FirmwareHook {
  const def = registry.get(name);
  if (!def)
    throw new HookConfigError(name, `unknown hook; known hooks: ${HOOK_NAMES.join(', ')}`, {
      known: HOOK_NAMES,
    });
  return def.create(options);
}
