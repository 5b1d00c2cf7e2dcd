/** What a closed-loop load run measured: completed ops, errors, ops/s and latency percentiles (ms). */
export interface LoadResult {
  ops: number;
  errors: number;
  perS: number;
  p50: number;
  p99: number;
  /** CPU time of the process that ran the load (all its threads), per completed op, µs. */
  cpuUsPerOp: number;
  firstError?: string;
}

/** The p-th percentile of an ascending list (NaN when empty). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Runs `op` with `concurrency` in flight for `seconds` (each worker loops until the deadline). */
export async function load(
  op: () => Promise<unknown>,
  seconds: number,
  concurrency: number,
): Promise<LoadResult> {
  const lat: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        try {
          await op();
          lat.push(performance.now() - s);
        } catch (err) {
          errors++;
          firstError ??= String(err);
        }
      }
    }),
  );
  const el = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  return {
    ops: lat.length,
    errors,
    perS: lat.length / el,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    cpuUsPerOp: (cpu.user + cpu.system) / Math.max(1, lat.length),
    ...(firstError ? { firstError } : {}),
  };
}
