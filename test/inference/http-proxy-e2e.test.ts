import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllSitesFailedError, type LeaseSession } from '@edgefleet/client';
import type { edgefleet } from '@edgefleet/proto';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';
import { eventually } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';
import {
  startKserveServer,
  startOpenAiServer,
  type OpenAiServer,
  type UpstreamServer,
} from '../support/upstream-servers.js';

const fp32 = (a: number[]) => new Uint8Array(new Float32Array(a).buffer);
const floats = (t: edgefleet.v1.IInferTensor | undefined) =>
  Array.from(new Float32Array(new Uint8Array(t?.raw_contents ?? []).buffer));

/**
 * A site in front of a real local inference server, over real sockets: a coordinator process, an
 * agent process on the HTTP proxy backend (one on an OpenAI-compatible server, one on a KServe v2
 * server), and a vehicle on the SDK holding a lease for a model the site discovered upstream.
 */
describe('HTTP proxy backend end to end (SDK → lease → agent process → local inference server)', () => {
  let llm: OpenAiServer;
  let kserve: UpstreamServer;
  let fleet: LeaseFleet;
  let kserveAgent: AgentProc;
  let chat: LeaseSession;
  const customer = 'fleet-http';
  const siteModels = async (siteId: string) =>
    (await fleet.coord.api<{ models: string[] }>('GET', `/api/v1/sites/${siteId}`)).body.models;

  beforeAll(async () => {
    llm = await startOpenAiServer({ models: ['llama-3-8b'] });
    kserve = await startKserveServer();
    fleet = await startLeaseFleet(['llm-a'], customer, 50_000_000, {
      backend: { kind: 'http', url: llm.url, discoveryIntervalMs: 300, timeoutMs: 20_000 },
    });
    kserveAgent = await startAgentProcess(fleet.coord, 'kserve-b', {
      backend: {
        kind: 'http',
        flavor: 'kserve-v2',
        url: kserve.url,
        models: ['doubler', 'shout', 'not-on-the-server'],
      },
    });
    chat = await fleet.client.acquire({
      model: 'llama-3-8b',
      location: { lat: 50.1, lon: 8.7 },
      budgetMicroTokens: 2_000_000,
      ttlS: 120,
      autoRenew: false,
    });
  }, 240_000);
  afterAll(async () => {
    await chat?.release().catch(() => undefined);
    await kserveAgent?.proc.kill('SIGKILL');
    await fleet?.close();
    await llm?.close();
    await kserve?.close();
  });

  it('each site advertises the models its upstream serves, not the configured list', async () => {
    expect(await siteModels(fleet.agents[0]?.siteId ?? '')).toEqual(['llama-3-8b']);
    await eventually(
      () => siteModels(kserveAgent.siteId),
      (m) => JSON.stringify(m) === JSON.stringify(['doubler', 'shout']),
      30_000,
    );
  });

  it('streams: deltas reach the vehicle while the upstream stream is still open, then the burn summary', async () => {
    const held = llm.hold();
    const deltas: string[] = [];
    let firstDelta!: () => void;
    const first = new Promise<void>((r) => (firstDelta = r));
    let ended = false;
    const run = chat
      .inferStream(
        'hello edge world',
        (t) => {
          deltas.push(t);
          firstDelta();
        },
        { timeoutMs: 30_000 },
      )
      .finally(() => (ended = true));
    await first;
    expect(ended).toBe(false); // the upstream holds the rest of its stream
    expect(deltas).toEqual(['echo:']);
    held.release();
    const r = await run;
    expect(deltas.join('')).toBe('echo: hello edge world');
    expect(r.output).toBe('echo: hello edge world');
    expect(r.response.micro_tokens).toBeGreaterThanOrEqual(1);
    expect(r.response.compute_ms).toBeGreaterThan(0);
  });

  it('a request that goes away mid-stream aborts the upstream call; what ran is billed, once', async () => {
    const before = await chat.infer('before', { timeoutMs: 10_000 });
    const held = llm.hold();
    const aborted = llm.aborted.length;
    await expect(chat.inferStream('long answer', () => {}, { timeoutMs: 1_500 })).rejects.toThrow(
      /DEADLINE_EXCEEDED|CANCELLED|deadline/i,
    );
    await eventually(
      async () => llm.aborted.length,
      (n) => n > aborted,
      10_000,
    );
    expect(llm.aborted.at(-1)).toBe('POST /v1/chat/completions');
    held.release();
    const after = await chat.infer('after', { timeoutMs: 10_000 });
    // One burn between the two: the cancelled call's, for the time the upstream ran until the abort.
    expect(after.response.burn_seq).toBe(before.response.burn_seq + 2);
  });

  it('an upstream failing gives the named error; an upstream gone withdraws the model from routing', async () => {
    llm.failWith = 503;
    const err = await chat.infer('x', { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AllSitesFailedError);
    expect((err as AllSitesFailedError).data['failures']).toEqual([
      expect.objectContaining({
        reason: 'UPSTREAM_UNAVAILABLE',
        message: expect.stringMatching(/HTTP 503/),
      }),
    ]);
    llm.failWith = undefined;
    await llm.stop();
    await eventually(
      () => siteModels(fleet.agents[0]?.siteId ?? ''),
      (m) => m.length === 0,
      30_000,
    );
    await llm.restart();
    await eventually(
      () => siteModels(fleet.agents[0]?.siteId ?? ''),
      (m) => m.includes('llama-3-8b'),
      30_000,
    );
  });

  it('KServe v2: typed tensors go to the upstream model and come back typed, metered into a burn', async () => {
    const s = await fleet.client.acquire({
      model: 'doubler',
      location: { lat: 50.1, lon: 8.7 },
      budgetMicroTokens: 1_000_000,
      ttlS: 120,
      autoRenew: false,
    });
    try {
      const r = await s.infer('', {
        tensors: [
          { name: 'x', datatype: 'FP32', shape: [1, 4], raw_contents: fp32([1, -2, 0.5, 3]) },
        ],
        timeoutMs: 10_000,
      });
      expect(r.siteId).toBe(kserveAgent.siteId);
      const y = r.response.outputs.find((t) => t.name === 'y');
      expect(y).toMatchObject({ datatype: 'FP32', shape: [1, 4] });
      expect(floats(y)).toEqual([2, -4, 1, 6]);
      expect(r.response.model_version).toBe('1');
      expect(r.response.micro_tokens).toBeGreaterThanOrEqual(1);
      await expect(
        s.infer('', {
          tensors: [{ name: 'x', datatype: 'FP32', shape: [1, 3], raw_contents: fp32([1, 2, 3]) }],
          timeoutMs: 10_000,
        }),
      ).rejects.toThrow(/TENSOR_INVALID: model doubler, input x/);
    } finally {
      await s.release();
    }
  });
});
