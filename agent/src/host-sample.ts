/**
 * The parser of /proc/net/dev and the CPU busy share from os.cpus() times, where host metrics read
 * their network and CPU figures (pure: tested on fixed input). The parser returns undefined for text
 * it cannot read, so a kernel that formats differently costs the network figures of a round, never
 * the round.
 */

/** Received and sent bytes since boot over every interface but loopback (/proc/net/dev). */
export function parseNetDev(text: string): { rx: number; tx: number } | undefined {
  let rx = 0;
  let tx = 0;
  let seen = false;
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (f.length < 9 || !Number.isFinite(f[0]) || !Number.isFinite(f[8])) continue;
    seen = true;
    if (name === 'lo') continue;
    rx += f[0] as number;
    tx += f[8] as number;
  }
  return seen ? { rx, tx } : undefined;
}

/** CPU time (ms, summed over every core) spent busy and in all, as os.cpus() counts it. */
export interface CpuTicks {
  busy: number;
  total: number;
}

/** Sums os.cpus()'s times: busy is user + nice + sys + irq, total adds idle. */
export function cpuTicks(
  cpus: readonly { times: Record<'user' | 'nice' | 'sys' | 'idle' | 'irq', number> }[],
): CpuTicks {
  let busy = 0;
  let idle = 0;
  for (const { times: t } of cpus) {
    busy += t.user + t.nice + t.sys + t.irq;
    idle += t.idle;
  }
  return { busy, total: busy + idle };
}

/** Busy share of the CPU, in percent, between two readings (since boot when there is no earlier one). */
export function cpuBusyPct(before: CpuTicks | undefined, now: CpuTicks): number {
  const total = now.total - (before?.total ?? 0);
  const busy = now.busy - (before?.busy ?? 0);
  if (!(total > 0)) return 0;
  return Math.min(100, Math.max(0, (busy / total) * 100));
}
