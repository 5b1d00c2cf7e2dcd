import { describe, expect, it } from 'vitest';
import {
  HookConfigError,
  HookExitError,
  HookParseError,
  HookTimeoutError,
  HookToolMissingError,
} from '../errors.js';
import { createHook } from '../registry.js';

describe('fake hook', () => {
  it('defaults to one simulated H100 and advances on every collect', async () => {
    const hook = createHook('fake');
    const a = await hook.collect();
    const b = await hook.collect();
    expect(a.hook).toBe('fake');
    expect(a.accelerators.map((x) => [x.profile_id, x.model, x.multiplier])).toEqual([
      ['fake-h100', 'NVIDIA H100 80GB HBM3', 1],
    ]);
    expect(b.accelerators[0]?.utilization_pct).not.toBe(a.accelerators[0]?.utilization_pct);
    expect(a.sitePowerW).toBeUndefined();
  });

  it('is reproducible with a seed, and takes a list of profiles with counts and MIG slots', async () => {
    const opts = {
      seed: 9,
      accelerators: [
        { profile: 'fake-910b', count: 3 },
        { profile: 'fake-h100', mig: 4 },
      ],
      sitePowerBaseW: 800,
    };
    const one = createHook('fake', opts);
    const two = createHook('fake', opts);
    const r1 = [await one.collect(), await one.collect()];
    const r2 = [await two.collect(), await two.collect()];
    expect(r1).toEqual(r2);
    expect(r1[0]?.accelerators.map((a) => a.profile_id)).toEqual([
      'fake-910b',
      'fake-910b',
      'fake-910b',
      'fake-h100',
    ]);
    expect(r1[0]?.accelerators[3]).toMatchObject({
      isolation: 'mig',
      slots_total: 4,
      slots_free: 4,
    });
    expect(r1[0]?.sitePowerW).toBeGreaterThan(800);
  });

  it('takes a string seed (the site id), different per site and repeatable', async () => {
    const u = async (seed: string) =>
      (await createHook('fake', { seed }).collect()).accelerators[0]?.utilization_pct;
    expect(await u('site-a')).toBe(await u('site-a'));
    expect(await u('site-a')).not.toBe(await u('site-b'));
  });

  it('simulates each failure mode of a real tool', async () => {
    await expect(createHook('fake', { fail: 'missing' }).collect()).rejects.toBeInstanceOf(
      HookToolMissingError,
    );
    await expect(createHook('fake', { fail: 'timeout' }).collect()).rejects.toBeInstanceOf(
      HookTimeoutError,
    );
    await expect(createHook('fake', { fail: 'exit' }).collect()).rejects.toBeInstanceOf(
      HookExitError,
    );
    await expect(createHook('fake', { fail: 'parse' }).collect()).rejects.toBeInstanceOf(
      HookParseError,
    );
  });

  it('rejects bad options', () => {
    expect(() => createHook('fake', { accelerators: [{ profile: 'fake-h100', mig: 9 }] })).toThrow(
      HookConfigError,
    );
    expect(() => createHook('fake', { accelerators: ['fake-h100'] })).toThrow(
      /accelerators\[0\] must be an object/,
    );
    expect(() => createHook('fake', { seeds: 3 })).toThrow(/unknown option/);
  });
});
