import fc from 'fast-check';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeControlService, GRPC_CHANNEL_OPTIONS, pb, type edgefleet } from '@edgefleet/proto';
import { startHarness, type Enrolled, type Harness } from './support.js';
import { eventually } from '../support/processes.js';

/**
 * EdgeControl.Connect is how an agent claims a site: garbage first, a wrong secret, or another
 * site's id must end the stream with a status (never leave it open) and never mark the site online.
 */
export const RUNS = { hello: 100, raw: 100 } as const;

const CONTROL = grpc.makeGenericClientConstructor(
  EdgeControlService as unknown as grpc.ServiceDefinition,
  'EdgeControl',
);
interface ControlClient extends grpc.Client {
  connect: (
    opts: grpc.CallOptions,
  ) => grpc.ClientDuplexStream<edgefleet.v1.AgentMessage, edgefleet.v1.CoordinatorMessage>;
}

/** Sends `first` on a fresh Connect stream; resolves with the final status and what the coordinator wrote. */
function session(
  client: ControlClient,
  first: edgefleet.v1.AgentMessage.$Properties[],
): Promise<{ status: grpc.StatusObject; got: edgefleet.v1.CoordinatorMessage[] }> {
  return new Promise((resolve) => {
    const s = client.connect({ deadline: Date.now() + 8_000 });
    const got: edgefleet.v1.CoordinatorMessage[] = [];
    s.on('data', (m: edgefleet.v1.CoordinatorMessage) => got.push(m));
    s.on('error', () => undefined);
    s.on('status', (status) => resolve({ status, got }));
    for (const m of first) s.write(new pb.AgentMessage(m));
  });
}

