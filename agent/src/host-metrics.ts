import si from 'systeminformation';

export interface HostSample {
  cpu_pct: number;
  mem_used_bytes: number;
  mem_total_bytes: number;
  net_rx_bytes_per_s: number;
  net_tx_bytes_per_s: number;
}

let cached: { at: number; value: HostSample } | undefined;
let inflight: Promise<HostSample> | undefined;

/**
 * Host CPU, memory and network from systeminformation, cached for a few seconds and shared
 * by every agent in the process (the fleet simulator runs thousands).
 */
export async function hostMetrics(maxAgeMs = 5000): Promise<HostSample> {
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.value;
  if (inflight) return inflight;
  inflight = (async () => {
    const [load, mem, net] = await Promise.all([si.currentLoad(), si.mem(), si.networkStats('*')]);
    let rx = 0;
    let tx = 0;
    for (const n of net) {
      rx += Math.max(0, n.rx_sec ?? 0);
      tx += Math.max(0, n.tx_sec ?? 0);
    }
    const value: HostSample = {
      cpu_pct: load.currentLoad,
      mem_used_bytes: mem.active,
      mem_total_bytes: mem.total,
      net_rx_bytes_per_s: rx,
      net_tx_bytes_per_s: tx,
    };
    cached = { at: Date.now(), value };
    return value;
  })().finally(() => {
    inflight = undefined;
  });
  return inflight;
}
