/**
 * The parser of /proc/net/dev, where host metrics read network counters (pure: tested on fixed
 * text). It returns undefined for text it cannot read, so a kernel that formats differently costs
 * the network figures of a round, never the round.
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
