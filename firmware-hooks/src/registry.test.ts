import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HookConfigError } from './errors.js';
import { createHook, HOOK_DEFINITIONS, HOOK_NAMES } from './registry.js';

describe('hook registry', () => {
  it('finds every hooks/<name>.hook.ts by itself', () => {
    const files = readdirSync(new URL('./hooks/', import.meta.url))
      .filter((f) => f.endsWith('.hook.ts'))
      .map((f) => f.replace(/\.hook\.ts$/, ''))
      .sort();
    expect(HOOK_NAMES).toEqual(files);
    expect(HOOK_NAMES).toEqual([
      'amd-smi',
      'cnmon',
      'fake',
      'hy-smi',
      'ipmitool',
      'none',
      'npu-smi',
      'nvidia-smi',
      'rocm-smi',
    ]);
  });

  it('creates each hook under its own name', () => {
    for (const name of HOOK_NAMES) expect(createHook(name).name).toBe(name);
    for (const def of HOOK_DEFINITIONS) expect(def.description.length).toBeGreaterThan(10);
  });

  it('throws HookConfigError for an unknown hook, listing the known ones', () => {
    expect(() => createHook('hl-smi')).toThrow(HookConfigError);
    expect(() => createHook('hl-smi')).toThrow(/known hooks: amd-smi, cnmon, fake/);
  });
});
