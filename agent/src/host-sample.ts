/**
 * Parsers of the Linux /proc files host metrics come from (pure: tested on fixed text). Each
 * returns undefined for text it cannot read, so a kernel that formats differently costs the host
 * metrics of a round, never the round.
 */

/** The aggregate `cpu` line of /proc/stat: busy and total jiffies since boot. */
export function parseProcStat(text: string): { busy: number; total: number } | undefined {
  const line = text.slice(0, text.indexOf('\n') >>> 0);
  const f = line.trim().split(/\s+/);
  if (f[0] !== 'cpu' || f.length < 5) return undefined;
  const n = f.slice(1).map(Number);
  if (n.some((x) => !Number.isFinite(x))) return undefined;
  // user nice system idle iowait irq softirq steal [guest guest_nice: already in user/nice]
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = n;
  const idleAll = idle + iowait;
  const total = user + nice + system + idleAll + irq + softirq + steal;
  return { busy: total - idleAll, total };
}

/** MemTotal and MemAvailable of /proc/meminfo, in bytes. */
export function parseMeminfo(text: string): { total: number; available: number } | undefined {
  const kb = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : undefined;
  };
  const total = kb('MemTotal');
  const available = kb('MemAvailable') ?? kb('MemFree');
  return total === undefined || available === undefined ? undefined : { total, available };
}

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
