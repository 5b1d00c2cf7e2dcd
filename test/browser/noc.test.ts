import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, runTs, type Proc } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';

const SHOTS = join(ROOT, 'test-results');
/** Run in the page (a string: this file is typechecked without the DOM library). */
const storedToken = "localStorage.getItem('edgefleet.token')";
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The NOC dashboard in a real browser (Debian's Chromium, headless): a coordinator and a small
 * simulated fleet run as processes; one site runs as its own agent process and is SIGKILLed.
 */
describe('NOC dashboard in Chromium', () => {
  let coord: CoordinatorProc;
  let sim: Proc | undefined;
  let lone: Proc | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let loneId = '';

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
    mkdirSync(SHOTS, { recursive: true });
    coord = await startCoordinatorProcess({
      liveness: { telemetryStaleMs: 3000, offlineAfterMs: 6000, sweepIntervalMs: 200 },
    });
    sim = runTs('agent/src/cli.ts', [
      'sim',
      '--sites',
      '4',
      '--coordinator',
      coord.http,
      '--token',
      coord.adminToken,
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'ef-sim-')),
    ]);

    const dir = mkdtempSync(join(tmpdir(), 'ef-lone-'));
    const codes = await coord.api<{ codes: { code: string }[] }>(
      'POST',
      '/api/v1/enrollment-codes',
      { count: 1 },
    );
    const enroll = runTs('agent/src/cli.ts', [
      'enroll',
      '--coordinator',
      coord.http,
      '--code',
      codes.body.codes[0]?.code ?? '',
      '--name',
      'Lone Site',
      '--lat',
      '52.52',
      '--lon',
      '13.40',
      '--region',
      'eu-central',
      '--data-dir',
      dir,
    ]);
    expect(await enroll.exited).toBe(0);
    loneId = (/enrolled as site (\S+);/.exec(enroll.output()) ?? [])[1] ?? '';
    const settings = join(dir, 'settings.json');
    writeFileSync(
      settings,
      JSON.stringify({
        hook: { name: 'fake', options: { accelerators: [{ profile: 'l4', count: 2 }] } },
        backend: { kind: 'simulated' },
        telemetryIntervalMs: 300,
        hostMetrics: false,
      }),
    );
    lone = runTs('agent/src/cli.ts', ['run', '--data-dir', dir, '--config', settings]);
    await lone.waitFor(/agent \S+ running/, 60_000);
    await sim.waitFor(/4 simulated sites running/, 90_000);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (err) => {
      throw err;
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sim?.kill();
    await lone?.kill();
    await coord?.proc.kill();
  });

  it('asks for a token, says when one is rejected, and signs in with the right one', async () => {
    await page.goto(`${coord.http}/`);
    await page.waitForSelector('#signin:not([hidden]) #signin-token', { timeout: 10_000 });
    expect(await page.isHidden('#fleet-view')).toBe(true);
    await page.fill('#signin-token', 'not-a-token-this-coordinator-issued');
    await page.click('#signin-submit');
    await page.waitForSelector('#signin-msg[data-reason="rejected"]', { timeout: 10_000 });
    expect(await page.textContent('#signin-msg')).toMatch(/token was rejected/);
    expect(await page.textContent('#err')).toBe(''); // no red "401" line
    expect(await page.evaluate(storedToken)).toBeNull();
    // a stale token kept from an earlier session brings the form back, told so
    await page.evaluate("localStorage.setItem('edgefleet.token', 'revoked-long-ago')");
    await page.reload();
    await page.waitForSelector('#signin:not([hidden]) #signin-msg[data-reason="rejected"]', {
      timeout: 10_000,
    });
    await page.fill('#signin-token', coord.adminToken);
    await page.click('#signin-submit');
    await page.waitForSelector('#fleet-view:not([hidden]) #sites tbody tr[data-site]', {
      timeout: 30_000,
    });
    expect(await page.isHidden('#signin')).toBe(true);
    expect(await page.evaluate(storedToken)).toBe(coord.adminToken);
    // sign out forgets the token; the fragment form (#token=) signs in again
    await page.click('#signout');
    await page.waitForSelector('#signin:not([hidden])', { timeout: 10_000 });
    expect(await page.evaluate(storedToken)).toBeNull();
  }, 60_000);

  it('shows every simulated site on the map and in the table', async () => {
    await page.goto('about:blank'); // a fresh document: the fragment form is read at load
    await page.goto(`${coord.http}/#token=${encodeURIComponent(coord.adminToken)}`);
    await page.waitForFunction(
      `document.querySelectorAll('#sites tbody tr[data-site][data-state="online"]').length === 5`,
      undefined,
      { timeout: 30_000 },
    );
    expect(page.url()).not.toContain('token='); // the token leaves the address bar
    const rows = await page.$$eval('#sites tbody tr[data-site]', (trs) =>
      trs.map((tr) => tr.getAttribute('data-site')),
    );
    expect(rows).toHaveLength(5);
    expect(rows).toContain(loneId);
    // The compute column says which backend computes: these sites run the simulated one (a sleep).
    await page.waitForFunction(
      `document.querySelectorAll('#sites tbody td.compute[data-backend="simulated"]').length === 5`,
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.textContent('#sites tbody td.compute')).toBe('simulated');
    await page.waitForSelector('#map-sites[data-online="5"]', { timeout: 10_000 });
    expect(await page.$$eval('#map-base path.country', (ps) => ps.length)).toBeGreaterThan(150);
    // every site is drawn, as itself or inside a bubble that counts it
    const drawn = await page.$$eval('#map-sites [data-i]', (els) =>
      els.reduce((n, el) => n + Number(el.getAttribute('data-count') ?? 1), 0),
    );
    expect(drawn).toBe(5);
    await page.waitForSelector('#live.on', { timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'noc-fleet.png'), fullPage: true });
  }, 60_000);

  it('filters by region', async () => {
    await page.selectOption('#f-region', 'eu-north');
    await page.waitForFunction(
      `[...document.querySelectorAll('#sites tbody tr[data-site]')].every((tr) => tr.children[2]?.textContent === 'eu-north')
      && document.querySelectorAll('#sites tbody tr[data-site]').length === 1`,
      undefined,
      { timeout: 10_000 },
    );
    await page.selectOption('#f-region', '');
    await page.waitForFunction(
      `document.querySelectorAll('#sites tbody tr[data-site]').length === 5`,
      undefined,
      { timeout: 10_000 },
    );
  }, 30_000);

  it('turns a SIGKILLed site offline on screen, without a reload', async () => {
    const t0 = Date.now();
    lone?.child.kill('SIGKILL');
    // generous bound: both links must drop and the page learns it over the event stream (or polling)
    await page.waitForSelector(`#sites tbody tr[data-site="${loneId}"][data-state="offline"]`, {
      timeout: 20_000,
    });
    const seconds = (Date.now() - t0) / 1000;
    await page.waitForSelector('#map-sites[data-offline="1"]', { timeout: 10_000 });
    await page.waitForSelector('#alerts tr[data-alert^="site_offline:"]', { timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'noc-offline.png'), fullPage: true });
    console.log(`site shown offline ${seconds.toFixed(1)} s after SIGKILL`);
  }, 40_000);

  it('opens the site page: facts, accelerators, charts, burns', async () => {
    const simSite = await page.$eval(
      '#sites tbody tr[data-site][data-state="online"]',
      (tr) => tr.getAttribute('data-site') ?? '',
    );
    await page.click(`#sites tbody tr[data-site="${simSite}"]`);
    await page.waitForSelector('#site-view:not([hidden]) #site-state[data-state="online"]', {
      timeout: 10_000,
    });
    await page.waitForFunction(
      `Number(document.querySelector('#chart-power polyline')?.getAttribute('data-points') ?? 0) >= 2`,
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.$$eval('#accels tbody tr', (trs) => trs.length)).toBeGreaterThan(0);
    expect(await page.textContent('#compute-backend')).toContain('simulated (sleep, no compute)');
    // the burns section is fetched after the charts are drawn: wait for it, then read it
    await page.waitForFunction(
      `/µT|run/.test(document.querySelector('#site-burns')?.textContent ?? '')`,
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.textContent('#site-burns')).toMatch(/µT|run/);
    await page.screenshot({ path: join(SHOTS, 'noc-site.png'), fullPage: true });
    await page.goto(`${coord.http}/#/site/${encodeURIComponent(loneId)}`);
    await page.waitForSelector('#site-state[data-state="offline"]', { timeout: 10_000 });
    // an offline site has no live values: "no data", not 0 W / 0 °C / 0/0 MiB
    await page.waitForSelector('#site-facts[data-live="false"]', { timeout: 10_000 });
    expect(await page.textContent('#site-facts [data-fact="power"]')).toMatch(/no data/);
    expect(await page.textContent('#site-facts [data-fact="utilization"]')).toMatch(/no data/);
    expect(await page.textContent('#accels tbody')).not.toMatch(/°C|MiB|\b0\/0\b/);
    await page.screenshot({ path: join(SHOTS, 'noc-site-offline.png'), fullPage: true });
  }, 40_000);
});
