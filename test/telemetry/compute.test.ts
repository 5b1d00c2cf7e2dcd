import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaseSession } from '@edgefleet/client';
import type { edgefleet } from '@edgefleet/proto';
import { eventually } from '../support/processes.js';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';

interface ComputeRow {
  model: string;
  requests: number;
  totalRequests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  measuredAtMs: number;
}
interface SiteCompute {
  backend: string;
  executionProvider: string;
  simulated: boolean;
  models: ComputeRow[];
}

/** A 1×3×48×192 FP32 crop of ones (any valid input: this test is about the figures, not the class). */
const crop = (): edgefleet.v1.IInferTensor => ({
  name: 'x',
  datatype: 'FP32',
  shape: [1, 3, 48, 192],
  raw_contents: new Uint8Array(new Float32Array(3 * 48 * 192).fill(1).buffer),
});

/**
 * Real compute in telemetry, end to end: an agent process on ONNX Runtime runs requests, measures
 * each session.run, reports the interval's figures over MQTT; the coordinator keeps them per site and
 * its sites API (what the NOC draws) shows them. A simulated site beside it is labelled simulated.
 */
describe('compute time per request: agent → MQTT telemetry → coordinator → NOC API', () => {
  let fleet: LeaseFleet;
  let simSite: AgentProc;
  let session: LeaseSession;
  const customer = 'fleet-compute';

  beforeAll(async () => {
    fleet = await startLeaseFleet(['onnx-compute'], customer, 50_000_000, {
      backend: { kind: 'onnx', executionProvider: 'cpu', only: ['ppocr-cls'], intraOpThreads: 1 },
    });
    simSite = await startAgentProcess(fleet.coord, 'sim-compute');
  }, 120_000);
  afterAll(async () => {
    await session?.release().catch(() => undefined);
    await simSite?.proc.kill('SIGKILL');
    await fleet?.close();
  });

  const site = (id: string) =>
    fleet.coord.api<{ compute: SiteCompute; models: string[] }>('GET', `/api/v1/sites/${id}`);

  it('the measured session.run times of the requests reach the site view, per model, with the provider', async () => {
    const siteId = fleet.agents[0]?.siteId ?? '';
    const before = await eventually(
      () => site(siteId),
      (r) => r.body.compute.backend === 'onnx',
      15_000,
    );
    expect(before.body.compute).toMatchObject({
      backend: 'onnx',
      executionProvider: 'cpu',
      simulated: false,
      models: [],
    });
    session = await fleet.client.acquire({
      model: 'ppocr-cls',
      location: { lat: 50.1, lon: 8.7 },
      budgetMicroTokens: 1_000_000,
      ttlS: 120,
      autoRenew: false,
    });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await session.infer('', { tensors: [crop()], timeoutMs: 5000 });
      times.push(r.response.compute_ms);
    }
    const after = await eventually(
      () => site(siteId),
      (r) => r.body.compute.models[0]?.totalRequests === 3,
      15_000,
    );
    const [row] = after.body.compute.models;
    expect(after.body.compute.models).toHaveLength(1);
    expect(row).toMatchObject({ model: 'ppocr-cls', totalRequests: 3 });
    // Each figure is one of the measured runs (nearest-rank percentiles and the max of an interval),
    // i.e. the compute the answers reported and the burns billed, not a wall-clock or queue time.
    for (const v of [row?.p50Ms, row?.p95Ms, row?.maxMs]) expect(times).toContain(v);
    expect(row?.p50Ms).toBeLessThanOrEqual(row?.p95Ms ?? -1);
    expect(row?.p95Ms).toBeLessThanOrEqual(row?.maxMs ?? -1);
    expect(row?.measuredAtMs).toBeGreaterThan(0);
    // The fleet list carries the same block (the NOC's sites table).
    const list = await fleet.coord.api<{ items: { siteId: string; compute: SiteCompute }[] }>(
      'GET',
      '/api/v1/sites',
    );
    expect(list.body.items.find((s) => s.siteId === siteId)?.compute.models[0]).toMatchObject({
      model: 'ppocr-cls',
      totalRequests: 3,
    });
  });

  it('an idle model keeps its last figures with requests 0 in the next report', async () => {
    const siteId = fleet.agents[0]?.siteId ?? '';
    const r = await eventually(
      () => site(siteId),
      (x) => x.body.compute.models[0]?.requests === 0,
      15_000,
    );
    expect(r.body.compute.models[0]).toMatchObject({ model: 'ppocr-cls', totalRequests: 3 });
    expect(r.body.compute.models[0]?.p50Ms).toBeGreaterThan(0);
  });

  it('a simulated site says it is simulated: no compute to show', async () => {
    const r = await eventually(
      () => site(simSite.siteId),
      (x) => x.body.compute.backend !== '',
      15_000,
    );
    expect(r.body.compute).toMatchObject({
      backend: 'simulated',
      simulated: true,
      executionProvider: '',
      models: [],
    });
  });
});
