import { readFile } from 'node:fs/promises';
import { cpus, freemem, totalmem } from 'node:os';
import { parseMeminfo, parseNetDev, parseProcStat } from './host-sample.js';

export interface HostSample {
  cpu_pct: number;
  mem_used_bytes: number;
  mem_total_bytes: number;
  net_rx_bytes_per_s: number;
  net_tx_bytes_per_s: number;
}

/** Counters since boot at one sample; the next sample's rates are the differences. */
interface Counters {
  atMs: number;
  cpuBusy: number;
  cpuTotal: number;
  rx: number;
  tx: number;
}

let cached: { at: number; value: HostSample } | undefined;
let inflight: Promise<HostSample> | undefined;
let prev: Counters | undefined;

const read = (path: string) => readFile(path, 'utf8').catch(() => '');

/** CPU from os.cpus() where there is no /proc/stat (not Linux). */
function osCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

/**
 * Host CPU (% busy since the previous sample; since boot for the first), memory (used = total −
 * available, as `free` counts it) and network (bytes/s since the previous sample, loopback
 * excluded) read straight from /proc: three small file reads, no child process (systeminformation,
 * used before, spawned tools to enumerate interfaces and cost the idle agent ~0.9 % of a core).
 * Off Linux: os.cpus()/os.freemem(), no network figures. Cached for a few seconds and shared by
 * every agent in the process (the fleet simulator runs thousands).
 */
export async function hostMetrics(maxAgeMs = 5000): Promise<HostSample> {
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.value;
  if (inflight) return inflight;
  inflight = sample().finally(() => {
    inflight = undefined;
  });
  return inflight;
}

async function sample(): Promise<HostSample> {
  const [stat, meminfo, netdev] = await Promise.all([
    read('/proc/stat'),
    read('/proc/meminfo'),
    read('/proc/net/dev'),
  ]);
  const cpu = parseProcStat(stat) ?? osCpu();
  const mem = parseMeminfo(meminfo) ?? { total: totalmem(), available: freemem() };
  const net = parseNetDev(netdev) ?? { rx: 0, tx: 0 };
  const now: Counters = {
    atMs: Date.now(),
    cpuBusy: cpu.busy,
    cpuTotal: cpu.total,
    rx: net.rx,
    tx: net.tx,
  };
  const p = prev;
  prev = now;
  const dTotal = now.cpuTotal - (p?.cpuTotal ?? 0);
  const dS = p ? (now.atMs - p.atMs) / 1000 : 0;
  const rate = (cur: number, before: number) => (dS > 0 ? Math.max(0, cur - before) / dS : 0);
  const value: HostSample = {
    cpu_pct: dTotal > 0 ? (Math.max(0, now.cpuBusy - (p?.cpuBusy ?? 0)) / dTotal) * 100 : 0,
    mem_used_bytes: Math.max(0, mem.total - mem.available),
    mem_total_bytes: mem.total,
    net_rx_bytes_per_s: rate(now.rx, p?.rx ?? 0),
    net_tx_bytes_per_s: rate(now.tx, p?.tx ?? 0),
  };
  cached = { at: now.atMs, value };
  return value;
}
