/**
 * NOC dashboard at fleet scale: 10,000 sites in one coordinator's registry.
 * API: the compact fleet-map endpoint vs paging the full site list (peer) to get every site.
 * Browser (headless Chromium): drawing the map as one SVG path per state (what the page does) vs
 * one <circle> per site (peer, the first NOC page's approach), same data, same page; and the page's
 * time from navigation to a fully drawn map.
 * Fleet views (the same run, the same 10,000 sites): an hour of fleet history (360 samples, every
 * site reporting utilization and compute each time) and an hour of reconciled burns at every site;
 * the coordinator's time for one sample, the API answers the views fetch, the page's time from
 * navigation to all fleet views drawn, and the redraw of each view (utilization charts, latency
 * charts, money tables, the acquire queue) from data already fetched. The queue view's hour is
 * seeded through the NOC's queue history (QUEUE_PER_MIN requests leaving the queue each minute, as
 * AcquireQueue reports them; nobody waits now: a live queue needs agents). os.loadavg() is printed with the figures: the
 * times are only as quiet as the box.
 *
 *   npm run bench -- noc            (SITES=10000 by default)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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

const load0 = loadavg();
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
    // Degraded sites stay degraded while the fleet views are seeded (the autonomy window is 30 s).
    liveness: {
      telemetryStaleMs: 3_600_000,
      offlineAfterMs: 3_600_000,
      autonomyWindowMs: 3_600_000,
    },
  }),
  { log: createLogger('bench', 'error') },
);
const regions = ['eu-central', 'eu-west', 'eu-north', 'us-east', 'ap-south'];
const vendors = ['nvidia', 'huawei', 'amd', 'cambricon'];
// As the tools print them: the coordinator resolves each to an accelerator profile (or unknown).
const models = ['NVIDIA H100 80GB HBM3', 'Ascend910B', 'AMD Instinct MI300X', 'MLU370-X8'];
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
        {
          vendor: vendors[i % 4],
          model: models[i % 4],
          slots_total: 2,
          slots_free: 1,
          utilization_pct: 40,
        },
      ],
      compute: {
        backend: 'onnx',
        execution_provider: 'cuda',
        interval_ms: 10_000,
        models: [{ model: 'resnet50', requests: 100, p50_ms: 10, p95_ms: 30, max_ms: 60 }],
      },
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

// The fleet views' last hour: 360 samples 10 s apart ending now, as the coordinator's sampler takes
// them (stopped here so the bench owns the clock). Between samples every site's utilization, busy
// slots and compute report move, as telemetry would move them (registry.applyTelemetry for 3.6
// million reports would take minutes, so the registry's site objects are set directly).
c.noc.fleet.stop();
const HISTORY = 360;
const tEnd = Date.now();
const sampleMs: number[] = [];
for (let k = 0; k < HISTORY; k++) {
  let i = 0;
  for (const s of c.registry.all()) {
    const util = 40 + 30 * Math.sin(k / 20 + (i % 5)) + (i % 13);
    const a = s.accelerators[0];
    if (a) {
      a.utilization_pct = Math.max(0, Math.min(100, util));
      a.slots_free = (k + i) % 3;
    }
    s.slotsFree = (k + i) % 3;
    const prev = s.compute.models['resnet50'];
    const requests = 80 + ((k * 7 + i) % 40);
    const p95 = 20 + ((i * 31 + k) % 50); // some intervals over the 50 ms SLO
    s.compute = {
      ...s.compute,
      models: {
        resnet50: {
          model: 'resnet50',
          requests,
          totalRequests: (prev?.totalRequests ?? 0) + requests,
          p50Ms: p95 / 3,
          p95Ms: p95,
          maxMs: p95 * 2,
          measuredAtMs: tEnd - (HISTORY - 1 - k) * 10_000,
        },
      },
    };
    i++;
  }
  const t0 = performance.now();
  c.noc.fleet.sample(tEnd - (HISTORY - 1 - k) * 10_000);
  sampleMs.push(performance.now() - t0);
}

// An hour of reconciled burns at every site (5 each, 200 customers): the rows reconciliation leaves
// (accepted, posted from the hold), written in three statements; reconciling them through the ledger
// would take far longer than the bench. The money endpoint reads only these (burns ⋈ leases).
const CUSTOMERS = 200;
const BURNS_PER_SITE = 5;
await c.db.query(
  `INSERT INTO holds (id, customer_id, amount, expires_at_ms, created_at_ms)
   SELECT 'bh-' || g, 'cust-' || lpad(g::text, 3, '0'), 1000000000000, $1::bigint + 3600000, $1::bigint - 3600000
     FROM generate_series(0, $2::int - 1) g`,
  [tEnd, CUSTOMERS],
);
await c.db.query(
  `INSERT INTO lease_rows (id, hold_id, site_id, customer_id, model, budget, issued_at_ms, expires_at_ms)
   SELECT 'bl-' || g, 'bh-' || (g % $3::int), 'site-' || lpad(g::text, 5, '0'),
          'cust-' || lpad((g % $3::int)::text, 3, '0'), 'resnet50', 1000000000, $1::bigint - 3600000, $1::bigint + 3600000
     FROM generate_series(0, $2::int - 1) g`,
  [tEnd, SITES, CUSTOMERS],
);
await c.db.query(
  `INSERT INTO burns (site_id, seq, lease_id, accelerator_model, accelerator_serial, slot, started_at_ms,
                      ended_at_ms, micro_tokens, prev_hash, hash, status, posted_from_hold, transfer_id,
                      staged_at_ms, decided_at_ms, run_id)
   SELECT 'site-' || lpad(g::text, 5, '0'), n, 'bl-' || g, 'H100-80GB', 'sn-' || g, 'gpu0',
          $1::bigint - 3000000 + n * 1000, $1::bigint - 2999500 + n * 1000, 1000 + (g * 37 + n) % 9000,
          'prev', 'hash', 'accepted', 1000 + (g * 37 + n) % 9000, 1,
          $1::bigint - 2900000 + n * 1000, $1::bigint - 2800000 + (g % 2000) * 1000, 'bench-run'
     FROM generate_series(0, $2::int - 1) g, generate_series(1, $3::int) n`,
  [tEnd, SITES, BURNS_PER_SITE],
);

// An hour of the acquire queue: QUEUE_PER_MIN requests a minute leave it, most granted after a wait.
const QUEUE_PER_MIN = 500;
const outcomes = [
  'granted',
  'granted',
  'granted',
  'granted',
  'granted',
  'granted',
  'timeout',
  'full',
] as const;
for (let m = 59; m >= 0; m--) {
  for (let j = 0; j < QUEUE_PER_MIN; j++) {
    c.noc.queue.record({
      outcome: outcomes[j % outcomes.length] as (typeof outcomes)[number],
      customerId: `cust-${String(j % CUSTOMERS).padStart(3, '0')}`,
      waitedMs: 10 + ((j * 7919 + m) % 3000),
      atMs: tEnd - m * 60_000 - (j % 60) * 900,
    });
  }
}

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

// What the fleet views fetch on each refresh: the history per grouping and the money tables.
const VIEW_PATHS = [
  '/api/v1/fleet/history?by=fleet',
  '/api/v1/fleet/history?by=region',
  '/api/v1/fleet/history?by=profile',
  '/api/v1/fleet/money?limit=20&windowS=3600',
];
const views = await timed(async () => {
  const texts = await Promise.all(
    VIEW_PATHS.map(async (p) => (await fetch(`${c.httpUrl}${p}`, { headers })).text()),
  );
  return texts.reduce((n, t) => n + t.length, 0);
}, ROUNDS);
const money = await timed(
  async () =>
    (await (await fetch(`${c.httpUrl}${VIEW_PATHS[3] as string}`, { headers })).text()).length,
  ROUNDS,
);
const QUEUE_PATH = '/api/v1/fleet/queue';
const queueApi = await timed(
  async () => (await (await fetch(`${c.httpUrl}${QUEUE_PATH}`, { headers })).text()).length,
  ROUNDS,
);

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
const viewLoads: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  await page.goto(`${c.httpUrl}/#token=${token}`);
  await page.waitForFunction(
    `((s) => s && ['online', 'degraded', 'draining', 'offline', 'unknown'].reduce((a, k) => a + Number(s.dataset[k] || 0), 0))(document.querySelector('#map-sites')) === ${SITES} && document.querySelectorAll('#sites tbody tr[data-site]').length === 100`,
    undefined,
    { timeout: 60_000 },
  );
  loads.push(performance.now() - t0);
  // …and every fleet view drawn: a line per region (utilization, p95), the top 20 of each money
  // table, a line per queue outcome seen (granted, timeout, full).
  await page.waitForFunction(
    `document.querySelectorAll('#fv-util-region g.series').length === ${regions.length} && document.querySelectorAll('#fv-lat-p95 g.series').length === ${regions.length} && document.querySelectorAll('#fv-slo g.series').length === ${regions.length} && document.querySelectorAll('#fv-customers tbody tr[data-customer]').length === 20 && document.querySelectorAll('#fv-sites tbody tr[data-site]').length === 20 && document.querySelectorAll('#fvq-outcomes g.series').length === 3`,
    undefined,
    { timeout: 60_000 },
  );
  viewLoads.push(performance.now() - t0);
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
// Each fleet view redrawn from data already fetched (what a refresh does after its fetches), layout
// forced; the nodes each view leaves in the page.
const redraw = (await page.evaluate(`(async () => {
  const get = async (p) => (await fetch(p, { headers: { authorization: 'Bearer ${token}' } })).json();
  const [fleet, region, profile, money, queue] = await Promise.all(${JSON.stringify([...VIEW_PATHS, QUEUE_PATH])}.map(get));
  const fv = window.EdgefleetFleetViews;
  const qv = window.EdgefleetQueueView;
  const time = (fn) => { const ms = []; for (let i = 0; i < 7; i++) { const t0 = performance.now(); fn(); document.body.offsetHeight; ms.push(performance.now() - t0); } ms.sort((a, b) => a - b); return ms[3]; };
  const nodes = (ids) => ids.reduce((n, id) => n + document.getElementById(id).querySelectorAll('*').length, 0);
  const util = time(() => fv.drawUtilization(fleet, region, profile));
  const latency = time(() => fv.drawLatency(region));
  const money_ = time(() => fv.drawMoney(money));
  const queue_ = time(() => qv.draw(queue));
  const all = time(() => { fv.drawUtilization(fleet, region, profile); fv.drawLatency(region); fv.drawMoney(money); qv.draw(queue); });
  return {
    util, latency, money: money_, queue: queue_, all,
    utilNodes: nodes(['fv-util-fleet', 'fv-util-region', 'fv-util-profile']),
    latencyNodes: nodes(['fv-lat-p50', 'fv-lat-p95', 'fv-slo']),
    moneyNodes: nodes(['fv-money-total', 'fv-customers', 'fv-sites']),
    queueNodes: nodes(['fvq-facts', 'fvq-customers', 'fvq-wait', 'fvq-outcomes']),
    queuePoints: queue.points.length,
    utilSeries: fleet.series.length * 2 + region.series.length + profile.series.length,
    latencySeries: region.series.length * 3,
    points: fleet.series[0].points.length,
    moneySites: money.sites.length,
  };
})()`)) as {
  util: number;
  latency: number;
  money: number;
  queue: number;
  all: number;
  utilNodes: number;
  latencyNodes: number;
  moneyNodes: number;
  queueNodes: number;
  queuePoints: number;
  utilSeries: number;
  latencySeries: number;
  points: number;
  moneySites: number;
};
await browser.close();
await c.close();
const load1 = loadavg();
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const none = { peer: '', peer_ms: 0, peer_kB: 0, ratio: 0 };

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
      ...none,
    },
    {
      what: 'coordinator: one fleet-history sample (every 10 s)',
      ours: `${SITES} sites → fleet, ${regions.length} regions, profiles`,
      ours_ms: median(sampleMs),
      ours_kB: 0,
      ...none,
    },
    {
      what: "API: the fleet views' data (one refresh)",
      ours: '3 × GET /api/v1/fleet/history + GET /api/v1/fleet/money',
      ours_ms: views.ms,
      ours_kB: views.bytes / 1000,
      ...none,
    },
    {
      what: 'API: money tables alone',
      ours: `GET /api/v1/fleet/money (${SITES * BURNS_PER_SITE} burns in 1 h)`,
      ours_ms: money.ms,
      ours_kB: money.bytes / 1000,
      ...none,
    },
    {
      what: 'API: the queue view (one refresh)',
      ours: `GET ${QUEUE_PATH} (${QUEUE_PER_MIN * 60} requests left the queue in 1 h)`,
      ours_ms: queueApi.ms,
      ours_kB: queueApi.bytes / 1000,
      ...none,
    },
    {
      what: 'browser: open NOC page → all fleet views drawn',
      ours: 'page load',
      ours_ms: median(viewLoads),
      ours_kB: 0,
      ...none,
    },
    {
      what: 'browser: redraw utilization charts',
      ours: `3 charts, ${redraw.utilSeries} lines × ${redraw.points} points, ${redraw.utilNodes} nodes`,
      ours_ms: redraw.util,
      ours_kB: 0,
      ...none,
    },
    {
      what: 'browser: redraw latency charts',
      ours: `3 charts, ${redraw.latencySeries} lines × ${redraw.points} points, ${redraw.latencyNodes} nodes`,
      ours_ms: redraw.latency,
      ours_kB: 0,
      ...none,
    },
    {
      what: 'browser: redraw money tables',
      ours: `totals + top ${redraw.moneySites} customers and sites, ${redraw.moneyNodes} nodes`,
      ours_ms: redraw.money,
      ours_kB: 0,
      ...none,
    },
    {
      what: 'browser: redraw the queue view',
      ours: `facts, waiting table, 2 charts × ${redraw.queuePoints} minutes, ${redraw.queueNodes} nodes`,
      ours_ms: redraw.queue,
      ours_kB: 0,
      ...none,
    },
    {
      what: 'browser: redraw all fleet views',
      ours: 'the four above together',
      ours_ms: redraw.all,
      ours_kB: 0,
      ...none,
    },
  ],
  { sites: SITES, loadavgBefore: load0, loadavgAfter: load1 },
);
console.log(`load average before ${fmtLoad(load0)}, after ${fmtLoad(load1)} (1, 5, 15 min)`);
