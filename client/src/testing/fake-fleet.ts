/**
 * Test doubles of the coordinator (LeaseBroker) and of site agents (Inference) on REAL grpc-js
 * servers bound to ephemeral ports, with the real service definitions and encoding. Their logic
 * is deliberately tiny: the SDK and the CLI are what is under test.
 */
import {
  Server,
  ServerCredentials,
  status,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
} from '@grpc/grpc-js';
import {
  GRPC_SERVER_OPTIONS,
  InferenceService,
  grpcStatusOf,
  LeaseBrokerService,
  pb,
  type edgefleet,
} from '@edgefleet/proto';

type V1 = typeof edgefleet.v1;
type Msg<K extends keyof V1> = V1[K] extends abstract new (...a: never[]) => infer I ? I : never;

export type AgentMode = 'ok' | 'hang' | { code: status; details: string };

function bind(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    );
  });
}

function fail(cb: sendUnaryData<unknown>, code: status, details: string): void {
  cb({ code, details, name: 'Error', message: details, metadata: undefined as never });
}

/** Token format of the doubles: `tok:<siteId>:<leaseId>:<holdId>`. */
export function fakeToken(siteId: string, leaseId: string, holdId: string): string {
  return `tok:${siteId}:${leaseId}:${holdId}`;
}

export class FakeAgent {
  mode: AgentMode = 'ok';
  calls = 0;
  microTokensPerCall = 7;
  readonly hanging: ServerUnaryCall<unknown, unknown>[] = [];
  readonly server: Server;
  port = 0;

  private constructor(
    readonly siteId: string,
    private readonly onBurn: (holdId: string, microTokens: number) => void,
  ) {
    // grpc-js 1.14 forceShutdown() destroys only the sessions it tracks for channelz: with
    // channelz off (GRPC_SERVER_OPTIONS) open connections survive it and the "killed" site keeps
    // answering. The double keeps channelz on so that kill() really drops every connection.
    this.server = new Server({ ...GRPC_SERVER_OPTIONS, 'grpc.enable_channelz': 1 });
    this.server.addService(InferenceService, {
      infer: (call: ServerUnaryCall<Msg<'InferRequest'>, unknown>, cb: sendUnaryData<unknown>) =>
        this.infer(call, cb),
      inferStream: (call: ServerWritableStream<unknown, unknown>) =>
        call.emit('error', { code: status.UNIMPLEMENTED, details: 'not in the double' }),
    });
  }

  get endpoint(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(
    siteId: string,
    onBurn: (holdId: string, microTokens: number) => void,
  ): Promise<FakeAgent> {
    const agent = new FakeAgent(siteId, onBurn);
    agent.port = await bind(agent.server);
    return agent;
  }

  /** Kills the site: every connection drops, nothing listens any more. */
  kill(): void {
    this.server.forceShutdown();
  }

  private infer(
    call: ServerUnaryCall<Msg<'InferRequest'>, unknown>,
    cb: sendUnaryData<unknown>,
  ): void {
    this.calls += 1;
    const mode = this.mode;
    if (mode === 'hang') {
      this.hanging.push(call);
      return;
    }
    if (mode !== 'ok') return fail(cb, mode.code, mode.details);
    const req = call.request;
    const [tag, siteId, leaseId, holdId] = req.lease_token.split(':');
    if (tag !== 'tok' || !leaseId || !holdId)
      return fail(
        cb,
        grpcStatusOf('LEASE_TOKEN_FORGED'),
        'LEASE_TOKEN_FORGED: signature does not verify',
      );
    if (siteId !== this.siteId)
      return fail(
        cb,
        grpcStatusOf('LEASE_WRONG_SITE'),
        `LEASE_WRONG_SITE: lease ${leaseId} is for site ${siteId}, this is ${this.siteId}`,
      );
    this.onBurn(holdId, this.microTokensPerCall);
    cb(
      null,
      new pb.InferResponse({
        output: `[${this.siteId}] ${req.input}`,
        site_id: this.siteId,
        lease_id: leaseId,
        micro_tokens: this.microTokensPerCall,
        burn_seq: this.calls,
      }),
    );
  }
}

interface Hold {
  customerId: string;
  budget: number;
  leases: Msg<'Lease'>[];
  burned: number;
  released: boolean;
}

export class FakeCoordinator {
  readonly balances = new Map<string, number>();
  readonly holds = new Map<string, Hold>();
  readonly acquireRequests: Msg<'AcquireRequest'>[] = [];
  readonly authorization: (string | undefined)[] = [];
  renewCalls = 0;
  releaseCalls = 0;
  /** Lease lifetime when the request sets no ttl_s, ms. */
  leaseTtlMs = 60_000;
  private readonly watchers = new Map<string, ServerWritableStream<unknown, unknown>[]>();
  private seq = 0;

