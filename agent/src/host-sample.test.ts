import { describe, expect, it } from 'vitest';
import { hostMetrics } from './host-metrics.js';
import { cpuBusyPct, cpuTicks, parseNetDev } from './host-sample.js';

const NETDEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 9999999    100    0    0    0     0          0         0  9999999     100    0    0    0     0       0          0
  eth0: 1000       10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0
  wlan0:  500        5    0    0    0     0          0         0      700       7    0    0    0     0       0          0
`;

describe('/proc/net/dev parser', () => {
  it('/proc/net/dev: bytes over every interface but loopback', () => {
    expect(parseNetDev(NETDEV)).toEqual({ rx: 1500, tx: 2700 });
    expect(parseNetDev('header\nheader\n')).toBeUndefined();
  });
});

describe('CPU busy share', () => {
  const core = (user: number, idle: number) => ({
    times: { user, nice: 1, sys: 2, idle, irq: 1 },
  });
  it('sums busy (user + nice + sys + irq) and idle over every core', () => {
    expect(cpuTicks([core(10, 100), core(20, 50)])).toEqual({ busy: 38, total: 188 });
  });
  it('the busy share between two readings, in percent, held to 0..100', () => {
    expect(cpuBusyPct({ busy: 100, total: 1000 }, { busy: 150, total: 1200 })).toBe(25);
    expect(cpuBusyPct(undefined, { busy: 10, total: 40 })).toBe(25);
    expect(cpuBusyPct({ busy: 10, total: 40 }, { busy: 10, total: 40 })).toBe(0);
    expect(cpuBusyPct({ busy: 50, total: 40 }, { busy: 10, total: 80 })).toBe(0);
  });
});

describe('hostMetrics', () => {
  it('samples this host: a CPU percentage, memory within the total, non-negative network rates', async () => {
    const s = await hostMetrics(0);
    expect(s.cpu_pct).toBeGreaterThanOrEqual(0);
    expect(s.cpu_pct).toBeLessThanOrEqual(100);
    expect(s.mem_total_bytes).toBeGreaterThan(0);
    expect(s.mem_used_bytes).toBeGreaterThan(0);
    expect(s.mem_used_bytes).toBeLessThanOrEqual(s.mem_total_bytes);
    const again = await hostMetrics(0);
    expect(again.net_rx_bytes_per_s).toBeGreaterThanOrEqual(0);
    expect(again.net_tx_bytes_per_s).toBeGreaterThanOrEqual(0);
    // Within maxAgeMs the cached sample is shared.
    expect(await hostMetrics(60_000)).toBe(again);
  });
});
