import { describe, expect, it } from 'vitest';
import { hostMetrics } from './host-metrics.js';
import { parseMeminfo, parseNetDev, parseProcStat } from './host-sample.js';

const STAT = `cpu  100 5 50 800 20 3 2 1 0 0
cpu0 50 2 25 400 10 1 1 0 0 0
intr 12345
`;
const MEMINFO = `MemTotal:        8000000 kB
MemFree:          500000 kB
MemAvailable:    6000000 kB
Buffers:          100000 kB
`;
const NETDEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 9999999    100    0    0    0     0          0         0  9999999     100    0    0    0     0       0          0
  eth0: 1000       10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0
  wlan0:  500        5    0    0    0     0          0         0      700       7    0    0    0     0       0          0
`;

describe('host /proc parsers', () => {
  it('/proc/stat: busy and total jiffies of the aggregate cpu line (idle and iowait are idle)', () => {
    expect(parseProcStat(STAT)).toEqual({ busy: 161, total: 981 });
    expect(parseProcStat('intr 1\n')).toBeUndefined();
    expect(parseProcStat('cpu a b c d\n')).toBeUndefined();
  });

  it('/proc/meminfo: total and available in bytes; MemFree when MemAvailable is missing', () => {
    expect(parseMeminfo(MEMINFO)).toEqual({ total: 8000000 * 1024, available: 6000000 * 1024 });
    expect(parseMeminfo('MemTotal: 100 kB\nMemFree: 40 kB\n')).toEqual({
      total: 102400,
      available: 40960,
    });
    expect(parseMeminfo('nothing here')).toBeUndefined();
  });

  it('/proc/net/dev: bytes over every interface but loopback', () => {
    expect(parseNetDev(NETDEV)).toEqual({ rx: 1500, tx: 2700 });
    expect(parseNetDev('header\nheader\n')).toBeUndefined();
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