  readonly server = new Server({ ...GRPC_SERVER_OPTIONS });
  readonly sites: FakeAgent[] = [];
  port = 0;

  private constructor() {
    this.server.addService(LeaseBrokerService, {
      acquire: (
        call: ServerUnaryCall<Msg<'AcquireRequest'>, unknown>,
        cb: sendUnaryData<unknown>,
      ) => this.acquire(call, cb),
      renew: (call: ServerUnaryCall<Msg<'RenewRequest'>, unknown>, cb: sendUnaryData<unknown>) =>
        this.renew(call, cb),
      release: (
        call: ServerUnaryCall<Msg<'ReleaseRequest'>, unknown>,
        cb: sendUnaryData<unknown>,
      ) => this.release(call, cb),
      watch: (call: ServerWritableStream<Msg<'WatchRequest'>, unknown>) => this.watch(call),
    });
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(): Promise<FakeCoordinator> {
    const c = new FakeCoordinator();
    c.port = await bind(c.server);
    return c;
  }

  burn(holdId: string, microTokens: number): void {
    const h = this.holds.get(holdId);
    if (h) h.burned += microTokens;
  }

  /** Sends a LeaseEvent to every Watch stream of the hold. */
  push(holdId: string, event: edgefleet.v1.LeaseEvent.$Properties): void {
    for (const w of this.watchers.get(holdId) ?? [])
      w.write(new pb.LeaseEvent({ hold_id: holdId, ts_ms: Date.now(), ...event }));
  }

  watcherCount(holdId: string): number {
    return this.watchers.get(holdId)?.length ?? 0;
  }

  /** A new lease for `site` under `holdId` (used for reroutes). */
  lease(holdId: string, site: FakeAgent, ttlMs = this.leaseTtlMs, expectedRttMs = 2): Msg<'Lease'> {
    const leaseId = `lease-${++this.seq}`;
    return new pb.Lease({
      lease_id: leaseId,
      hold_id: holdId,
      site_id: site.siteId,
      endpoint: site.endpoint,
      token: fakeToken(site.siteId, leaseId, holdId),
      expires_at_ms: Date.now() + ttlMs,
      budget_micro_tokens: 0,
      expected_rtt_ms: expectedRttMs,
      power_price_per_kwh: 0.12,
      accelerator_model: 'H100-80GB',
      slot: 'whole',
      available_slots: 4,
    });
  }

  private acquire(
    call: ServerUnaryCall<Msg<'AcquireRequest'>, unknown>,
    cb: sendUnaryData<unknown>,
  ): void {
    const r = call.request;
    this.acquireRequests.push(r);
    this.authorization.push(call.metadata.get('authorization')[0]?.toString());
    const have = this.balances.get(r.customer_id) ?? 0;
    if (r.budget_micro_tokens > have) {
      return fail(
        cb,
        status.FAILED_PRECONDITION,
        `INSUFFICIENT_BALANCE: customer ${r.customer_id} has ${have} µT available, ${r.budget_micro_tokens} requested`,
      );
    }
    if (this.sites.length === 0)
      return fail(cb, status.RESOURCE_EXHAUSTED, `NO_SITE: no site serves ${r.model}`);
    this.balances.set(r.customer_id, have - r.budget_micro_tokens);
    const holdId = `hold-${++this.seq}`;
    const ttlMs = r.ttl_s > 0 ? r.ttl_s * 1000 : this.leaseTtlMs;
    // The primary is the site the coordinator expects to be fastest; hedges are expected slower.
    const leases = this.sites.slice(0, 1 + r.hedges).map((s, i) => {
      const l = this.lease(holdId, s, ttlMs, 2 + 40 * i);
      l.budget_micro_tokens = r.budget_micro_tokens;
      return l;
    });
    this.holds.set(holdId, {
      customerId: r.customer_id,
      budget: r.budget_micro_tokens,
      leases,
      burned: 0,
      released: false,
    });
    cb(null, new pb.AcquireResponse({ primary: leases[0] ?? null, hedges: leases.slice(1) }));
  }

  private renew(
    call: ServerUnaryCall<Msg<'RenewRequest'>, unknown>,
    cb: sendUnaryData<unknown>,
  ): void {
    this.renewCalls += 1;
    const h = this.holds.get(call.request.hold_id);
    if (!h || h.released)
      return fail(cb, status.NOT_FOUND, `UNKNOWN_HOLD: ${call.request.hold_id}`);
    const ttlMs = call.request.ttl_s > 0 ? call.request.ttl_s * 1000 : this.leaseTtlMs;
    for (const l of h.leases) l.expires_at_ms = Date.now() + ttlMs;
    cb(null, new pb.RenewResponse({ leases: h.leases }));
  }

  private release(
    call: ServerUnaryCall<Msg<'ReleaseRequest'>, unknown>,
    cb: sendUnaryData<unknown>,
  ): void {
    this.releaseCalls += 1;
    const h = this.holds.get(call.request.hold_id);
    if (!h) return fail(cb, status.NOT_FOUND, `UNKNOWN_HOLD: ${call.request.hold_id}`);
    const released = h.released ? 0 : h.budget - h.burned;
    if (!h.released)
      this.balances.set(h.customerId, (this.balances.get(h.customerId) ?? 0) + released);
    h.released = true;
    for (const w of this.watchers.get(call.request.hold_id) ?? []) w.end();
    this.watchers.delete(call.request.hold_id);
    cb(
      null,
      new pb.ReleaseResponse({ burned_micro_tokens: h.burned, released_micro_tokens: released }),
    );
  }

  private watch(call: ServerWritableStream<Msg<'WatchRequest'>, unknown>): void {
    const id = call.request.hold_id;
    const list = this.watchers.get(id) ?? [];
    list.push(call);
    this.watchers.set(id, list);
    call.on('cancelled', () =>
      this.watchers.set(
        id,
        (this.watchers.get(id) ?? []).filter((w) => w !== call),
      ),
    );
  }
}

/** A coordinator double with `siteIds.length` agent doubles behind it (primary = first). */
export class FakeFleet {
  private constructor(
    readonly coordinator: FakeCoordinator,
    readonly agents: FakeAgent[],
  ) {}

  static async start(siteIds: string[], balances: Record<string, number> = {}): Promise<FakeFleet> {
    const coordinator = await FakeCoordinator.start();
    const agents = await Promise.all(
      siteIds.map((id) =>
        FakeAgent.start(id, (hold, microTokens) => coordinator.burn(hold, microTokens)),
      ),
    );
    coordinator.sites.push(...agents);
    for (const [c, v] of Object.entries(balances)) coordinator.balances.set(c, v);
    return new FakeFleet(coordinator, agents);
  }

  agent(siteId: string): FakeAgent {
    const a = this.agents.find((x) => x.siteId === siteId);
    if (!a) throw new Error(`no agent ${siteId}`);
    return a;
  }

  close(): void {
    for (const a of this.agents) a.server.forceShutdown();
    this.coordinator.server.forceShutdown();
  }
}
