import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrollSite,
  startCoordinatorProcess,
  waitOnline,
  type CoordinatorProc,
  type SiteAgent,
} from '../ledger/fleet.js';

interface Canary {
  verdict: string;
  detail?: string;
  model: string;
  reputation: number;
  billedMs?: number;
}

/**
 * The default canary, end to end on a real model: the coordinator's shipped ppocr-cls fixture
 * (inputs and answers computed once from the model) sent through an ordinary lease to an agent
 * running ONNX Runtime, whose answer matches within the fixture's tolerance. The envelope is widened
 * here: this agent computes on a shared CPU while its fake hook claims an H100, which the default
 * envelope would rightly call a slower device.
 */
describe('a canary on the real ppocr-cls model (ONNX Runtime agent)', () => {
  let coord: CoordinatorProc;
  let site: SiteAgent;

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      spotChecks: {
        perSiteHourly: 0, // only the canaries this test asks for
        models: [{ model: 'ppocr-cls', oracle: 'onnx-fixture', referenceMs: 500 }],
        wallAllowanceMs: 10_000,
      },
    });
    site = await enrollSite(coord, 'onnx site', {
      models: ['ppocr-cls'],
      backend: { kind: 'onnx', executionProvider: 'cpu', only: ['ppocr-cls'], intraOpThreads: 1 },
    });
    await site.start();
    await waitOnline(coord, site.siteId);
  }, 240_000);
  afterAll(async () => {
    await site?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
  });

  it('passes: the answer is the fixture within tolerance, and the reputation stays at 1', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await coord.api<Canary>('POST', `/api/v1/sites/${site.siteId}/spot-check`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.model).toBe('ppocr-cls');
      expect(r.body.verdict, r.body.detail).toBe('pass');
      expect(r.body.reputation).toBe(1);
    }
    const rep = await coord.api<{ passes: number; wrong: number }>(
      'GET',
      `/api/v1/sites/${site.siteId}/reputation`,
    );
    expect(rep.body).toMatchObject({ passes: 4, wrong: 0 });
  }, 120_000);
});
