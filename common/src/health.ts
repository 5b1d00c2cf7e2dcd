import { EdgefleetError } from './errors.js';

/**
 * Readiness checks, shared by the coordinator's and the agent's /readyz (and the systemd watchdog,
 * which pings only while ready). A check answers `true` (pass) or a short reason it fails; one that
 * throws or does not answer within the timeout fails too. Reasons are this code's own words or an
 * EdgefleetError's code, never a driver's message: /readyz needs no token.
 */
export type CheckOutcome = true | string;

export interface HealthCheck {
  name: string;
  check(): CheckOutcome | Promise<CheckOutcome>;
}

export interface CheckResult {
  status: 'pass' | 'fail';
  /** Why it fails (absent when it passes). */
  reason?: string;
  durationMs: number;
}

export interface Readiness {
  status: 'pass' | 'fail';
  checks: Record<string, CheckResult>;
}

/** The reason a thrown error gives: its EdgefleetError code, else only that it threw. */
function reasonOf(err: unknown): string {
  return err instanceof EdgefleetError ? err.code : 'check failed';
}

async function runOne(c: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  let outcome: CheckOutcome;
  try {
    outcome = await Promise.race([Promise.resolve().then(() => c.check()), timeout]);
  } catch (err) {
    outcome = reasonOf(err);
  } finally {
    clearTimeout(timer);
  }
  const durationMs = Math.round(performance.now() - t0);
  return outcome === true
    ? { status: 'pass', durationMs }
    : { status: 'fail', reason: outcome, durationMs };
}

/** Runs every check at once, each bounded by `timeoutMs`; ready when all pass. */
export async function runChecks(
  checks: readonly HealthCheck[],
  timeoutMs: number,
): Promise<Readiness> {
  const results = await Promise.all(checks.map((c) => runOne(c, timeoutMs)));
  const out: Record<string, CheckResult> = {};
  checks.forEach((c, i) => (out[c.name] = results[i] as CheckResult));
  return { status: results.every((r) => r.status === 'pass') ? 'pass' : 'fail', checks: out };
}
