import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../support/processes.js';
import {
  startInProcessCoordinator,
  type InProcessCoordinator,
} from '../support/in-process-coordinator.js';

const DOCS = join(ROOT, 'docs', 'img');
const VIEWER = 'noc-reservations-viewer-token-0123';
const OPERATOR = 'noc-reservations-operator-token-0123';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** The browser's zone: +05:30, so a page that wrote UTC (or whole-hour offsets) would show other times. */
const ZONE = 'Asia/Kolkata';
const IST = 5.5 * HOUR;

type Coordinator = InProcessCoordinator;
type Reservation = { id: string; price: number };

/** The NOC's reservations section in Chromium: "no reservations", then the booked ones. */
describe('NOC reservations in Chromium', () => {
  let c: Coordinator;
  let browser: Browser | undefined;
  let page: Page;
  let now = 0;

  const api = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${c.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const book = async (body: Record<string, unknown>): Promise<Reservation> => {
    const res = await api('POST', '/api/v1/reservations', body);
    expect(res.status).toBe(201);
    return (await res.json()) as Reservation;
  };
  const cells = (p: Page) =>
    p.$$eval('#rsv-table tbody tr[data-reservation]', (rs) =>
      rs.map((r) => [
        r.getAttribute('data-reservation') ?? '',
        ...[...r.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      ]),
    );

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
    mkdirSync(DOCS, { recursive: true });
    c = await startInProcessCoordinator('noc-reservations', [
      { token: VIEWER, role: 'viewer' },
      { token: OPERATOR, role: 'operator' },
    ]);
    for (const [siteId, region, slots] of [
      ['site-berlin', 'eu-central', 4],
      ['site-frankfurt', 'eu-central', 4],
      ['site-mumbai', 'ap-south', 2],
    ] as const) {
      const s = c.registry.upsertEnrolled({ siteId, name: siteId, region, lat: 50, lon: 10 });
      s.slotsTotal = slots; // as declared by telemetry: what a reservation's class counts
    }
    for (const customer of ['cust-acme', 'cust-globex'])
      await c.ledger.topUp(customer, 100_000_000, `pay-${customer}`);
    now = Date.now();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, timezoneId: ZONE });
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.clock.setFixedTime(new Date(now));
    await page.goto(`${c.httpUrl}/#token=${VIEWER}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('says "no reservations" while none is booked', async () => {
    await page.waitForSelector('#rsv-table tbody tr.none', { timeout: 20_000 });
    expect(await page.textContent('#rsv-table tbody')).toMatch(/^no reservations/);
    expect(await page.$$('#rsv-table tbody tr[data-reservation]')).toHaveLength(0);
    expect(await page.textContent('#rsv-count')).toBe('');
  }, 40_000);

  it('lists the booked reservations of every customer, active then upcoming, with their terms', async () => {
    // upcoming: tomorrow or the day after, 10:00–12:00 in the browser's zone (04:30–06:30 UTC)
    now = Date.now(); // the active one starts in a minute: never in the past at the coordinator
    const dayStart = Math.floor((now + IST) / DAY) * DAY - IST; // 00:00 today in the zone
    const upStart = dayStart + 2 * DAY + 10 * HOUR;
    const upcoming = await book({
      customerId: 'cust-globex',
      siteIds: ['site-mumbai'],
      slots: 2,
      startMs: upStart,
      endMs: upStart + 2 * HOUR,
    });
    const active = await book({
      customerId: 'cust-acme',
      region: 'eu-central',
      slots: 3,
      startMs: now + MIN,
      endMs: now + MIN + HOUR,
    });
    const cancelled = await book({
      customerId: 'cust-acme',
      region: 'eu-central',
      slots: 1,
      startMs: upStart,
      endMs: upStart + HOUR,
    });
    expect((await api('DELETE', `/api/v1/reservations/${cancelled.id}`)).status).toBe(200);

    // The page's clock five minutes ahead: the reservation that starts in a minute is active.
    await page.clock.setFixedTime(new Date(now + 5 * MIN));
    await page.reload();
    await page.waitForSelector('#rsv-table tbody tr[data-reservation]', { timeout: 20_000 });
    const rows = await cells(page);
    expect(rows.map((r) => r[0])).toEqual([active.id, upcoming.id]); // soonest first, no cancelled
    const [a, u] = rows;
    expect(a?.slice(1, 4)).toEqual(['cust-acme', 'eu-central', '3']);
    expect(a?.[4]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d–(\d{4}-\d\d-\d\d )?\d\d:\d\d$/);
    expect(a?.[5]).toBe('active');
    expect(a?.[6]).toBe(active.price.toLocaleString('en'));
    expect(active.price).toBe(3_000_000);

    const date = new Date(upStart + IST).toISOString().slice(0, 10);
    expect(u).toEqual([
      upcoming.id,
      'cust-globex',
      'site-mumbai',
      '2',
      `${date} 10:00–12:00`,
      'upcoming',
      '4,000,000',
    ]);
    expect(await page.textContent('#rsv-count')).toBe('(2)');
    expect(await page.$('#rsv-table tbody tr.none')).toBeNull();

    const box = await page.locator('#rsv').boundingBox();
    if (!box) throw new Error('no reservations section on the page');
    await page.screenshot({
      path: join(DOCS, 'noc-reservations.png'),
      fullPage: true,
      clip: { x: 0, y: box.y - 8, width: 1400, height: box.height + 16 },
    });
  }, 60_000);
});