describe('security: gRPC EdgeControl.Connect', () => {
  let h: Harness;
  let a: Enrolled;
  let b: Enrolled;
  let client: ControlClient;

  beforeAll(async () => {
    h = await startHarness();
    a = await h.enroll('victim site');
    b = await h.enroll('attacker site');
    client = new CONTROL(
      h.coord.grpcEndpoint,
      grpc.credentials.createInsecure(),
      GRPC_CHANNEL_OPTIONS,
    ) as unknown as ControlClient;
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await h?.close();
  });

  const notOnline = () => {
    for (const s of [a, b]) {
      const site = h.coord.registry.get(s.siteId);
      expect(site?.streamUp).toBe(false);
      expect(site?.state).not.toBe('online');
    }
    expect(h.coord.hub.connectedCount).toBe(0);
  };

  it('a first message that is not a hello → INVALID_ARGUMENT, stream closed', async () => {
    const msg = fc.oneof(
      fc.record({ offer_reply: fc.record({ offer_id: fc.string(), admitted: fc.boolean() }) }),
      fc.record({ lease_ended: fc.record({ lease_id: fc.string(), slots_free: fc.nat() }) }),
      fc.constant({}),
    );
    await fc.assert(
      fc.asyncProperty(msg, async (m) => {
        const r = await session(client, [m]);
        expect(r.status.code, r.status.details).toBe(grpc.status.INVALID_ARGUMENT);
        expect(r.got).toEqual([]);
        notOnline();
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('a hello with a wrong secret, or for another site, or with junk ids → UNAUTHENTICATED, no welcome, not online', async () => {
    const hello = fc.oneof(
      fc.record({ site_id: fc.constant(a.siteId), secret: fc.string({ maxLength: 64 }) }),
      fc.constant({ site_id: a.siteId, secret: b.secret }), // B's secret for A's site
      fc
        .record({ site_id: fc.string({ maxLength: 80 }), secret: fc.constant(a.secret) })
        .filter((x) => x.site_id !== a.siteId),
      fc.record({
        site_id: fc.constantFrom('', '\u0000', '../x', 'x'.repeat(100_000)),
        secret: fc.constantFrom('', a.secret, 'x'.repeat(1_000_000)),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        hello,
        fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
        async (hl, models) => {
          const r = await session(client, [
            {
              hello: {
                ...hl,
                models,
                inference_endpoint: '127.0.0.1:1',
                slots_total: 99,
                slots_free: 99,
              },
            },
          ]);
          expect(r.status.code, r.status.details).toBe(grpc.status.UNAUTHENTICATED);
          expect(r.got.some((m) => m.welcome)).toBe(false);
          notOnline();
        },
      ),
      { numRuns: RUNS.hello },
    );
  }, 120_000);

  it('raw bytes as stream messages: the stream ends with a status; the site is never marked online', async () => {
    const raw = new grpc.Client(
      h.coord.grpcEndpoint,
      grpc.credentials.createInsecure(),
      GRPC_CHANNEL_OPTIONS,
    );
    const id = (x: Buffer) => x;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.uint8Array({ maxLength: 512 }), { minLength: 1, maxLength: 3 }),
          async (chunks) => {
            const st = await new Promise<grpc.StatusObject>((resolve) => {
              const s = raw.makeBidiStreamRequest(
                EdgeControlService.connect.path,
                id,
                id,
                new grpc.Metadata(),
                { deadline: Date.now() + 8_000 },
              );
              s.on('data', () => undefined);
              s.on('error', () => undefined);
              s.on('status', resolve);
              for (const c of chunks) s.write(Buffer.from(c));
              s.end();
            });
            expect(st.code, st.details).not.toBe(grpc.status.DEADLINE_EXCEEDED);
            expect(st.code, st.details).not.toBe(grpc.status.OK);
            notOnline();
          },
        ),
        { numRuns: RUNS.raw },
      );
    } finally {
      raw.close();
    }
  }, 120_000);

  it('the right secret still works afterwards (the refusals locked nothing)', async () => {
    const s = client.connect({});
    const welcome = await new Promise<edgefleet.v1.CoordinatorMessage>((resolve, reject) => {
      s.on('data', resolve);
      s.on('error', reject);
      s.write(
        new pb.AgentMessage({ hello: { site_id: a.siteId, secret: a.secret, models: ['m'] } }),
      );
    });
    expect(welcome.welcome?.site_id).toBe(a.siteId);
    expect(h.coord.registry.get(a.siteId)?.streamUp).toBe(true);
    s.cancel();
  });

  /** Opens a stream with a hello and resolves at the welcome; `ended` settles with the stream's final status. */
  function hello(extra: Partial<edgefleet.v1.AgentHello.$Properties> = {}) {
    const s = client.connect({});
    const ended = new Promise<grpc.StatusObject>((resolve) => s.on('status', resolve));
    s.on('error', () => undefined);
    const welcomed = new Promise<void>((resolve) => s.once('data', () => resolve()));
    s.write(
      new pb.AgentMessage({
        hello: { site_id: a.siteId, secret: a.secret, models: ['m'], ...extra },
      }),
    );
    return { s, ended, welcomed };
  }

  it('a newer stream of the same site ends the older one with ABORTED; a doctor probe ends nothing', async () => {
    await eventually(
      () => Promise.resolve(h.coord.hub.isConnected(a.siteId)),
      (up) => !up,
      5000,
    );
    const first = hello();
    await first.welcomed;
    // A probe (edgefleet-agent doctor) is welcomed but takes nothing away.
    const probe = hello({ probe: true });
    await probe.welcomed;
    probe.s.cancel();
    expect((await probe.ended).code).toBe(grpc.status.CANCELLED);
    expect(h.coord.registry.get(a.siteId)?.streamUp).toBe(true);
    // A second real stream takes over; the first is told why.
    const second = hello();
    await second.welcomed;
    const st = await first.ended;
    expect({ code: st.code, details: st.details }).toEqual({
      code: grpc.status.ABORTED,
      details: 'ABORTED: replaced by a newer stream of the same site',
    });
    expect(h.coord.hub.isConnected(a.siteId)).toBe(true);
    expect(h.coord.registry.get(a.siteId)?.streamUp).toBe(true);
    second.s.cancel();
  });
});
