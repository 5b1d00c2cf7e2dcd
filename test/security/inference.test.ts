import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  pb,
  signingKeyFromPem,
  signLeaseToken,
  type edgefleet,
  type LeaseClaims,
  type SigningKeyPair,
} from '@edgefleet/proto';
import type { Agent } from '@edgefleet/agent';
import {
  brokerClient,
  call,
  inferenceClient,
  startHarness,
  startSiteAgent,
  waitFor,
  type BrokerClient,
  type Enrolled,
  type Harness,
  type InferenceClient,
} from './support.js';

/**
 * Fuzzes the agent's Inference service (the edge, where vehicles call directly): every rejected
 * request gets its documented code (docs/protocol.md), appends no burn (outbox lastSeq unchanged),
 * and the agent keeps serving valid requests.
 */
export const RUNS = { random: 150, altered: 200, signed: 150 } as const;

/** The table in docs/protocol.md, written out here on purpose (an independent oracle, not an import of the agent's own map). */
const EXPECT: Record<string, number> = {
  LEASE_TOKEN_MALFORMED: grpc.status.UNAUTHENTICATED,
  LEASE_TOKEN_UNKNOWN_KEY: grpc.status.UNAUTHENTICATED,
  LEASE_TOKEN_FORGED: grpc.status.UNAUTHENTICATED,
  LEASE_TOKEN_EXPIRED: grpc.status.UNAUTHENTICATED,
  LEASE_WRONG_SITE: grpc.status.PERMISSION_DENIED,
  LEASE_WRONG_MODEL: grpc.status.PERMISSION_DENIED,
  LEASE_BUDGET_EXHAUSTED: grpc.status.RESOURCE_EXHAUSTED,
  SITE_AT_CAPACITY: grpc.status.RESOURCE_EXHAUSTED,
  LEASE_REVOKED: grpc.status.FAILED_PRECONDITION,
  INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
};

