import { execFile } from 'node:child_process';

/**
 * sd_notify for Type=notify units. Node cannot send AF_UNIX datagrams without a native module, so
 * this runs `systemd-notify` (the unit sets NotifyAccess=all, since the message comes from a child
 * process); MAINPID is passed explicitly. Without $NOTIFY_SOCKET (not under systemd) it does nothing.
 */
export function sdNotify(state: string): void {
  if (!process.env.NOTIFY_SOCKET) return;
  execFile('systemd-notify', [`--pid=${process.pid}`, state], (err) => {
    if (err) console.error(`warning: systemd-notify ${state} failed: ${err.message}`);
  });
}

/** WATCHDOG=1 at half of $WATCHDOG_USEC while the event loop is alive; returns the stop function. */
export function startWatchdog(): () => void {
  const usec = Number(process.env.WATCHDOG_USEC ?? 0);
  const forPid = Number(process.env.WATCHDOG_PID ?? process.pid);
  if (!process.env.NOTIFY_SOCKET || !(usec > 0) || forPid !== process.pid) return () => undefined;
  const t = setInterval(() => sdNotify('WATCHDOG=1'), Math.max(500, Math.floor(usec / 2000)));
  t.unref();
  return () => clearInterval(t);
}
