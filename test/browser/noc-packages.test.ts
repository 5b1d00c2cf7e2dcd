import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PackagesApi } from '@edgefleet/client';
import { ROOT } from '../support/processes.js';
import {
  startInProcessCoordinator,
  type InProcessCoordinator,
} from '../support/in-process-coordinator.js';

const DOCS = join(ROOT, 'docs', 'img');
const VIEWER = 'noc-packages-viewer-token-0123456';
const OPERATOR = 'noc-packages-operator-token-0123456';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];

type Coordinator = InProcessCoordinator;

/** The NOC's token packages section in Chromium: "no data", then the catalogue and purchases by customer. */
describe('NOC token packages in Chromium', () => {
  let c: Coordinator;
  let browser: Browser | undefined;
  let page: Page;

  const rows = (p: Page, sel: string) =>
    p.$$eval(sel, (rs) =>
      rs.map((r) => [...r.querySelectorAll('td,th')].map((td) => td.textContent ?? '')),
    );

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
    mkdirSync(DOCS, { recursive: true });
    c = await startInProcessCoordinator('noc-packages', [
      { token: VIEWER, role: 'viewer' },
      { token: OPERATOR, role: 'operator' },
    ]);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(`${c.httpUrl}/#token=${VIEWER}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('says "no data" while no package is defined or bought', async () => {
    await page.waitForSelector('#pkg-table tbody tr.none', { timeout: 20_000 });
    expect(await page.textContent('#pkg-table tbody')).toMatch(/^no data/);
    expect(await page.textContent('#pkg-purchases tbody')).toMatch(/^no data/);
    expect(await page.textContent('#pkg-count')).toBe('');
  }, 40_000);

  it('shows the catalogue and the purchases grouped by customer, money as currency', async () => {
    for (const body of [
      {
        id: 'h100-100',
        name: '100 H100-hours',
        microTokens: 100_000_000,
        currency: 'EUR',
        priceMinor: 15_000,
        validDays: 90,
      },
      {
        id: 'h100-10',
        name: '10 H100-hours',
        microTokens: 10_000_000,
        currency: 'EUR',
        priceMinor: 1_650,
        validDays: 30,
      },
      {
        id: 'jp-5',
        name: '5 H100-hours (JP)',
        microTokens: 5_000_000,
        currency: 'JPY',
        priceMinor: 1_200,
        validDays: 7,
      },
    ]) {
      const res = await fetch(`${c.httpUrl}/api/v1/packages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    }
    const sdk = new PackagesApi({ baseUrl: c.httpUrl, token: OPERATOR });
    const acme1 = await sdk.buy({
      customerId: 'cust-acme',
      packageId: 'h100-100',
      purchaseId: 'acme-1',
    });
    const acme2 = await sdk.buy({
      customerId: 'cust-acme',
      packageId: 'h100-10',
      purchaseId: 'acme-2',
    });
    await sdk.buy({ customerId: 'cust-acme', packageId: 'jp-5', purchaseId: 'acme-3' });
    await sdk.buy({ customerId: 'cust-globex', packageId: 'h100-10', purchaseId: 'globex-1' });
    expect(acme2.purchase.purchasedAtMs).toBeGreaterThanOrEqual(acme1.purchase.purchasedAtMs);

    await page.reload();
    await page.waitForSelector('#pkg-table tbody tr[data-package]', { timeout: 20_000 });
    expect(await rows(page, '#pkg-table tbody tr')).toEqual([
      ['h100-10', '10 H100-hours', '10', '€16.50', '€1.65', '30 d'],
      ['h100-100', '100 H100-hours', '100', '€150.00', '€1.50', '90 d'],
      ['jp-5', '5 H100-hours (JP)', '5', '¥1,200', '¥240', '7 d'],
    ]);
    expect(await page.textContent('#pkg-count')).toBe('(3)');

    await page.waitForSelector('#pkg-purchases tbody tr[data-purchase]', { timeout: 20_000 });
    const groups = await page.$$eval('#pkg-purchases tbody tr.group', (rs) =>
      rs.map((r) => [
        r.getAttribute('data-customer'),
        ...[...r.querySelectorAll('th,td')].map((x) => x.textContent),
      ]),
    );
    expect(groups).toEqual([
      ['cust-acme', 'cust-acme · 3 purchases', '€166.50 + ¥1,200', ''],
      ['cust-globex', 'cust-globex · 1 purchase', '€16.50', ''],
    ]);
    const bought = await page.$$eval('#pkg-purchases tbody tr[data-purchase]', (rs) =>
      rs.map((r) => {
        const td = [...r.querySelectorAll('td')].map((x) => x.textContent ?? '');
        return [r.getAttribute('data-purchase'), td[0], td[1], td[2], td[3], td[6]];
      }),
    );
    // Each customer's own, newest first (acme-1 and acme-2 may share a millisecond: either order).
    expect(bought.slice(3)).toEqual([
      ['globex-1', 'cust-globex', 'h100-10', '10', '€16.50', 'live'],
    ]);
    expect(
      bought
        .slice(0, 3)
        .map((b) => b[0])
        .sort(),
    ).toEqual(['acme-1', 'acme-2', 'acme-3']);
    expect(bought.find((b) => b[0] === 'acme-3')).toEqual([
      'acme-3',
      'cust-acme',
      'jp-5',
      '5',
      '¥1,200',
      'live',
    ]);
    expect(bought.find((b) => b[0] === 'acme-1')).toEqual([
      'acme-1',
      'cust-acme',
      'h100-100',
      '100',
      '€150.00',
      'live',
    ]);
    const dates = await page.$$eval('#pkg-purchases tbody tr[data-purchase] td:nth-child(5)', (t) =>
      t.map((x) => x.textContent),
    );
    for (const d of dates) expect(d).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(await page.textContent('#pkg-buy-count')).toBe('(4)');
    expect(await page.$('#pkg-purchases tbody tr.none')).toBeNull();

    const box = await page.locator('#pkg').boundingBox();
    if (!box) throw new Error('no packages section on the page');
    await page.screenshot({
      path: join(DOCS, 'noc-packages.png'),
      fullPage: true,
      clip: { x: 0, y: box.y - 8, width: 1400, height: box.height + 16 },
    });
  }, 60_000);
});
