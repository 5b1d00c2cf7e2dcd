import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwoSiteCoordinator, type TwoSites } from './two-sites.test-support.js';

describe('routing routes: explain (real coordinator, embedded broker)', () => {
  let fx: TwoSites;
  beforeAll(async () => {
    fx = await startTwoSiteCoordinator();
  }, 60_000);
  afterAll(async () => {
    await fx?.c.close();
  });
  const call: TwoSites['call'] = (...args) => fx.call(...args);

  it('explains a decision for a PoP, a cell (through the cell table) and coordinates, without acquiring', async () => {
    const byPop = await call('GET', '/api/v1/routing/explain?model=llama&popId=pop-muc', 'viewer');
    expect(byPop.status).toBe(200);
    expect(byPop.body).toMatchObject({ attachment: 'pop:pop-muc', status: 'ok', eligible: 2 });
    expect(byPop.body.winner).toMatchObject({
      site_id: fx.near,
      rtt_ms: 1.5,
      rtt_source: 'probe',
      price_per_kwh: 0.2,
      free_slots: 2,
      load: 0,
    });
    expect(byPop.body.winner.cost_micro_tokens_per_hour).toBeGreaterThan(0);
    expect(byPop.body.runner_up).toMatchObject({ site_id: fx.far, rtt_ms: 4 });
    const byCell = await call(
      'GET',
      '/api/v1/routing/explain?model=llama&cellId=262-01-0001a2b3c&maxRttMs=2',
      'viewer',
    );
    expect(byCell.body).toMatchObject({
      attachment: 'cell:262-01-0001a2b3c→pop:pop-muc',
      eligible: 1,
      rejected: { beyond_rtt: 1 },
    });
    const byGeo = await call(
      'GET',
      '/api/v1/routing/explain?model=llama&lat=48.31&lon=11.91',
      'viewer',
    );
    expect(byGeo.body.winner).toMatchObject({ site_id: fx.far, rtt_source: 'geo' });
    expect(fx.c.leases.liveHolds).toBe(0);
  });

  it('refuses bad explain queries with clear errors', async () => {
    expect((await call('GET', '/api/v1/routing/explain?model=llama&popId=pop-muc')).status).toBe(
      401,
    );
    const noModel = await call('GET', '/api/v1/routing/explain?popId=pop-muc', 'viewer');
    expect(noModel.status).toBe(400);
    expect(noModel.body.error.message).toContain('model');
    expect(
      (await call('GET', '/api/v1/routing/explain?model=llama&lat=48', 'viewer')).body.error
        .message,
    ).toContain('lat');
    const cell = await call('GET', '/api/v1/routing/explain?model=llama&cellId=nope', 'viewer');
    expect(cell.status).toBe(404);
    expect(cell.body.error.code).toBe('UNKNOWN_ATTACHMENT');
    expect(
      (await call('GET', '/api/v1/routing/explain?model=llama&popId=pop-muc&priority=12', 'viewer'))
        .status,
    ).toBe(400);
  });
});
