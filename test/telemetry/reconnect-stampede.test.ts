import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, runTs, type Proc } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';

const SITES = 50;
const port = (url: string) => Number(/:(\d+)\/?$/.exec(url)?.[1]);

/**
 * A coordinator restart (SIGKILL, then a new process on the same ports and data dir) with 50
 * real agents in one `edgefleet-agent sim` process: every site comes back online, and the
 * agents' MQTT reconnects (exponential backoff, full jitter) are spread out in time instead
 * of arriving in one burst. Measured where it matters: at the new coordinator's broker.
 */
describe('reconnect without a stampede after a coordinator restart', () => {
  let coord: CoordinatorProc | undefined;
  let sim: Proc | undefined;
  afterAll(async () => {
    await sim?.kill('SIGKILL');
    await coord?.proc.kill();
  });

  it(`brings ${SITES} sites back online with their reconnects spread over time`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ef-coord-'));
    coord = await startCoordinatorProcess({}, dataDir);
    sim = runTs('agent/src/cli.ts', [
      'sim',
      '--sites',
      String(SITES),
      '--coordinator',
      coord.http,
      '--token',
      coord.adminToken,
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'ef-sim-')),
    ]);
    await sim.waitFor(/simulated sites running/, 180_000);
    const online = (c: CoordinatorProc) =>
      eventually(
        () => c.api<{ counts: { online: number } }>('GET', '/api/v1/sites?limit=1'),
        (r) => r.body?.counts?.online === SITES,
        60_000,
        250,
      );
    await online(coord);

    const ports = {
      http: { port: port(coord.http) },
      grpc: { port: port(coord.grpc) },
      mqtt: { port: port(coord.mqtt) },
    };
    await coord.proc.kill('SIGKILL');
    const prevLog = process.env.EDGEFLEET_E2E_LOG;
    process.env.EDGEFLEET_E2E_LOG = 'debug';
    try {
      coord = await startCoordinatorProcess(ports, dataDir);
    } finally {
      if (prevLog === undefined) delete process.env.EDGEFLEET_E2E_LOG;
      else process.env.EDGEFLEET_E2E_LOG = prevLog;
    }
    await online(coord);

    const connects = coord.proc
      .output()
      .split('\n')
      .filter((l) => l.includes('"mqtt: site connected"'))
      .map((l) => JSON.parse(l) as { time: number; siteId: string });
    expect(new Set(connects.map((c) => c.siteId)).size).toBe(SITES);
    const times = connects.map((c) => c.time).sort((a, b) => a - b);
    const first = times[0] ?? 0;
    const buckets = new Map<number, number>();
    for (const t of times)
      buckets.set(
        Math.floor((t - first) / 50),
        (buckets.get(Math.floor((t - first) / 50)) ?? 0) + 1,
      );
    const biggest = Math.max(...buckets.values());
    console.log(
      `reconnects: ${times.length} over ${(times.at(-1) ?? 0) - first} ms in ${buckets.size} buckets of 50 ms; busiest bucket ${biggest}`,
    );
    expect(buckets.size).toBeGreaterThan(1);
    expect(biggest).toBeLessThan(SITES);
  }, 300_000);
});
