import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { probePops } from './pop-rtt.js';

async function listening(): Promise<{ port: number; close: () => Promise<void> }> {
  const srv = createServer((s) => s.destroy());
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as AddressInfo).port,
    close: () => new Promise((r) => srv.close(() => r())),
  };
}

describe('probePops', () => {
  it('times a TCP connect to each reachable PoP and leaves out one that refuses', async () => {
    const up = await listening();
    const down = await listening();
    await down.close();
    try {
      const rtt = await probePops([
        { id: 'pop-up', host: '127.0.0.1', port: up.port },
        { id: 'pop-down', host: '127.0.0.1', port: down.port },
      ]);
      expect(rtt.map((r) => r.pop_id)).toEqual(['pop-up']);
      expect(rtt[0]?.rtt_ms).toBeGreaterThanOrEqual(0);
    } finally {
      await up.close();
    }
  });

  it('reports a simulated PoP at its value ±10 %, and skips a PoP with neither host:port nor a simulated value', async () => {
    const draws = [0, 1, 0.5];
    let i = 0;
    const rtt = await probePops(
      [
        { id: 'a', simulatedRttMs: 10 },
        { id: 'b', simulatedRttMs: 10 },
        { id: 'c', simulatedRttMs: 10 },
        { id: 'none' },
      ],
      { random: () => draws[i++] ?? 0 },
    );
    expect(rtt.map((r) => [r.pop_id, Math.round((r.rtt_ms ?? 0) * 1000) / 1000])).toEqual([
      ['a', 9],
      ['b', 11],
      ['c', 10],
    ]);
  });
});
