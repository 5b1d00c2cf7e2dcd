import fc from 'fast-check';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRPC_CHANNEL_OPTIONS, LeaseBrokerService, pb } from '@edgefleet/proto';
import type { Agent } from '@edgefleet/agent';
import {
  brokerClient,
  call,
  startHarness,
  startSiteAgent,
  waitFor,
  type BrokerClient,
  type Harness,
} from './support.js';

/**
 * Fuzzes LeaseBroker (Acquire/Renew/Release/Watch) over a real socket against a real coordinator
 * with one real online agent: every reply is a proper status, never INTERNAL; the ledger stays
 * conserved; refused acquires leak no hold.
 */
export const RUNS = { acquire: 300, holdRpcs: 200, raw: 200 } as const;

const ALLOWED = new Set([
  grpc.status.OK,
  grpc.status.INVALID_ARGUMENT,
  grpc.status.NOT_FOUND,
  grpc.status.FAILED_PRECONDITION,
  grpc.status.RESOURCE_EXHAUSTED,
]);
const MB = 'x'.repeat(1024 * 1024);
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '\u0000',
    'fleet\u0000acme',
    "'; DROP TABLE ledger_entries; --",
    '../x',
    'a'.repeat(3000),
    MB,
  ),
);
const hostileDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, -0, 1e308),
);
const hostileU64 = fc.oneof(
  fc.nat(),
  fc.constantFrom(
    0,
    1,
    1_000_000,
    10_000_000 + 1,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    2 ** 64 - 1,
    1e12 + 1,
  ),
);

