import { describeError, type Logger } from '@edgefleet/common';
import type { SliceBackgroundStep } from './slices.js';

/**
 * Logs the slice book's background failures without flooding the log: the first failure of a step
 * at once, then at most one line per step every `everyMs` (default 60 s) with how many failed since
 * the last line. With the database gone the tick fails every second; this says so once a minute.
 */
export function sliceErrorLog(
  log: Logger,
  everyMs = 60_000,
  now: () => number = Date.now,
): (step: SliceBackgroundStep, err: unknown) => void {
  const last = new Map<SliceBackgroundStep, { atMs: number; since: number }>();
  return (step, err) => {
    const t = now();
    const seen = last.get(step);
    if (seen && t - seen.atMs < everyMs) {
      seen.since++;
      return;
    }
    last.set(step, { atMs: t, since: 0 });
    log.warn(
      { step, err: describeError(err), failedSinceLastLine: seen?.since ?? 0 },
      'ledger slices: background step failed (retried every tick)',
    );
  };
}
