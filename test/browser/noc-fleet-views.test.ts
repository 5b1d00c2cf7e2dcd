import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema, startCoordinator } from '@edgefleet/coordinator';
import { pb } from '@edgefleet/proto';
import { ROOT } from '../support/processes.js';
import { seedMoney } from '../support/noc-money.js';

const DOCS = join(ROOT, 'docs', 'img');
const TOKEN = 'noc-fleet-views-viewer-token-0123';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const MIN = 60_000;
const STEPS = 40; // one fleet sample a minute: 40 minutes of history

type Coordinator = Awaited<ReturnType<typeof startCoordinator>>;

/**
 * [site, region, vendor, model as the tool prints it, compute p95 ms (null: no compute report)].
 * Mumbai's card reports no utilization (as a MIG instance): its region and profile have no data.
 */
const SITES: [string, string, string, string, number | null][] = [
  ['site-berlin', 'eu-central', 'nvidia', 'NVIDIA H100 80GB HBM3', 9],
  ['site-frankfurt', 'eu-central', 'nvidia', 'NVIDIA H100 80GB HBM3', 12],
  ['site-ashburn', 'us-east', 'nvidia', 'NVIDIA A100-SXM4-80GB', 80],
  ['site-new-york', 'us-east', 'nvidia', 'NVIDIA A100-SXM4-80GB', 20],
  ['site-mumbai', 'ap-south', 'huawei', 'Ascend910B', null],
  ['site-nairobi', 'af-east', 'nvidia', 'NVIDIA H100 80GB HBM3', null],
];
const NAIROBI_DOWN_AT = 25; // its region has no site up from this step on: a gap, "no data now"

function telemetry(i: number, k: number) {
  const [siteId, , vendor, model, p95] = SITES[i] as (typeof SITES)[number];
  const util = vendor === 'huawei' ? -1 : 35 + 25 * Math.sin(k / 6 + i) + 10 * (i % 2);
  return new pb.Telemetry({
    site_id: siteId,
    site_power_w: 500,
    accelerators: [
      {
        vendor,
        model,
        serial: `sn-${siteId}`,
        slots_total: 4,
        slots_free: Math.round(2 + 2 * Math.cos(k / 8 + i)),
        utilization_pct: util,
        memory_used_mib: 1000,
        memory_total_mib: 81_559,
        power_w: 300,
      },
    ],
    ...(p95 === null
      ? {}
      : {
          compute: {
            backend: 'onnx',
            execution_provider: 'cuda',
            interval_ms: MIN,
            models: [
              {
                model: 'resnet50',
                requests: 100 + k,
                p50_ms: p95 / 2 + (k % 5),
                p95_ms: p95 + (k % 7),
                max_ms: p95 * 2,
              },
            ],
          },
        }),
  });
}

/** 40 minutes of fleet history, sampled by the test (the coordinator's own sampler stopped). */
function seedHistory(c: Coordinator, t0: number): void {
  c.noc.fleet.stop();
  SITES.forEach(([siteId, region], i) => {
    c.registry.upsertEnrolled({ siteId, name: siteId, region, lat: 10 * i, lon: 10 * i });
    c.registry.setMqtt(siteId, true);
    c.registry.setStream(siteId, true);
  });
  for (let k = 1; k <= STEPS; k++) {
    SITES.forEach(([siteId], i) => {
      if (siteId === 'site-nairobi' && k >= NAIROBI_DOWN_AT) return;
      c.registry.applyTelemetry(telemetry(i, k));
    });
    if (k === NAIROBI_DOWN_AT) {
      c.registry.setMqtt('site-nairobi', false);
      c.registry.setStream('site-nairobi', false);
    }
    c.registry.sweep();
    // Vehicles answered by berlin report each minute: 9 requests in (2, 5] ms, 1 in (10, 20] ms.
    c.noc.vehicles.record(
      [{ site_id: 'site-berlin', bucket_counts: [0, 0, 9, 0, 1, 0, 0, 0, 0, 0, 0] }],
      () => true,
    );
    c.noc.fleet.sample(t0 + k * MIN);
  }
}

