import { describe, expect, it } from 'vitest';
import { drains, nextReputation, type CanaryVerdict } from './reputation.js';
import { spotCheckSettingsSchema } from './settings.js';

const rules = spotCheckSettingsSchema.parse({}).reputation;
const run = (from: number, verdicts: CanaryVerdict[]): number =>
  verdicts.reduce((r, v) => nextReputation(r, v, rules), from);

describe('nextReputation', () => {
  it('stays within [0, 1] whatever happens', () => {
    let r = 1;
    for (let i = 0; i < 500; i++) {
      r = nextReputation(r, (['pass', 'wrong', 'slow', 'error'] as const)[i % 4] ?? 'pass', rules);
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1);
    }
    expect(nextReputation(1, 'pass', rules)).toBe(1);
    expect(nextReputation(2, 'error', rules)).toBe(1);
  });

  it('drains a site after two wrong answers, not after one', () => {
    expect(drains(run(1, ['wrong']), rules)).toBe(false);
    expect(drains(run(1, ['wrong', 'wrong']), rules)).toBe(true);
  });

  it('drains a site after seven envelope misses in a row, not after six', () => {
    expect(drains(run(1, Array<CanaryVerdict>(6).fill('slow')), rules)).toBe(false);
    expect(drains(run(1, Array<CanaryVerdict>(7).fill('slow')), rules)).toBe(true);
  });

  it('drains a site that misses one canary in five, however many it passes', () => {
    const verdicts = Array.from({ length: 200 }, (_, i): CanaryVerdict =>
      i % 5 === 4 ? 'slow' : 'pass',
    );
    expect(drains(run(1, verdicts), rules)).toBe(true);
  });

  it('an occasional miss among passes never drains an honest site', () => {
    // One miss in ten canaries (a noisy host): the score settles well above the threshold.
    const verdicts = Array.from({ length: 1000 }, (_, i): CanaryVerdict =>
      i % 10 === 9 ? 'slow' : 'pass',
    );
    let r = 1;
    let lowest = 1;
    for (const v of verdicts) {
      r = nextReputation(r, v, rules);
      lowest = Math.min(lowest, r);
    }
    expect(drains(lowest, rules)).toBe(false);
  });

  it('recovers slowly: one wrong answer takes dozens of passes to undo', () => {
    const after = run(1, ['wrong']);
    const passes = (target: number): number => {
      let r = after;
      let n = 0;
      while (r < target) {
        r = nextReputation(r, 'pass', rules);
        n++;
      }
      return n;
    };
    expect(passes(0.95)).toBeGreaterThan(30);
  });

  it('errors move nothing', () => {
    expect(run(0.8, ['error', 'error'])).toBe(0.8);
  });
});
