import type { Logger } from '@edgefleet/common';

/**
 * A warning that repeats every second while something is down (a database, a receiver) without
 * flooding the log: the first occurrence of each key is logged at once, then at most one line per
 * key every `everyMs` (default 60 s), with `repeatsSinceLastLine`, the occurrences it held back.
 */
export function throttledWarn(
  log: Logger,
  msg: string,
  everyMs = 60_000,
  now: () => number = Date.now,
): (key: string, fields: Record<string, unknown>) => void {
  const last = new Map<string, { atMs: number; held: number }>();
  return (key, fields) => {
    const t = now();
    const seen = last.get(key);
    if (seen && t - seen.atMs < everyMs) {
      seen.held++;
      return;
    }
    last.set(key, { atMs: t, held: 0 });
    log.warn({ ...fields, repeatsSinceLastLine: seen?.held ?? 0 }, msg);
  };
}
