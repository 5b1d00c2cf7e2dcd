import { describe, expect, it } from 'vitest';
import { HookConfigError } from '../errors.js';
import { detectHooks } from '../detect.js';
import { createHook } from '../registry.js';

describe('none hook', () => {
  it('reports no accelerators and no site power', async () => {
    expect(await createHook('none').collect()).toEqual({ hook: 'none', accelerators: [] });
  });

  it('takes no options and is never detected', async () => {
    expect(() => createHook('none', { accelerators: [] })).toThrow(HookConfigError);
    expect((await detectHooks()).map((d) => d.hook)).not.toContain('none');
  });
});
