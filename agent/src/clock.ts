/**
 * The agent's time. Lease tokens (iat/exp), renewals and the reconciliation window of every burn
 * are in the coordinator's time, so the agent reads time through this clock rather than
 * `Date.now()`:
 * - `local()` is the host clock plus `clock.offsetMs` from the settings (0 in production; tests and
 *   drills set it to run a site minutes ahead of or behind the coordinator).
 * - `now()` is coordinator time: `local()` corrected by the offset measured from the EdgeControl
 *   welcome (the coordinator's `server_time_ms` against the midpoint of hello → welcome), when
 *   following the coordinator is on. Until the first usable welcome it equals `local()`.
 * A sample whose round trip is longer than `maxSampleRttMs` is ignored (its error is up to half of it).
 */
export class AgentClock {
  private correction = 0;
  private synced = false;

  constructor(
    private readonly o: {
      offsetMs: number;
      followCoordinator: boolean;
      maxSampleRttMs?: number;
      base?: () => number;
    },
  ) {}

  /** The host clock as configured (with the drill offset), uncorrected. */
  local(): number {
    return (this.o.base ?? Date.now)() + this.o.offsetMs;
  }

  /** Coordinator time as far as the agent knows it. */
  now(): number {
    return this.local() + this.correction;
  }

  /** Measured coordinator − local skew, ms (0 until measured or when not following the coordinator). */
  get correctionMs(): number {
    return this.correction;
  }

  get isSynced(): boolean {
    return this.synced;
  }

  /**
   * One sample from a hello/welcome exchange (local send and receive times, the coordinator's time in
   * between). Returns the measured skew, or undefined when the sample was ignored.
   */
  sample(sentLocalMs: number, serverMs: number, receivedLocalMs: number): number | undefined {
    const rtt = receivedLocalMs - sentLocalMs;
    if (!(serverMs > 0) || rtt < 0 || rtt > (this.o.maxSampleRttMs ?? 2000)) return undefined;
    const skew = Math.round(serverMs - (sentLocalMs + receivedLocalMs) / 2);
    if (this.o.followCoordinator) {
      this.correction = skew;
      this.synced = true;
    }
    return skew;
  }
}

/**
 * `read` made monotonic: never less than a value it returned before. The inference path stamps
 * burns with coordinator time, and every welcome (a replica restarted, another replica's stream
 * came up) is a new clock sample that may step the correction back by a few ms; a burn stamped
 * across that step would end before it starts, and the ledger refuses such a record for good (the
 * site's chain would stop at it).
 */
export function neverBackwards(read: () => number): () => number {
  let last = -Infinity;
  return () => (last = Math.max(last, read()));
}