describe('security: agent Inference fuzz', () => {
  let h: Harness;
  let site: Enrolled;
  let agent: Agent;
  let broker: BrokerClient;
  let infer: InferenceClient;
  let coordKey: SigningKeyPair;
  let token = '';
  let holdId = '';
  const codes = new Map<string, number>();

  beforeAll(async () => {
    h = await startHarness();
    site = await h.enroll('fuzz infer');
    agent = await startSiteAgent(site, { metrics: { enabled: true } });
    await waitFor(
      () => h.coord.registry.get(site.siteId)?.state,
      (s) => s === 'online',
      20_000,
    );
    await h.coord.ledger.topUp('fleet-infer', 50_000_000, 'fuzz');
    broker = brokerClient(h.coord.grpcEndpoint, h.tokens.admin);
    infer = inferenceClient(agent.inferenceEndpoint);
    const acq = await call(
      broker.acquire,
      broker,
      new pb.AcquireRequest({
        customer_id: 'fleet-infer',
        model: 'llama-3-8b',
        budget_micro_tokens: 10_000_000,
        ttl_s: 600,
      }),
    );
    expect(acq.code, acq.details).toBe(grpc.status.OK);
    token = acq.res?.primary?.token ?? '';
    holdId = acq.res?.primary?.hold_id ?? '';
    const kid = token.split('.')[1] ?? '';
    coordKey = signingKeyFromPem(
      kid,
      readFileSync(join(h.coord.config.dataDir, 'keys', `lease-signing-${kid}.pem`), 'utf8'),
    );
  }, 60_000);

  afterAll(async () => {
    broker?.close();
    infer?.close();
    await agent?.close();
    await h?.close();
  });

  /** A request that must be rejected with `allowed` codes, appending no burn. */
  async function rejected(
    req: edgefleet.v1.InferRequest,
    allowed: readonly string[],
  ): Promise<string> {
    const before = agent.outbox.lastSeq;
    const r = await call(infer.infer, infer, req);
    const code = /^([A-Z_]+): /.exec(r.details)?.[1] ?? `status ${r.code}`;
    codes.set(code, (codes.get(code) ?? 0) + 1);
    expect(allowed, `${r.code} ${r.details.slice(0, 200)}`).toContain(code);
    expect(r.code).toBe(EXPECT[code]);
    expect(agent.outbox.lastSeq).toBe(before);
    return code;
  }

  async function stillServes(): Promise<void> {
    const before = agent.outbox.lastSeq;
    const r = await call(
      infer.infer,
      infer,
      new pb.InferRequest({
        lease_token: token,
        model: 'llama-3-8b',
        input: 'ok?',
        max_output_tokens: 2,
      }),
    );
    expect(r.code, r.details).toBe(grpc.status.OK);
    expect(r.res?.burn_seq).toBe(before + 1);
  }

  it('the real token works (baseline)', stillServes);

  it('random strings as tokens → LEASE_TOKEN_MALFORMED / UNKNOWN_KEY, no burn', async () => {
    const tok = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc
        .array(fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/), { minLength: 4, maxLength: 4 })
        .map((p) => `ef1.${p.join('.')}`),
      fc.constantFrom(
        '',
        'ef1',
        'ef1...',
        'ef1.a.b.c.d',
        'x'.repeat(5000),
        `ef1.${'k'.repeat(100_000)}.a.b`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(tok, fc.string({ maxLength: 64 }), async (t, input) => {
        await rejected(new pb.InferRequest({ lease_token: t, model: 'llama-3-8b', input }), [
          'LEASE_TOKEN_MALFORMED',
          'LEASE_TOKEN_UNKNOWN_KEY',
        ]);
      }),
      { numRuns: RUNS.random },
    );
    await stillServes();
  }, 120_000);

  it('truncated or altered real tokens → UNAUTHENTICATED (malformed / unknown key / forged), or LEASE_WRONG_SITE when the alteration names another site, no burn', async () => {
    const altered = fc
      .oneof(
        fc.nat({ max: token.length - 1 }).map((n) => token.slice(0, n)),
        fc
          .tuple(
            fc.nat({ max: token.length - 1 }),
            fc.constantFrom(...'ABCabc019-_.=+/ '.split('')),
          )
          .map(([i, c]) => token.slice(0, i) + c + token.slice(i + 1)),
        fc
          .tuple(fc.nat({ max: token.length - 1 }), fc.string({ minLength: 1, maxLength: 4 }))
          .map(([i, s]) => token.slice(0, i) + s + token.slice(i)),
      )
      .filter((t) => t !== token);
    await fc.assert(
      fc.asyncProperty(altered, async (t) => {
        // The real token is ef2 (per-site MAC): its claims are read before the MAC only to name
        // a refusal, so a change that makes them name another site is refused as LEASE_WRONG_SITE.
        await rejected(new pb.InferRequest({ lease_token: t, model: 'llama-3-8b', input: 'x' }), [
          'LEASE_TOKEN_MALFORMED',
          'LEASE_TOKEN_UNKNOWN_KEY',
          'LEASE_TOKEN_FORGED',
          'LEASE_WRONG_SITE',
        ]);
      }),
      { numRuns: RUNS.altered },
    );
    await stillServes();
  }, 120_000);

  it('tokens signed by another key (same or other kid), expired, for another site or model, with bad claims → their own codes', async () => {
    const base = (): LeaseClaims => {
      const c = JSON.parse(
        Buffer.from(token.split('.')[2] ?? '', 'base64url').toString('utf8'),
      ) as LeaseClaims;
      return { ...c };
    };
    const rogueSameKid = generateSigningKey(coordKey.kid);
    const rogueOtherKid = generateSigningKey('rogue-kid');
    const cases = fc.oneof(
      fc.constant([
        'forged-same-kid',
        signLeaseToken(rogueSameKid, base()),
        'llama-3-8b',
        'LEASE_TOKEN_FORGED',
      ] as const),
      fc.constant([
        'other-kid',
        signLeaseToken(rogueOtherKid, base()),
        'llama-3-8b',
        'LEASE_TOKEN_UNKNOWN_KEY',
      ] as const),
      fc
        .integer({ min: 0, max: 1e12 })
        .map(
          (ago) =>
            [
              'expired',
              signLeaseToken(coordKey, { ...base(), exp: Date.now() - ago }),
              'llama-3-8b',
              'LEASE_TOKEN_EXPIRED',
            ] as const,
        ),
      fc
        .string({ maxLength: 70 })
        .filter((s) => s !== site.siteId)
        .map(
          (sid) =>
            [
              'wrong-site',
              signLeaseToken(coordKey, { ...base(), sid }),
              'llama-3-8b',
              'LEASE_WRONG_SITE',
            ] as const,
        ),
      fc
        .string({ minLength: 1, maxLength: 100_000 })
        .filter((m) => m !== 'llama-3-8b')
        .map((m) => ['wrong-model', token, m, 'LEASE_WRONG_MODEL'] as const),
      fc.constantFrom('bud', 'exp', 'iat', 'lid', 'sid').chain((k) =>
        fc
          .constantFrom<unknown>(null, -1, 1.5, '1', 2 ** 60)
          .filter((v) => !(k === 'iat' && v === -1) && !((k === 'lid' || k === 'sid') && v === '1'))
          .map((v) => {
            const c = { ...base(), [k]: v } as unknown as LeaseClaims;
            return [
              'bad-claims',
              signLeaseToken(coordKey, c),
              'llama-3-8b',
              k === 'exp' && v === -1 ? 'LEASE_TOKEN_EXPIRED' : 'LEASE_TOKEN_MALFORMED',
            ] as const;
          }),
      ),
      fc.constant(['huge-input', token, 'llama-3-8b', 'INVALID_ARGUMENT'] as const),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([kind, t, model, code]) => {
        const input = kind === 'huge-input' ? 'x'.repeat(256 * 1024 + 1) : 'x';
        await rejected(new pb.InferRequest({ lease_token: t, model, input }), [code]);
      }),
      { numRuns: RUNS.signed },
    );
    await stillServes();
  }, 120_000);

  it('replaying a released lease token → LEASE_REVOKED, no burn', async () => {
    const rel = await call(broker.release, broker, new pb.ReleaseRequest({ hold_id: holdId }));
    expect(rel.code, rel.details).toBe(grpc.status.OK);
    await waitFor(
      () =>
        call(
          infer.infer,
          infer,
          new pb.InferRequest({ lease_token: token, model: 'llama-3-8b', input: 'replay' }),
        ),
      (r) => r.code !== grpc.status.OK,
      10_000,
    );
    for (let i = 0; i < 20; i++)
      await rejected(
        new pb.InferRequest({ lease_token: token, model: 'llama-3-8b', input: `replay ${i}` }),
        ['LEASE_REVOKED'],
      );
    // The agent process is still up and metering: its own metrics answer.
    expect(await agent.metrics?.getSingleMetricAsString('edgefleet_agent_infer_total')).toContain(
      'lease_revoked',
    );
    console.info('security/inference codes seen:', Object.fromEntries(codes));
  }, 60_000);
});
