import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GRPC_SERVER_OPTIONS,
  InferenceService,
  pb,
  shutdownGrpcServer,
  type edgefleet,
} from '@edgefleet/proto';
import { testSite } from '../routing/routing.test-support.js';
import { runCanary, type CanaryDeps } from './canary.js';
import { CanaryInferCaller } from './canary-infer.js';
import { echoOracle } from './oracles.js';
import { spotCheckSettingsSchema } from './settings.js';

/** How the site behind the real gRPC port answers: honestly, wrongly, or billing a long "compute". */
let behaviour: 'honest' | 'wrong' | 'slow' = 'honest';
const seen: edgefleet.v1.InferRequest[] = [];

function infer(
  call: ServerUnaryCall<edgefleet.v1.InferRequest, edgefleet.v1.InferResponse>,
  done: sendUnaryData<edgefleet.v1.InferResponse>,
): void {
  const req = call.request;
  seen.push(req);
  const words = req.input.split(' ').slice(0, Math.min(4, req.max_output_tokens));
  if (behaviour === 'wrong') words[words.length - 1] = 'tok';
  done(
    null,
    new pb.InferResponse({
      output: `[${req.model}] ${words.join(' ')}`,
      // 500 ms of a whole H100 is 139 µT; honest work here is ~1 ms = 1 µT.
      micro_tokens: behaviour === 'slow' ? 139 : 1,
      compute_ms: behaviour === 'slow' ? 500 : 1,
    }),
  );
}

describe('runCanary: one canary through a lease and a real Inference port', () => {
  let server: Server;
  let endpoint = '';
  const caller = new CanaryInferCaller();
  const released: string[] = [];
  const acquired: { req: edgefleet.v1.AcquireRequest; site?: string }[] = [];
  const settings = spotCheckSettingsSchema.parse({
    models: [{ model: 'llama', oracle: 'echo', referenceMs: 10 }],
    // The billed compute decides here: a loaded test box must not turn wall time into misses
    // (the wall-time rule is envelope.test.ts's).
    wallAllowanceMs: 60_000,
  });
  const model = settings.models[0] as (typeof settings.models)[number];

  beforeAll(async () => {
    server = new Server(GRPC_SERVER_OPTIONS);
    server.addService(InferenceService, {
      infer,
      inferStream: () => undefined,
    } as never);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    endpoint = `127.0.0.1:${port}`;
  });
  afterAll(async () => {
    caller.close();
    await shutdownGrpcServer(server);
  });

  const deps = (): CanaryDeps => ({
    settings,
    caller,
    random: Math.random,
    leases: {
      async acquire(req, opts) {
        acquired.push({ req, ...(opts.site ? { site: opts.site } : {}) });
        return new pb.AcquireResponse({
          primary: { lease_id: 'l-1', hold_id: 'h-1', endpoint, token: 'ef1.tok', site_id: 's' },
        });
      },
      async release(holdId) {
        released.push(holdId);
        return {};
      },
    },
    leaseSpeed: async () => ({ multiplier: 1, slotFraction: 1 }),
  });

  it('acquires on the spot-check account pinned to the site, infers with the token, releases; an honest answer passes', async () => {
    behaviour = 'honest';
    const r = await runCanary(deps(), testSite('s'), model, echoOracle('llama'));
    expect(r.verdict).toBe('pass');
    expect(acquired.at(-1)).toMatchObject({
      site: 's',
      req: { customer_id: 'spotcheck', model: 'llama' },
    });
    expect(seen.at(-1)?.lease_token).toBe('ef1.tok');
    expect(released.at(-1)).toBe('h-1');
    expect(r.envelopeMs).toBe(10 * 4 + 5);
  });

  it('a wrong answer is wrong', async () => {
    behaviour = 'wrong';
    const r = await runCanary(deps(), testSite('s'), model, echoOracle('llama'));
    expect(r.verdict).toBe('wrong');
    expect(released.at(-1)).toBe('h-1');
  });

  it('a right answer billed beyond the envelope is slow', async () => {
    behaviour = 'slow';
    const r = await runCanary(deps(), testSite('s'), model, echoOracle('llama'));
    expect(r.verdict).toBe('slow');
    expect(r.billedMs).toBeGreaterThan(490);
  });

  it('no lease: skipped, nothing learned', async () => {
    const d = deps();
    d.leases.acquire = () => Promise.reject(new Error('no site'));
    const r = await runCanary(d, testSite('s'), model, echoOracle('llama'));
    expect(r.verdict).toBe('skipped');
  });
});
