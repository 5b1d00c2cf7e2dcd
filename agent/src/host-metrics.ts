import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import type Si from 'systeminformation';
import { cpuBusyPct, cpuTicks, parseNetDev, type CpuTicks } from './host-sample.js';

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
 * Host CPU (busy share of every core since the previous sample, from os.cpus()), memory
 * (systeminformation's mem: used = total − available, as `free` counts it; one read of /proc/meminfo
 * on Linux, no child process) and network (bytes/s since the previous sample over every interface but
 * loopback, from one read of /proc/net/dev). The CPU share is not systeminformation's currentLoad: on
 * Linux that runs `cat /proc/stat | grep cpu` through a shell with execSync (for steal and guest
 * time: systeminformation 5.33, lib/cpu.js getLoad) at each call, which blocks the event loop that
 * answers Infer for the fork and exec; networkStats likewise ran `cat` per interface (~0.9 % of a
 * core for the idle agent). Off Linux there is no /proc/net/dev: network rates are 0. Cached for a
 * few seconds and shared by every agent in the process (the fleet simulator runs thousands).
 */
export async function hostMetrics(maxAgeMs = 5000): Promise<HostSample> {
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.value;
  if (inflight) return inflight;
  inflight = sample().finally(() => {
    inflight = undefined;
  });
  return inflight;
}

/**
 * systeminformation's memory module (lib/memory.js: `mem()`), required at the first sample: an agent
 * with hostMetrics off never loads it. Its main entry loads all of its ~20 modules (graphics, wifi,
 * docker, printers…) and held ~1.8 MiB of heap for the life of the process; this module and its
 * util ~0.7 MiB (startup-modules.test.ts checks which files load).
 */
type SiMemory = Pick<typeof Si, 'mem'>;
let si: SiMemory | undefined;

async function sample(): Promise<HostSample> {
  si ??= createRequire(import.meta.url)('systeminformation/lib/memory.js') as SiMemory;
  const [mem, netdev] = await Promise.all([
    si.mem(),
    readFile('/proc/net/dev', 'utf8').catch(() => ''),
  ]);
  const cpu = cpuTicks(cpus());
  const cpuPct = cpuBusyPct(prevCpu, cpu);
  prevCpu = cpu;
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
