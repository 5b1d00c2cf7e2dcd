import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createHook, type HalAccelerator } from '@edgefleet/firmware-hooks';
import { agentConfigSchema } from '../config.js';
import { startSiteHooks } from './site-hooks.js';

const hookConfig = (over: Record<string, unknown> = {}) =>
  agentConfigSchema.shape.hook.parse({ name: 'fake', ...over });

function start(over: Partial<Parameters<typeof startSiteHooks>[0]> = {}) {
  const log = createLogger('test', 'silent');
  const warn = vi.spyOn(log, 'warn');
  const info = vi.spyOn(log, 'info');
  const seen: (readonly HalAccelerator[])[] = [];
  const hooks = startSiteHooks({
    config: hookConfig(),
    siteId: 'site-a',
    onAccelerators: (a) => seen.push(a),
    log,
    ...over,
  });
  return { hooks, seen, warn, info };
}

describe('startSiteHooks (the firmware hooks a site starts with)', () => {
  it('collects the first round before it resolves, so the slot table is filled before any lease', async () => {
    const { hooks, seen } = start();
    const poller = await hooks;
    expect(seen).toHaveLength(1);
    expect(poller.accelerators.length).toBeGreaterThan(0);
    expect(seen[0]).toEqual(poller.accelerators);
  });

  it('warns about the simulated hook on a real site, but not in the simulator or when the hook is passed in', async () => {
    const real = start();
    await real.hooks;
    expect(real.warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringContaining('hook fake'),
    ]);
    const sim = start({ simulator: true });
    await sim.hooks;
    expect(sim.warn).not.toHaveBeenCalled();
    const given = start({ hook: createHook('fake', { seed: 'x' }) });
    await given.hooks;
    expect(given.warn).not.toHaveBeenCalled();
  });

  it('resolves auto through the selector, logs the choice, and warns when no tool was found', async () => {
    const { hooks, seen, warn, info } = start({
      config: hookConfig({ name: 'auto' }),
      select: (c) =>
        Promise.resolve({ config: { ...c, name: 'none', options: {} }, source: 'none-found' }),
    });
    const poller = await hooks;
    expect(poller.accelerators).toEqual([]);
    expect(seen).toEqual([[]]);
    expect(info.mock.calls.map((c) => c[1])).toContain('firmware hook none (none-found)');
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringContaining('no accelerator tool found'),
    ]);
  });
});
