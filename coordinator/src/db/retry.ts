import { backoffDelay, sleep } from '@edgefleet/common';

/** serialization_failure and deadlock_detected: the transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

export const MAX_TX_ATTEMPTS = 6;

/** Runs `attempt` again (with jittered backoff) while it fails with a retryable error. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  maxAttempts = MAX_TX_ATTEMPTS,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= maxAttempts || !isRetryable(err)) throw err;
      await sleep(backoffDelay(i, 5, 200));
    }
  }
}
