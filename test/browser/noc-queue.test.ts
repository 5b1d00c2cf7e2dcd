import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  EdgefleetClient,
  NoSiteAvailableError,
  QueueTimeoutError,
  type LeaseSession,
} from '@edgefleet/client';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { eventually, ROOT } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';

const DOCS = join(ROOT, 'docs', 'img');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const MODEL = 'llama-3-8b';
const CUSTOMERS = ['queue-fill', 'queue-gold', 'queue-acme'] as const;

/**
 * The NOC's acquire-queue view in Chromium over a real queue: a coordinator process and one agent
 * process whose slots are all leased, and vehicles whose Acquires wait (maxQueueMs) — one in vain
 * (QUEUE_TIMEOUT), others until a release frees a slot. Before any of that the view says "no data".
 */
describe('NOC acquire-queue view in Chromium', () => {
  let coord: CoordinatorProc;
  let agent: AgentProc | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const clients = new Map<string, EdgefleetClient>();
  const held: LeaseSession[] = [];
  const waiting: Promise<LeaseSession>[] = [];

  const acquire = (customer: string, maxQueueMs: number) =>
    (clients.get(customer) as EdgefleetClient).acquire({
      model: MODEL,
      location: { popId: 'pop-fra' },
      budgetMicroTokens: 10_000,
      ttlS: 900, // outlives the test on a slow machine: each hold is released by the test
      autoRenew: false,
      maxQueueMs,
    });
  const reload = async (selector: string) => {
    await page.reload();
    await page.waitForSelector(selector, { timeout: 30_000 });
  };

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
    mkdirSync(DOCS, { recursive: true });
    coord = await startCoordinatorProcess({
      routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
      leases: { settleMs: 1500, queue: { maxWaitMs: 300_000, weights: { 'queue-gold': 3 } } },
    });
    agent = await startAgentProcess(coord, 'queue-site');
    await eventually(
      () => coord.api<{ items: { state: string }[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.some((s) => s.state === 'online'),
      30_000,
    );
    for (const customer of CUSTOMERS) {
      const topup = await coord.api('POST', `/api/v1/customers/${customer}/topup`, {
        microTokens: 10_000_000,
      });
      expect(topup.status).toBe(200);
      clients.set(
        customer,
        new EdgefleetClient({
          coordinator: coord.grpc,
          customerId: customer,
          defaultTimeoutMs: 3000,
          bearerToken: coord.adminToken,
        }),
      );
    }
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(`${coord.http}/#token=${coord.adminToken}`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    for (const c of clients.values()) c.close();
    await agent?.proc.kill('SIGKILL');
    await coord?.proc.kill();
  });

  it('says "no data" while the queue has never been used', async () => {
    await page.waitForSelector('#fvq-customers tbody tr.none', { timeout: 30_000 });
    expect(await page.textContent('#fvq-facts')).toMatch(/no data.*not been used/);
    expect(await page.textContent('#fvq-customers tbody')).toMatch(/no data/);
    for (const chart of ['fvq-wait', 'fvq-outcomes']) {
      expect(await page.getAttribute(`#${chart}`, 'data-empty')).toBe('true');
      expect(await page.textContent(`#${chart} svg`)).toMatch(/no data/);
    }
  }, 60_000);

  it('shows who waits now (weight, head wait) and, per minute, outcomes and wait percentiles', async () => {
    // Fill every slot of the site.
    for (;;) {
      try {
        held.push(await acquire('queue-fill', 0));
      } catch (err) {
        expect(err).toBeInstanceOf(NoSiteAvailableError);
        break;
      }
    }
    expect(held.length).toBeGreaterThan(1);
    // one waits in vain; then two wait, and a release grants the first of them
    await expect(acquire('queue-acme', 300)).rejects.toBeInstanceOf(QueueTimeoutError);
    waiting.push(acquire('queue-acme', 300_000), acquire('queue-gold', 300_000));
    await eventually(
      () => coord.api<{ now: { waiting: number } }>('GET', '/api/v1/fleet/queue'),
      (r) => r.body.now.waiting === 2,
      20_000,
    );
    await held.pop()?.release();
    const first = await Promise.race(waiting);
    expect(first.leases[0]?.site_id).toBeTruthy();
    waiting.push(acquire('queue-gold', 300_000), acquire('queue-acme', 300_000));
    await eventually(
      () => coord.api<{ now: { waiting: number } }>('GET', '/api/v1/fleet/queue'),
      (r) => r.body.now.waiting === 3,
      20_000,
    );

    await reload('#fvq-customers tbody tr[data-customer]');
    const rows = await page.$$eval('#fvq-customers tbody tr[data-customer]', (rs) =>
      rs.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    const byCustomer = new Map(rows.map((r) => [r[0], r]));
    expect([...byCustomer.keys()].sort()).toEqual(['queue-acme', 'queue-gold']);
    const waits = rows.reduce((n, r) => n + Number(r[1]), 0);
    expect(waits).toBe(3);
    expect(byCustomer.get('queue-gold')?.[2]).toBe('3'); // its plan weight
    expect(byCustomer.get('queue-acme')?.[2]).toBe('1');
    for (const r of rows) expect(r[3]).toMatch(/^\d+(\.\d)? (ms|s)$/); // the head's wait so far
    expect(rows.map((r) => r[4]).sort()).toEqual(['0', '1']); // places in the service order
    expect(await page.textContent('#fvq-waiting')).toBe('3');
    expect(await page.textContent('#fvq-granted')).toBe('1');
    expect(await page.textContent('#fvq-p95')).toMatch(/\d+(\.\d)? (ms|s)$/);

    // charts on a time axis: a line per outcome seen, and the granted wait percentiles
    for (const chart of ['fvq-wait', 'fvq-outcomes']) {
      const x = await page.$$eval(`#${chart} .x-axis text.tick`, (ts) =>
        ts.map((t) => t.textContent),
      );
      expect(x.length).toBeGreaterThanOrEqual(4);
      for (const t of x) expect(t).toMatch(/^\d\d:\d\d$/);
      expect(await page.getAttribute(`#${chart}`, 'data-empty')).toBe('false');
    }
    const outcomes = await page.$$eval('#fvq-outcomes g.series', (gs) =>
      gs.map((g) => g.getAttribute('data-key')),
    );
    expect(outcomes).toEqual(['granted', 'timeout']);
    expect(
      await page.$eval('#fvq-wait g.series[data-key="p95"]', (g) =>
        Number(g.getAttribute('data-points')),
      ),
    ).toBeGreaterThanOrEqual(1);

    const box = await page.locator('#fv-queue').boundingBox();
    if (!box) throw new Error('no queue view on the page');
    await page.screenshot({
      path: join(DOCS, 'noc-queue.png'),
      fullPage: true,
      clip: { x: 0, y: box.y - 8, width: 1400, height: box.height + 16 },
    });

    // every slot freed, each grant released at once: the rest are granted, and nobody waits
    for (const h of held.splice(0)) await h.release();
    await first.release();
    await Promise.all(
      waiting.map(async (w) => {
        const s = await w;
        if (s !== first) await s.release();
      }),
    );
    await reload('#fvq-customers tbody tr.none');
    expect(await page.textContent('#fvq-customers tbody')).toMatch(/nobody waits now/);
    expect(await page.textContent('#fvq-granted')).toBe('4');
  }, 240_000);
});
