import { execFile } from 'node:child_process';

/**
 * sd_notify for Type=notify units. Node cannot send AF_UNIX datagrams without a native module, so
 * this runs `systemd-notify` (the unit sets NotifyAccess=all, since the message comes from a child
 * process); MAINPID is passed explicitly. Without $NOTIFY_SOCKET (not under systemd) it does nothing.
 * Resolves once the message is handed over (a failure is logged, never thrown).
 */
export function sdNotify(state: string): Promise<void> {
  if (!process.env.NOTIFY_SOCKET) return Promise.resolve();
  return new Promise((resolve) => {
    execFile('systemd-notify', [`--pid=${process.pid}`, state], (err) => {
      if (err) console.error(`warning: systemd-notify ${state} failed: ${err.message}`);
      resolve();
    });
  });
}

/** The watchdog interval systemd asks for (half of $WATCHDOG_USEC, in ms), or undefined when it asks for none. */
export function watchdogIntervalMs(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const usec = Number(env.WATCHDOG_USEC ?? 0);
  const forPid = Number(env.WATCHDOG_PID ?? process.pid);
  if (!env.NOTIFY_SOCKET || !(usec > 0) || forPid !== process.pid) return undefined;
  return Math.max(500, Math.floor(usec / 2000));
}

/**
 * Readiness and liveness for systemd: READY=1 once `isReady` first answers true (asked every
 * `pollMs` until then), then WATCHDOG=1 every WatchdogSec/2, each only when `isReady` answers true
 * at that moment. A process that stays not ready (database or broker away) stops pinging, and
 * systemd restarts it once WatchdogSec passes. Returns the stop function.
 */
export function startSystemdNotify(
  isReady: () => Promise<boolean>,
  o: { pollMs?: number } = {},
): () => void {
  if (!process.env.NOTIFY_SOCKET) return () => undefined;
  const watchdogMs = watchdogIntervalMs();
  let stopped = false;
  let announced = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    let ready = false;
    try {
      ready = await isReady();
    } catch (err) {
      console.error(`warning: readiness check failed: ${(err as Error).message}`);
    }
    if (stopped || !ready) return;
    if (!announced) {
      announced = true;
      await sdNotify('READY=1');
    }
    if (watchdogMs !== undefined) await sdNotify('WATCHDOG=1');
  };
  const schedule = () => {
    if (stopped) return;
    const next = announced ? watchdogMs : (o.pollMs ?? 500);
    if (next === undefined) return; // announced, no watchdog asked for: nothing more to send
    timer = setTimeout(() => void tick().then(schedule), next);
    timer.unref();
  };
  void tick().then(schedule);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
