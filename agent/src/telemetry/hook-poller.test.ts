import { describe, expect, it } from 'vitest';
import { createHook, type HalAccelerator } from '@edgefleet/firmware-hooks';
import { agentConfigSchema } from '../config.js';
import { HookPoller, hooksFromConfig } from './hook-poller.js';

// The simulated hook, named as `sim` names it (an unset hook is `auto`: the host's vendor tool).
const hookConfig = (over: Record<string, unknown> = {}) =>
  agentConfigSchema.shape.hook.parse({ name: 'fake', ...over });

function poller(hook: ReturnType<typeof createHook>, powerHook?: ReturnType<typeof createHook>) {
  const seen: (readonly HalAccelerator[])[] = [];
  const errors: string[] = [];
  const p = new HookPoller({
    hook,
    powerHook,
    timeoutMs: 1000,
    onAccelerators: (a) => seen.push(a),
    onHookError: (h, c) => errors.push(`${h}:${c}`),
  });
  return { p, seen, errors };
}

describe('hooksFromConfig', () => {
  it('seeds the fake hook with the site id (each simulated site differs, and repeats), and adds the power hook when configured', async () => {
    const a = hooksFromConfig(hookConfig(), 'site-a');
    const a2 = hooksFromConfig(hookConfig(), 'site-a');
    const b = hooksFromConfig(hookConfig(), 'site-b');
    const util = async (h: { hook: ReturnType<typeof createHook> }) =>
      (await h.hook.collect()).accelerators[0]?.utilization_pct;
    expect(await util(a)).toBe(await util(a2));
    expect(await util(a)).not.toBe(await util(b));
    expect(a.powerHook).toBeUndefined();
    expect(hooksFromConfig(hookConfig({ power: 'fake' }), 'site-a').powerHook?.name).toBe('fake');
  });

  it('uses the hook it is given instead of the configured one', () => {
    const given = createHook('fake', { seed: 3 });
    expect(hooksFromConfig(hookConfig(), 'site-a', given).hook).toBe(given);
  });
});

describe('HookPoller', () => {
  it('reads the accelerators, hands them on, and without a power hook sums their power as the site draw', async () => {
    const { p, seen, errors } = poller(
      createHook('fake', { seed: 7, accelerators: [{ profile: 'fake-h100', count: 2 }] }),
    );
    await p.collect();
    expect(p.accelerators).toHaveLength(2);
    expect(seen).toEqual([p.accelerators]);
    expect(p.sitePowerW).toBeCloseTo(
      p.accelerators.reduce((s, a) => s + Math.max(0, a.power_w), 0),
    );
    expect([p.errors, errors]).toEqual([[], []]);
  });

  it('takes the site draw from the power hook when there is one', async () => {
    const power = createHook('fake', { seed: 1, accelerators: [], sitePowerBaseW: 5000 });
    const { p } = poller(createHook('fake', { seed: 7 }), power);
    await p.collect();
    expect(p.sitePowerW).toBeGreaterThanOrEqual(5000);
  });

  it('lists each failing hook with its code, keeps the last good reading, and clears the list when the round succeeds', async () => {
    let fail = false;
    const good = createHook('fake', { seed: 7 });
    const broken = createHook('fake', { fail: 'timeout' });
    const flaky = {
      name: 'fake',
      collect: (o?: { timeoutMs?: number }) => (fail ? broken.collect(o) : good.collect(o)),
    };
    const powerBroken = createHook('fake', { fail: 'exit' });
    const { p, seen, errors } = poller(flaky, powerBroken);
    await p.collect();
    const before = p.accelerators;
    expect(p.errors.map((e) => e.code)).toEqual(['HOOK_EXIT']);
    fail = true;
    await p.collect();
    expect(p.accelerators).toBe(before);
    expect(seen.at(-1)).toBe(before);
    expect(p.errors.map((e) => [e.hook, e.code])).toEqual([
      ['fake', 'HOOK_TIMEOUT'],
      ['fake', 'HOOK_EXIT'],
    ]);
    expect(p.errors[0]?.message).toContain('did not finish');
    expect(errors).toEqual(['fake:HOOK_EXIT', 'fake:HOOK_TIMEOUT', 'fake:HOOK_EXIT']);
  });
});
