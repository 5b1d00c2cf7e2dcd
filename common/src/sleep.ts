import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits `ms`, or less if `signal` aborts (then it resolves, it does not throw: callers loop on
 * `signal.aborted`). node:timers/promises removes its abort listener when the timer fires; a
 * hand-rolled listener per call piled up on long-lived signals (MaxListenersExceededWarning).
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (err) {
    if (!(err instanceof Error && err.name === 'AbortError')) throw err;
  }
}
