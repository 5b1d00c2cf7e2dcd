import { readFile } from 'node:fs/promises';
import { cpus, freemem, totalmem } from 'node:os';
import { cpuBusyPct, cpuTicks, parseMemInfo, parseNetDev, type CpuTicks } from './host-sample.js';

export interface HostSample {
  cpu_pct: number;
  mem_used_bytes: number;
  mem_total_bytes: number;
  net_rx_bytes_per_s: number;
  net_tx_bytes_per_s: number;
}

/** Network counters since boot at one sample; the next sample's rates are the differences. */
interface NetCounters {
  atMs: number;
  rx: number;
  tx: number;
}

let cached: { at: number; value: HostSample } | undefined;
let inflight: Promise<HostSample> | undefined;
let prev: NetCounters | undefined;
let prevCpu: CpuTicks | undefined;

/**
 * Host CPU (busy share of every core since the previous sample, from os.cpus(): user + nice + sys +
 * irq over those and idle), memory (used = MemTotal − MemAvailable from one read of /proc/meminfo, as
 * `free` counts it; os.totalmem/freemem off Linux) and network (bytes/s since the previous sample over
 * every interface but loopback, from one read of /proc/net/dev; 0 off Linux). No child process, no
 * library: systeminformation, used here before, ran `cat /proc/stat | grep cpu` through a shell
 * (execSync, blocking) at each sample and its modules held ~1.8 MiB of the idle agent's heap.
 * Cached for a few seconds and shared by every agent in the process (the fleet simulator runs
 * thousands).
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
  const [meminfo, netdev] = await Promise.all([
    readFile('/proc/meminfo', 'utf8').catch(() => ''),
    readFile('/proc/net/dev', 'utf8').catch(() => ''),
  ]);
  const cpu = cpuTicks(cpus());
  const cpuPct = cpuBusyPct(prevCpu, cpu);
  prevCpu = cpu;
  const mem = parseMemInfo(meminfo) ?? { total: totalmem(), available: freemem() };
  const net = parseNetDev(netdev) ?? { rx: 0, tx: 0 };
  const now: NetCounters = { atMs: Date.now(), rx: net.rx, tx: net.tx };
  const p = prev;
  prev = now;
  const dS = p ? (now.atMs - p.atMs) / 1000 : 0;
  const rate = (cur: number, before: number) => (dS > 0 ? Math.max(0, cur - before) / dS : 0);
  const value: HostSample = {
    cpu_pct: cpuPct,
    mem_used_bytes: Math.max(0, mem.total - mem.available),
    mem_total_bytes: mem.total,
    net_rx_bytes_per_s: rate(now.rx, p?.rx ?? 0),
    net_tx_bytes_per_s: rate(now.tx, p?.tx ?? 0),
  };
  cached = { at: now.atMs, value };
  return value;
}
