import {
  HookConfigError,
  HookExitError,
  HookParseError,
  HookTimeoutError,
  HookToolMissingError,
} from '../errors.js';
import { FakeSim, type FakeDeviceSpec } from '../fake-sim.js';
import type { HookDefinition } from '../hook.js';
import { HookOptions } from '../hook.js';
import { profileById } from '../profiles.js';
import type { FirmwareHook } from '../types.js';

const NAME = 'fake';
const FAILURES = ['none', 'missing', 'timeout', 'exit', 'parse'] as const;

function deviceSpecs(o: HookOptions): FakeDeviceSpec[] {
  const raw = o.list('accelerators') ?? [{ profile: 'fake-h100', count: 1 }];
  return raw.map((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      throw new HookConfigError(NAME, `accelerators[${i}] must be an object`, { index: i });
    const d = new HookOptions(NAME, r as Record<string, unknown>).only([
      'profile',
      'count',
      'mig',
      'timeslice',
    ]);
    const profile = d.string('profile');
    if (!profile || !profileById(profile))
      throw new HookConfigError(NAME, `accelerators[${i}].profile must be a profile id`, {
        index: i,
        profile,
      });
    const mig = d.number('mig', 1, 7);
    const timeslice = d.number('timeslice', 1, 64);
    return {
      profile,
      count: d.number('count', 0, 4096) ?? 1,
      ...(mig ? { mig: Math.floor(mig) } : {}),
      ...(timeslice ? { timeslice: Math.floor(timeslice) } : {}),
    };
  });
}

/** FNV-1a: a string seed (e.g. the site id, so each simulated site differs but repeats) → uint32. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function seedOf(o: HookOptions, raw: unknown): number {
  if (typeof raw === 'string') return fnv1a(o.string('seed') ?? '');
  return Math.floor(o.number('seed', 0, 2 ** 32 - 1) ?? 1);
}

/**
 * Simulation. Options: `accelerators` ([{ profile: 'fake-h100', count: 2, mig?: 4, timeslice?: 2 }],
 * any profile id), `seed` (a number, or a string such as the site id; default 1), `sitePowerBaseW` (adds sitePowerW), and `fail`
 * ('missing' | 'timeout' | 'exit' | 'parse') to make every collect fail like a broken tool would.
 * Each collect() advances a deterministic random walk of utilization, temperature and power.
 */
export const hook: HookDefinition = {
  name: NAME,
  description:
    'Simulated accelerators with a seedable random walk (for tests, demo and the fleet simulator)',
  tools: [],
  create(options): FirmwareHook {
    const o = new HookOptions(NAME, options).only([
      'accelerators',
      'seed',
      'sitePowerBaseW',
      'fail',
    ]);
    const base = o.number('sitePowerBaseW', 0, 1e7);
    const sim = new FakeSim({
      devices: deviceSpecs(o),
      seed: seedOf(o, options.seed),
      ...(base !== undefined ? { sitePowerBaseW: base } : {}),
    });
    const fail = o.oneOf('fail', FAILURES, 'none');
    return {
      name: NAME,
      collect() {
        switch (fail) {
          case 'missing':
            return Promise.reject(new HookToolMissingError(NAME, 'fake-smi'));
          case 'timeout':
            return Promise.reject(new HookTimeoutError(NAME, 'fake-smi', 5000));
          case 'exit':
            return Promise.reject(
              new HookExitError(NAME, 'fake-smi', 3, null, 'simulated failure'),
            );
          case 'parse':
            return Promise.reject(new HookParseError(NAME, 'simulated garbage', 'garbage'));
          default:
            return Promise.resolve({ hook: NAME, ...sim.step() });
        }
      },
    };
  },
};
