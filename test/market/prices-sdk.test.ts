import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, PricesApi } from '@edgefleet/client';
import { pb } from '@edgefleet/proto';
import { runTs } from '../support/processes.js';
import {
  startInProcessCoordinator,
  type InProcessCoordinator,
} from '../support/in-process-coordinator.js';

const VIEWER = 'prices-sdk-viewer-token-0123456789';

type Coordinator = InProcessCoordinator;
let c: Coordinator;

/**
 * Three sites in two regions online, as ingest and EdgeControl make them (status, then the agent's
 * stream, then telemetry).
 */
function bringOnline(): void {
  for (const [siteId, region, slots] of [
    ['px-a', 'px-north', 4],
    ['px-b', 'px-north', 2],
    ['px-c', 'px-south', 3],
  ] as const) {
    c.registry.upsertEnrolled({ siteId, region });
    // Online as ingest and EdgeControl make it: status, then the agent's stream.
    c.registry.applyStatus(
      new pb.SiteStatus({ site_id: siteId, inference_endpoint: '127.0.0.1:1', lat: 50, lon: 8 }),
      'online',
    );
    c.registry.setStream(siteId, true, {
      endpoint: '127.0.0.1:1',
      models: ['m'],
      slotsTotal: slots,
      slotsFree: slots,
    });
    c.registry.applyTelemetry(
      new pb.Telemetry({
        site_id: siteId,
        models: ['m'],
        accelerators: [
          {
            model: 'NVIDIA H100 80GB HBM3',
            profile_id: 'h100-80gb-sxm',
            vendor: 'nvidia',
            slots_total: slots,
            slots_free: slots,
            multiplier: 1,
            isolation: 'whole',
          },
        ],
      }),
    );
  }
}

/** Spot prices through the SDK's PricesApi and the `edgefleet prices` command, against a real coordinator. */
describe('spot prices in the SDK and the CLI', () => {
  beforeAll(async () => {
    c = await startInProcessCoordinator('prices-sdk', [{ token: VIEWER, role: 'viewer' }], {
      // The sites here send no telemetry: keep them online through the slow CLI steps.
      liveness: { telemetryStaleMs: 3_600_000, offlineAfterMs: 3_600_000 },
    });
    bringOnline();
  }, 60_000);
  afterAll(async () => c?.close());

  it('prices each region and each site of the online fleet, in the configured currency', async () => {
    const sdk = new PricesApi({ baseUrl: c.httpUrl, token: VIEWER });
    const online = [...c.registry.all()].filter((s) => s.state === 'online');
    expect(online).toHaveLength(3);
    const byRegion = await sdk.spot();
    expect(byRegion.currency).toBe(c.config.market.currency);
    const regions = new Set(online.map((s) => s.region));
    expect(byRegion.items.map((i) => i.key).sort()).toEqual([...regions].sort());
    const bySite = await sdk.spot({ by: 'site', region: 'px-north' });
    expect(bySite.items.map((i) => i.key).sort()).toEqual(
      online
        .filter((s) => s.region === 'px-north')
        .map((s) => s.siteId)
        .sort(),
    );
    for (const i of bySite.items)
      expect(i.minorPerToken).toBeGreaterThanOrEqual(c.config.market.baseMinorPerToken);
    await expect(
      new PricesApi({ baseUrl: c.httpUrl, token: 'wrong-token-0123456789' }).spot(),
    ).rejects.toBeInstanceOf(ApiError);
  });

  it('`edgefleet prices` prints the same table, JSON with --json, and refuses a bad --by', async () => {
    // The CLI as a child process (as an operator runs it), against this coordinator.
    const run = async (...args: string[]) => {
      const p = runTs('client/src/cli.ts', ['--api', c.httpUrl, 'prices', ...args], {
        EDGEFLEET_TOKEN: VIEWER,
      });
      let out = '';
      p.child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
      const code = await p.exited;
      return { code, out, err: p.output() };
    };
    const sdk = await new PricesApi({ baseUrl: c.httpUrl, token: VIEWER }).spot({ by: 'site' });
    expect(sdk.items).toHaveLength(3);
    const text = await run('--by', 'site');
    expect(text.code).toBe(0);
    for (const i of sdk.items) {
      expect(text.out).toContain(i.key);
      expect(text.out).toContain(i.formatted);
    }
    const json = await run('--json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const bad = await run('--by', 'planet');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--by must be region or site');
  });
});
