import type { SpotCheckSettings } from './settings.js';

/**
 * What one canary showed. `wrong`: the answer differs from the known one. `slow`: the billed compute
 * (or the wall time) exceeds the envelope of the accelerator the site claims. `error`: no answer
 * (refused, failed, timed out) — counted, but it moves no reputation: routing already scores errors,
 * and a canary that never ran proves nothing either way.
 */
export type CanaryVerdict = 'pass' | 'wrong' | 'slow' | 'error';

export type ReputationRules = SpotCheckSettings['reputation'];

/**
 * A site's reputation after one canary, in [0, 1]: an exponentially weighted score that a wrong
 * answer or an envelope miss cuts by a fraction of what is left, and that a pass moves back towards 1
 * by a small fraction of the gap (recovery is slow on purpose: with the defaults one wrong answer
 * takes about 30 passes to undo, so a site cannot alternate lying and honesty at no cost).
 */
export function nextReputation(prev: number, verdict: CanaryVerdict, r: ReputationRules): number {
  const p = Math.min(1, Math.max(0, prev));
  switch (verdict) {
    case 'pass':
      return p + (1 - p) * r.passGain;
    case 'wrong':
      return p * (1 - r.wrongPenalty);
    case 'slow':
      return p * (1 - r.slowPenalty);
    case 'error':
      return p;
  }
}

/** Whether this reputation drains the site (not routable, unsettled earnings held on dispute). */
export const drains = (reputation: number, r: ReputationRules): boolean =>
  reputation < r.drainBelow;