const ticks = (page: Page, chart: string, axis: 'x' | 'y') =>
  page.$$eval(`#${chart} .${axis}-axis text.tick`, (ts) => ts.map((t) => t.textContent ?? ''));
const legend = (page: Page, chart: string, key: string) =>
  page.textContent(`#${chart} .chart-legend [data-key="${key}"]`);
const points = (page: Page, chart: string, key: string) =>
  page.$eval(`#${chart} g.series[data-key="${key}"]`, (g) => Number(g.getAttribute('data-points')));

/** The NOC's fleet views in Chromium: utilization, latency, money; "no data" where there is none. */
describe('NOC fleet views in Chromium', () => {
  let c: Coordinator;
  let browser: Browser | undefined;
  let page: Page;
  let t0 = 0;

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
    mkdirSync(DOCS, { recursive: true });
    c = await startCoordinator(
      coordinatorConfigSchema.parse({
        dataDir: mkdtempSync(join(tmpdir(), 'ef-noc-fleet-views-')),
        http: { port: 0 },
        grpc: { port: 0 },
        mqtt: { port: 0 },
        reconcile: { enabled: false },
        auth: { tokens: [{ token: TOKEN, role: 'viewer' }] },
        liveness: { telemetryStaleMs: 3_600_000, offlineAfterMs: 3_600_000 },
      }),
      { log: createLogger('noc-fleet-views-test', 'error') },
    );
    t0 = Date.now();
    seedHistory(c, t0);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (err) => {
      throw err;
    });
    // The page's clock at the end of the seeded history (the test sampled 40 minutes ahead).
    await page.clock.setFixedTime(new Date(t0 + STEPS * MIN + 30_000));
    await page.goto(`${c.httpUrl}/#token=${TOKEN}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('draws utilization for the fleet, each region and each accelerator on a time axis', async () => {
    await page.waitForSelector('#fv-util-region g.series[data-key="eu-central"]', {
      timeout: 20_000,
    });
    // a real time axis: HH:MM ticks over the last hour, and a y axis in percent
    const x = await ticks(page, 'fv-util-region', 'x');
    expect(x.length).toBeGreaterThanOrEqual(4);
    for (const t of x) expect(t).toMatch(/^\d\d:\d\d$/);
    expect(await ticks(page, 'fv-util-region', 'y')).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(await points(page, 'fv-util-region', 'eu-central')).toBe(STEPS);
    expect(await points(page, 'fv-util-region', 'us-east')).toBe(STEPS);
    // af-east stopped answering: its line ends, and it says "no data now" rather than 0 %
    expect(await points(page, 'fv-util-region', 'af-east')).toBe(NAIROBI_DOWN_AT - 1);
    expect(await legend(page, 'fv-util-region', 'af-east')).toMatch(/no data now/);
    // ap-south's card reports no utilization: no line at all, "no data"
    expect(await page.$('#fv-util-region g.series[data-key="ap-south"]')).toBeNull();
    expect(await legend(page, 'fv-util-region', 'ap-south')).toMatch(/no data$/);
    expect(await legend(page, 'fv-util-region', 'ap-south')).not.toMatch(/%/);
    // the fleet: utilization and busy slots; per accelerator profile as the coordinator resolves it
    expect(await points(page, 'fv-util-fleet', 'utilization')).toBe(STEPS);
    expect(await points(page, 'fv-util-fleet', 'slots busy')).toBe(STEPS);
    const profiles = await page.$$eval('#fv-util-profile g.series', (gs) =>
      gs.map((g) => g.getAttribute('data-key')),
    );
    expect(profiles.length).toBeGreaterThanOrEqual(2);
    const paths = await page.$$eval('#fv-util-region g.series path', (ps) =>
      ps.map((p) => p.getAttribute('d') ?? ''),
    );
    for (const d of paths) expect(d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+$/);
  }, 40_000);

  it('draws compute latency and SLO misses per region; a region with no report says "no data"', async () => {
    expect(await points(page, 'fv-lat-p95', 'eu-central')).toBe(STEPS);
    expect(await points(page, 'fv-lat-p50', 'us-east')).toBe(STEPS);
    const y = await ticks(page, 'fv-lat-p95', 'y');
    expect(y[0]).toBe('0 ms');
    expect(y.length).toBeGreaterThanOrEqual(4);
    expect((await ticks(page, 'fv-lat-p95', 'x')).length).toBeGreaterThanOrEqual(4);
    for (const region of ['ap-south', 'af-east']) {
      expect(await page.$(`#fv-lat-p95 g.series[data-key="${region}"]`)).toBeNull();
      expect(await legend(page, 'fv-lat-p95', region)).toMatch(/no data$/);
    }
    // us-east: ashburn's p95 is over the 50 ms SLO and new-york's is not, same request counts
    expect(await page.textContent('#fv-slo-ms')).toContain('50 ms');
    expect(await legend(page, 'fv-slo', 'us-east')).toMatch(/50%$/);
    expect(await legend(page, 'fv-slo', 'eu-central')).toMatch(/ 0%$/);
  }, 40_000);

  it('draws the vehicles\' own latency per region from what their SDKs reported; a region without reports says "no data"', async () => {
    expect(await points(page, 'fv-veh-p95', 'eu-central')).toBe(STEPS);
    expect(await points(page, 'fv-veh-p50', 'eu-central')).toBe(STEPS);
    expect(await page.$('#fv-veh-p95 g.series[data-key="us-east"]')).toBeNull();
    expect(await legend(page, 'fv-veh-p95', 'us-east')).toMatch(/no data$/);
    // One request in ten slower than the 10 ms vehicle SLO.
    expect(await page.textContent('#fv-veh-slo-ms')).toContain('10 ms');
    expect(await legend(page, 'fv-veh-slo', 'eu-central')).toMatch(/10%$/);
  }, 40_000);

  it('shows money per customer and site for the chosen window, "no data" when nothing was paid', async () => {
    await page.waitForSelector('#fv-customers tbody tr.none', { timeout: 10_000 });
    expect(await page.textContent('#fv-customers tbody')).toMatch(/no data/);
    expect(await page.textContent('#fv-sites tbody')).toMatch(/no data/);
    await seedMoney(c, [
      ['cust-acme', 'site-berlin'],
      ['cust-globex', 'site-ashburn'],
    ]);
    await page.selectOption('#fv-window', String(15 * 60)); // choosing a window fetches it
    await page.waitForSelector('#fv-customers tbody tr[data-customer="cust-acme"]', {
      timeout: 10_000,
    });
    const customers = await page.$$eval('#fv-customers tbody tr', (rs) =>
      rs.map((r) => [...r.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent)),
    );
    expect(customers.map((r) => r[0])).toEqual(['cust-acme', 'cust-globex']); // largest first
    expect(customers[0]?.[2]).toBe('950,000');
    expect(customers[0]?.[4]).toBe('3');
    expect(customers[0]?.[1]).toMatch(/^\d+\.\d\d EUR$/);
    expect(
      await page.$$eval('#fv-sites tbody tr', (rs) => rs.map((r) => r.getAttribute('data-site'))),
    ).toEqual(['site-berlin', 'site-ashburn']);
    expect(await page.textContent('#fv-burn-rate')).toBe(
      `${(1_150_000 * 4).toLocaleString('en')} µT/h`,
    );
    expect(await page.$$('#fv-sites .bar')).toHaveLength(2);

    // the acquire queue was never used on this coordinator: its view says so, nothing drawn as 0
    expect(await page.textContent('#fvq-facts')).toMatch(/no data.*not been used/);
    expect(await page.getAttribute('#fvq-outcomes', 'data-empty')).toBe('true');

    const top = await page.locator('#fv-util').boundingBox();
    const bottom = await page.locator('#fv-queue').boundingBox();
    if (!top || !bottom) throw new Error('no fleet views on the page');
    await page.screenshot({
      path: join(DOCS, 'noc-fleet-views.png'),
      fullPage: true,
      clip: { x: 0, y: top.y - 8, width: 1400, height: bottom.y + bottom.height - top.y + 16 },
    });
  }, 60_000);
});
