import { EdgefleetError } from '@edgefleet/common';

/**
 * The run could not start: the first vehicle's acquire failed (coordinator unreachable, token
 * refused, balance too low, no site…). The code is the cause's (UNAUTHORIZED,
 * COORDINATOR_UNAVAILABLE…), so scripts can tell the cases apart.
 */
export class LoadgenStartError extends EdgefleetError {
  constructor(coordinator: string, cause: unknown) {
    const code = cause instanceof EdgefleetError ? cause.code : 'LOADGEN_START_FAILED';
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      code,
      `loadgen cannot start: the first acquire at ${coordinator} failed: ${why.startsWith(code) ? why : `${code}: ${why}`}`,
      { coordinator, ...(cause instanceof EdgefleetError ? { cause: cause.data } : {}) },
      { cause },
    );
  }
}

/** The run finished but not one request was served: the report is printed, the exit code says so. */
export class NothingServedError extends EdgefleetError {
  constructor(data: {
    acquiresFailed: number;
    infersFailed: number;
    errors: Record<string, number>;
  }) {
    const top = Object.entries(data.errors)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ');
    super(
      'NOTHING_SERVED',
      `loadgen served no request (${data.acquiresFailed} acquires and ${data.infersFailed} infers failed${top ? `: ${top}` : ''})`,
      data,
    );
  }
}
