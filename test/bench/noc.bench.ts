/**
 * NOC dashboard at fleet scale: 10,000 sites in one coordinator's registry.
 * API: the compact fleet-map endpoint vs paging the full site list (peer) to get every site.
 * Browser (headless Chromium): drawing the map as one SVG path per state (what the page does) vs
 * one <circle> per site (peer, the first NOC page's approach), same data, same page; and the page's
 * time from navigation to a fully drawn map.
 *
 *   npm run bench -- noc            (SITES=10000 by default)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema, startCoordinator } from '@edgefleet/coordinator';
import { pb } from '@edgefleet/proto';
import { ROOT } from '../support/processes.js';
import { report } from './report.js';

const SITES = Number(process.env.SITES ?? 10_000);
const ROUNDS = 7;
const token = 'bench-viewer-token-0123456789';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function timed(
  fn: () => Promise<number>,
  rounds: number,
): Promise<{ ms: number; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    bytes = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), bytes };
}

const c = await startCoordinator(
  coordinatorConfigSchema.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'ef-bench-noc-')),
    http: { port: 0 },
    grpc: { port: 0 },
    mqtt: { port: 0 },
    reconcile: { enabled: false },
    auth: { tokens: [{ token, role: 'viewer' }] },
    liveness: { telemetryStaleMs: 3_600_000, offlineAfterMs: 3_600_000 },
  }),
  { log: createLogger('bench', 'error') },
);
const regions = ['eu-central', 'eu-west', 'eu-north', 'us-east', 'ap-south'];
const vendors = ['nvidia', 'huawei', 'amd', 'cambricon'];
for (let i = 0; i < SITES; i++) {
  const siteId = `site-${String(i).padStart(5, '0')}`;
  c.registry.upsertEnrolled({
    siteId,
    region: regions[i % 5] as string,
    lat: 35 + ((i * 7919) % 2500) / 100,
    lon: -10 + ((i * 104729) % 4000) / 100,
  });
  c.registry.applyTelemetry(
    new pb.Telemetry({
      site_id: siteId,
      site_power_w: 500,
      accelerators: [
        { vendor: vendors[i % 4], slots_total: 2, slots_free: 1, utilization_pct: 40 },
      ],
    }),
  );
  if (i % 7 !== 0) {
    c.registry.setMqtt(siteId, true);
    c.registry.setStream(siteId, true);
  }
  if (i % 11 === 0) c.registry.setStream(siteId, false); // degraded (or offline)
}
c.registry.sweep();
const headers = { authorization: `Bearer ${token}` };

const map = await timed(
  async () => (await (await fetch(`${c.httpUrl}/api/v1/fleet/map`, { headers })).text()).length,
  ROUNDS,
);
const pages = await timed(async () => {
  let cursor = '';
  let bytes = 0;
  for (;;) {
    const text = await (
      await fetch(`${c.httpUrl}/api/v1/sites?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, {
        headers,
      })
    ).text();
    bytes += text.length;
    const next = (JSON.parse(text) as { nextCursor: string | null }).nextCursor;
    if (!next) return bytes;
    cursor = next;
  }
}, 3);

execFileSync('bash', [join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const loads: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  await page.goto(`${c.httpUrl}/#token=${token}`);
  await page.waitForFunction(
    `((s) => s && ['online', 'degraded', 'draining', 'offline', 'unknown'].reduce((a, k) => a + Number(s.dataset[k] || 0), 0))(document.querySelector('#map-sites')) === ${SITES} && document.querySelectorAll('#sites tbody tr[data-site]').length === 100`,
    undefined,
    { timeout: 60_000 },
  );
  loads.push(performance.now() - t0);
}
// Same data, same SVG: paths per state (the page's way) vs a circle per site (peer), render forced by getBBox.
const draw = (await page.evaluate(`(async () => {
  const rows = (await (await fetch('/api/v1/fleet/map', { headers: { authorization: 'Bearer ${token}' } })).json()).sites;
  const svg = document.getElementById('map');
  const xy = (r) => [(30 + (r[2] + 10) * 23.5).toFixed(1), (440 - (r[1] - 35) * 17).toFixed(1)];
  const paths = () => { const d = {}; for (const r of rows) { const [x, y] = xy(r); (d[r[3]] = d[r[3]] || []).push('M' + x + ' ' + y + 'h0'); }
    svg.innerHTML = Object.entries(d).map(([s, v]) => '<path stroke="red" stroke-width="3" stroke-linecap="round" d="' + v.join('') + '"/>').join(''); };
  const circles = () => { let g = ''; for (const r of rows) { const [x, y] = xy(r); g += '<circle class="site ' + r[3] + '" cx="' + x + '" cy="' + y + '" r="3" fill="red"><title>' + r[0] + '</title></circle>'; } svg.innerHTML = g; };
  const time = (fn) => { const ms = []; for (let i = 0; i < 7; i++) { const t0 = performance.now(); fn(); svg.getBBox(); document.body.offsetHeight; ms.push(performance.now() - t0); } ms.sort((a, b) => a - b); return ms[3]; };
  const p = time(paths); const pn = svg.querySelectorAll('*').length; const ci = time(circles); const cn = svg.querySelectorAll('*').length;
  return { paths: p, circles: ci, pathNodes: pn, circleNodes: cn };
})()`)) as { paths: number; circles: number; pathNodes: number; circleNodes: number };
await browser.close();
await c.close();

await report(
  `NOC at ${SITES} sites (median)`,
  [
    {
      what: 'API: every site for the map',
      ours: 'GET /api/v1/fleet/map',
      ours_ms: map.ms,
      ours_kB: map.bytes / 1000,
      peer: `GET /api/v1/sites, ${Math.ceil(SITES / 1000)} pages of 1000`,
      peer_ms: pages.ms,
      peer_kB: pages.bytes / 1000,
      ratio: pages.ms / map.ms,
    },
    {
      what: 'browser: draw the map',
      ours: `${draw.pathNodes} SVG paths (one per state)`,
      ours_ms: draw.paths,
      ours_kB: 0,
      peer: `${draw.circleNodes} SVG nodes (circle + title per site)`,
      peer_ms: draw.circles,
      peer_kB: 0,
      ratio: draw.circles / draw.paths,
    },
    {
      what: 'browser: open NOC page → map + first table page drawn',
      ours: 'page load',
      ours_ms: median(loads),
      ours_kB: 0,
      peer: '',
      peer_ms: 0,
      peer_kB: 0,
      ratio: 0,
    },
  ],
  { sites: SITES },
);