describe('security: gRPC LeaseBroker fuzz', () => {
  let h: Harness;
  let agent: Agent;
  let client: BrokerClient;
  const customer = 'fleet-fuzz';
  const BALANCE = 10_000_000;
  const granted: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    const site = await h.enroll('fuzz grpc');
    agent = await startSiteAgent(site);
    await waitFor(
      () => h.coord.registry.get(site.siteId)?.state,
      (s) => s === 'online',
      20_000,
    );
    await h.coord.ledger.topUp(customer, BALANCE, 'fuzz-topup');
    client = brokerClient(h.coord.grpcEndpoint, h.tokens.admin);
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await agent?.close();
    await h?.close();
  });

  it('Acquire with random field values: a proper status every time, never INTERNAL', async () => {
    const hostile = fc.record(
      {
        customer_id: hostileString,
        model: hostileString,
        location: fc.record(
          {
            pop_id: hostileString,
            lat: hostileDouble,
            lon: hostileDouble,
            has_coordinates: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
        max_rtt_ms: hostileDouble,
        budget_micro_tokens: hostileU64,
        hedges: fc.oneof(fc.nat({ max: 4 }), fc.constant(2 ** 32 - 1)),
        domestic_only: fc.boolean(),
        accelerator_kinds: fc.array(hostileString, { maxLength: 3 }),
        isolation: fc.oneof(fc.constantFrom('', 'whole', 'mig', 'timeslice'), hostileString),
        ttl_s: fc.oneof(fc.nat({ max: 4000 }), fc.constant(2 ** 32 - 1)),
        explain: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    // A valid request (for a funded or an unfunded customer) with 0..4 of its fields replaced by hostile values.
    const base = fc.record({
      customer_id: fc.constantFrom(customer, 'fleet-broke'),
      model: fc.constant('llama-3-8b'),
      budget_micro_tokens: fc.integer({ min: 1, max: 100_000 }),
      max_rtt_ms: fc.constant(0),
    });
    const req = fc
      .tuple(base, hostile, fc.nat({ max: 4 }))
      .map(([b, o, n]) => ({ ...b, ...Object.fromEntries(Object.entries(o).slice(0, n)) }));
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(req, async (r) => {
        const reply = await call(client.acquire, client, pb.AcquireRequest.fromObject(r));
        seen.set(reply.code, (seen.get(reply.code) ?? 0) + 1);
        expect(ALLOWED.has(reply.code), `status ${reply.code}: ${reply.details}`).toBe(true);
        if (reply.code !== grpc.status.OK) expect(reply.details).toMatch(/^[A-Z_]+: /);
        if (reply.res?.primary?.hold_id) {
          granted.push(reply.res.primary.hold_id);
          // Release at once so the balance does not run dry and the run keeps exploring.
          expect(
            (
              await call(
                client.release,
                client,
                new pb.ReleaseRequest({ hold_id: reply.res.primary.hold_id }),
              )
            ).code,
          ).toBe(grpc.status.OK);
        }
      }),
      { numRuns: RUNS.acquire },
    );
    // The fuzz reached every interesting answer, not just the validator.
    expect(seen.get(grpc.status.INVALID_ARGUMENT) ?? 0).toBeGreaterThan(0);
    expect(seen.get(grpc.status.FAILED_PRECONDITION) ?? 0).toBeGreaterThan(0);
    await h.coord.reconciler.runNow();
    const bal = await h.coord.ledger.balance(customer);
    expect(bal).toMatchObject({ available: BALANCE, held: 0, debt: 0 });
    expect(await h.coord.ledger.totalOfAllBalances()).toBe(0);
  }, 120_000);

  it('refused acquires (over the balance) leak no hold: the balance is whole afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: BALANCE + 1, max: 1e12 }), async (budget) => {
        const reply = await call(
          client.acquire,
          client,
          new pb.AcquireRequest({
            customer_id: customer,
            model: 'llama-3-8b',
            budget_micro_tokens: budget,
          }),
        );
        expect(reply.code).toBe(grpc.status.FAILED_PRECONDITION);
        expect(reply.details).toMatch(/^INSUFFICIENT_BALANCE: /);
      }),
      { numRuns: 50 },
    );
    expect(await h.coord.ledger.balance(customer)).toMatchObject({ available: BALANCE, held: 0 });
    expect(h.coord.leases.liveHolds).toBe(0);
  }, 60_000);

  it('Renew/Release/Watch with unknown or hostile hold ids → NOT_FOUND, never INTERNAL', async () => {
    const holdId = fc.oneof(
      hostileString,
      fc.uuid().map((u) => `h-${u}`),
      fc.constantFrom(...(granted.length ? granted : ['h-none'])),
    );
    await fc.assert(
      fc.asyncProperty(holdId, fc.oneof(fc.nat(), fc.constant(2 ** 32 - 1)), async (id, ttl) => {
        const renew = await call(
          client.renew,
          client,
          new pb.RenewRequest({ hold_id: id, ttl_s: ttl }),
        );
        expect(renew.code, renew.details).toBe(grpc.status.NOT_FOUND);
        const release = await call(client.release, client, new pb.ReleaseRequest({ hold_id: id }));
        expect(release.code, release.details).toBe(grpc.status.NOT_FOUND);
        const watch = await new Promise<grpc.StatusObject>((resolve) => {
          const s = client.watch(new pb.WatchRequest({ hold_id: id }), {
            deadline: Date.now() + 10_000,
          });
          s.on('data', () => undefined);
          s.on('error', () => undefined);
          s.on('status', resolve);
        });
        expect(watch.code, watch.details).toBe(grpc.status.NOT_FOUND);
      }),
      { numRuns: RUNS.holdRpcs },
    );
  }, 120_000);

  it('raw bytes as the request body: grpc-js answers the undecodable ones before our code runs; nothing leaks', async () => {
    const raw = new grpc.Client(
      h.coord.grpcEndpoint,
      grpc.credentials.createInsecure(),
      GRPC_CHANNEL_OPTIONS,
    );
    const id = (b: Buffer) => b;
    const methods = Object.values(LeaseBrokerService)
      .filter((m) => !m.responseStream)
      .map((m) => m.path);
    let undecodable = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...methods),
          fc.uint8Array({ maxLength: 2048 }),
          async (path, bytes) => {
            const st = await new Promise<{ code: number; details: string }>((resolve) => {
              const md = new grpc.Metadata();
              md.set('authorization', `Bearer ${h.tokens.admin}`);
              raw.makeUnaryRequest(
                path,
                id,
                id,
                Buffer.from(bytes),
                md,
                { deadline: Date.now() + 10_000 },
                (err) => {
                  resolve(
                    err
                      ? { code: err.code, details: err.details }
                      : { code: grpc.status.OK, details: '' },
                  );
                },
              );
            });
            if (st.code === grpc.status.INTERNAL) {
              // grpc-js's own answer when protobuf decoding fails (grpc-go does the same); the handler never ran.
              expect(st.details).toBe('Error deserializing request');
              undecodable++;
            } else {
              expect(ALLOWED.has(st.code), `status ${st.code}: ${st.details}`).toBe(true);
            }
          },
        ),
        { numRuns: RUNS.raw },
      );
    } finally {
      raw.close();
    }
    expect(undecodable).toBeGreaterThan(0);
    await h.coord.reconciler.runNow();
    expect(await h.coord.ledger.balance(customer)).toMatchObject({
      available: BALANCE,
      held: 0,
      debt: 0,
    });
    expect(await h.coord.ledger.totalOfAllBalances()).toBe(0);
  }, 120_000);

  describe('who may call: customer API keys and staff tokens', () => {
    const other = 'fleet-other';
    let keyA = '';
    let keyB = '';
    let keyIdA = '';

    beforeAll(async () => {
      await h.coord.ledger.topUp(other, BALANCE, 'auth-topup');
      const a = await h.api<{ keyId: string; token: string }>(
        'POST',
        `/api/v1/customers/${customer}/api-keys`,
        { note: 'vehicle fleet A' },
        h.tokens.operator,
      );
      const b = await h.api<{ keyId: string; token: string }>(
        'POST',
        `/api/v1/customers/${other}/api-keys`,
        {},
        h.tokens.operator,
      );
      expect(a.status).toBe(201);
      expect(a.body.token).toMatch(/^efk_/);
      keyA = a.body.token;
      keyIdA = a.body.keyId;
      keyB = b.body.token;
    });

    const acquireReq = (customerId: string) =>
      new pb.AcquireRequest({
        customer_id: customerId,
        model: 'nope-model',
        budget_micro_tokens: 1000,
      });

    it('refuses calls without a key, with a viewer token or with an unknown key: UNAUTHENTICATED, nothing held', async () => {
      for (const token of [undefined, h.tokens.viewer, h.tokens.installer, 'efk_not-a-key']) {
        const c = brokerClient(h.coord.grpcEndpoint, token);
        try {
          const r = await call(c.acquire, c, acquireReq(customer));
          expect(r.code, `token ${token}`).toBe(grpc.status.UNAUTHENTICATED);
          expect(r.details).toMatch(/^UNAUTHENTICATED: /);
          const rel = await call(c.release, c, new pb.ReleaseRequest({ hold_id: 'h-x' }));
          expect(rel.code).toBe(grpc.status.UNAUTHENTICATED);
        } finally {
          c.close();
        }
      }
      expect(await h.coord.ledger.balance(customer)).toMatchObject({ available: BALANCE, held: 0 });
    });

    it('binds a customer key to its own customer: another customer_id is PERMISSION_DENIED, an empty one is filled in', async () => {
      const c = brokerClient(h.coord.grpcEndpoint, keyA);
      try {
        const denied = await call(c.acquire, c, acquireReq(other));
        expect(denied.code).toBe(grpc.status.PERMISSION_DENIED);
        expect(denied.details).toMatch(
          /^PERMISSION_DENIED: this key belongs to customer fleet-fuzz/,
        );
        const ok = await call(
          c.acquire,
          c,
          new pb.AcquireRequest({
            model: 'llama-3-8b',
            budget_micro_tokens: 5000,
            location: { lat: 48.1, lon: 11.6, has_coordinates: true },
          }),
        );
        expect(ok.code, ok.details).toBe(grpc.status.OK);
        const holdId = ok.res?.primary?.hold_id ?? '';
        expect(await h.coord.ledger.balance(customer)).toMatchObject({ held: 5000 });
        expect(await h.coord.ledger.balance(other)).toMatchObject({ available: BALANCE, held: 0 });
        // Another customer cannot release (or even see) that hold; its owner can.
        const cb = brokerClient(h.coord.grpcEndpoint, keyB);
        try {
          const foreign = await call(cb.release, cb, new pb.ReleaseRequest({ hold_id: holdId }));
          expect(foreign.code).toBe(grpc.status.NOT_FOUND);
        } finally {
          cb.close();
        }
        const mine = await call(c.release, c, new pb.ReleaseRequest({ hold_id: holdId }));
        expect(mine.code, mine.details).toBe(grpc.status.OK);
      } finally {
        c.close();
      }
    });

    it('a revoked key stops working at once', async () => {
      const del = await h.api(
        'DELETE',
        `/api/v1/customers/${customer}/api-keys/${keyIdA}`,
        undefined,
        h.tokens.operator,
      );
      expect(del.status).toBe(204);
      const c = brokerClient(h.coord.grpcEndpoint, keyA);
      try {
        expect((await call(c.acquire, c, acquireReq(customer))).code).toBe(
          grpc.status.UNAUTHENTICATED,
        );
      } finally {
        c.close();
      }
      const listed = await h.api<{ items: { keyId: string; revokedAtMs: number | null }[] }>(
        'GET',
        `/api/v1/customers/${customer}/api-keys`,
        undefined,
        h.tokens.operator,
      );
      expect(listed.body.items.find((k) => k.keyId === keyIdA)?.revokedAtMs).toBeGreaterThan(0);
    });
  });
});
