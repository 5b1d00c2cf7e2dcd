import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { eventually, runTs, type Proc } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';

/**
 * `edgefleet loadgen` as a real process against a real coordinator process and two real agent
 * processes (gRPC, MQTT, ledger): what it reports served and burned is what the ledger reconciled.
 */

interface Report {
  acquires: { ok: number; failed: number };
  renews: { ok: number; failed: number };
  releases: { ok: number; failed: number };
  infers: {
    ok: number;
    failed: number;
    errors: Record<string, number>;
    latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  };
  slo: { ms: number; violations: number };
  burnedMicroTokens: number;
  servedBySite: Record<string, number>;
  config: { vehicles: number; priority: number; topology: { kind: string } };
  interrupted: boolean;
}

interface Run {
  code: number | null;
  stdout: string;
  output: string;
}

const procs: Proc[] = [];

async function loadgen(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const p = runTs('client/src/cli.ts', ['loadgen', ...args], env);
  procs.push(p);
  let stdout = '';
  p.child.stdout?.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  const code = await p.exited;
  return { code, stdout, output: p.output() };
}

async function reconciledMicroTokens(coord: CoordinatorProc): Promise<number> {
  let total = 0;
  let cursor: string | null = null;
  do {
    const r: {
      body: { items: { sites: { acceptedMicroTokens: number }[] }[]; nextCursor: string | null };
    } = await coord.api(
      'GET',
      `/api/v1/reconciliation/runs${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const run of r.body.items) for (const s of run.sites) total += s.acceptedMicroTokens;
    cursor = r.body.nextCursor;
  } while (cursor);
  return total;
}

const TOPUP = 50_000_000;

describe('edgefleet loadgen against a real coordinator and agents', () => {
  let coord: CoordinatorProc;
  const agents: AgentProc[] = [];
  let key = '';

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
    });
    // 16 whole accelerators per site: room for 8 vehicles × (primary + hedge) on either site alone.
    const site = {
      hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 16 }] } },
    };
    agents.push(
      ...(await Promise.all([
        startAgentProcess(coord, 'lg-a', site),
        startAgentProcess(coord, 'lg-b', site),
      ])),
    );
    await eventually(
      () => coord.api<{ items: { state: string }[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.filter((s) => s.state === 'online').length === 2,
      30_000,
      200,
    );
    // Routing sees both (its index refreshes on its own clock): the first acquire must not meet NO_SITE.
    await eventually(
      () =>
        coord.api<{ eligible: number }>(
          'GET',
          '/api/v1/routing/explain?model=llama-3-8b&popId=pop-fra',
        ),
      (r) => r.body.eligible === 2,
      30_000,
      200,
    );
    for (const c of ['lg-fleet', 'lg-moving'])
      expect(
        (await coord.api('POST', `/api/v1/customers/${c}/topup`, { microTokens: TOPUP })).status,
      ).toBe(200);
    const k = await coord.api<{ token: string }>('POST', '/api/v1/customers/lg-fleet/api-keys', {
      note: 'loadgen test',
    });
    expect(k.status).toBe(201);
    key = k.body.token;
  }, 300_000);

  afterAll(async () => {
    for (const p of procs) await p.kill();
    for (const a of agents) await a.proc.kill();
    await coord?.proc.kill();
  });

  it('serves requests for a few seconds, then stops; the ledger reconciles exactly the µT it reports burned', async () => {
    const run = await loadgen(
      [
        '--coordinator',
        coord.grpc,
        '--customer',
        'lg-fleet',
        '--pops',
        'pop-fra',
        '--vehicles',
        '8',
        '--duration',
        '4',
        '--rate',
        '10',
        '--hedges',
        '1',
        '--priority',
        '3',
        '--ttl-s',
        '6',
        '--infer-timeout-ms',
        '5000',
        '--slo-ms',
        '1000',
        '--json',
      ],
      { EDGEFLEET_TOKEN: key },
    );
    expect(run.code, run.output).toBe(0);
    const r = JSON.parse(run.stdout) as Report;
    expect(r.interrupted).toBe(false);
    expect(r.config).toMatchObject({ vehicles: 8, priority: 3, topology: { kind: 'pops' } });
    expect(r.acquires.ok).toBeGreaterThanOrEqual(8);
    expect(r.releases, run.stdout).toMatchObject({ ok: r.acquires.ok, failed: 0 });
    expect(r.infers.ok).toBeGreaterThan(0);
    expect(r.infers.latencyMs.p50).not.toBeNull();
    expect((r.infers.latencyMs.p50 ?? 0) <= (r.infers.latencyMs.p99 ?? 0)).toBe(true);
    expect(r.renews.ok).toBeGreaterThan(0); // TTL 6 s: every vehicle renews every 2 s
    expect(Object.keys(r.servedBySite).every((s) => agents.some((a) => a.siteId === s))).toBe(true);
    expect(Object.values(r.servedBySite).reduce((a, b) => a + b, 0)).toBe(r.infers.ok);
    expect(r.burnedMicroTokens).toBeGreaterThan(0);
    // Every hold is released; after the settle window the ledger holds exactly what the vehicles were told they burned.
    const bal = await eventually(
      () =>
        coord.api<{ available: number; held: number; debt: number }>(
          'GET',
          '/api/v1/customers/lg-fleet/balance',
        ),
      (b) => b.body.held === 0 && TOPUP - b.body.available === r.burnedMicroTokens,
      30_000,
      250,
    );
    expect(bal.body.debt).toBe(0);
    expect(await reconciledMicroTokens(coord)).toBe(r.burnedMicroTokens);
  }, 90_000);

  it('drives vehicles through a lat/lon box with speed and heading (operator token, readable table)', async () => {
    const run = await loadgen([
      '--coordinator',
      coord.grpc,
      '--token',
      coord.adminToken,
      '--customer',
      'lg-moving',
      '--box',
      '50.0,8.5,50.2,8.9',
      '--speed',
      '30',
      '--vehicles',
      '4',
      '--duration',
      '3',
      '--rate',
      '5',
      '--session-s',
      '1',
      '--infer-timeout-ms',
      '5000',
    ]);
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toMatch(
      /^edgefleet loadgen: 4 vehicles × 5 req\/s for 3 s → 127\.0\.0\.1:\d+ .*box 50,8\.5…50\.2,8\.9 at 30 m\/s/,
    );
    expect(run.stdout).toMatch(/\n\s+ok\s+failed\n/);
    const acquires = /\nacquires\s+(\d+)\s+(\d+)\n/.exec(run.stdout);
    expect(Number(acquires?.[1])).toBeGreaterThan(4); // sessions of 1 s: each vehicle re-acquires where it has moved to
    expect(Number(/\ninfers\s+(\d+)/.exec(run.stdout)?.[1])).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/\nlatency\s+p50 [\d.]+ ms · p95 [\d.]+ ms · p99 [\d.]+ ms/);
    expect(run.stdout).toMatch(/\nburned\s+[\d,]+ µT/);
  }, 60_000);

  it("as the README runs it, with a customer API key and no --customer: the customer is the key's", async () => {
    const run = await loadgen(
      ['--coordinator', coord.grpc, '--pops', 'pop-fra', '--vehicles', '2', '--duration', '2'],
      { EDGEFLEET_TOKEN: key, EDGEFLEET_API: coord.http, EDGEFLEET_CUSTOMER: '' },
    );
    expect(run.output).not.toMatch(/missing --customer/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^edgefleet loadgen: 2 vehicles .*\(customer lg-fleet, /);
    expect(Number(/\ninfers\s+(\d+)/.exec(run.stdout)?.[1])).toBeGreaterThan(0);
  }, 60_000);

  it('a bad token stops it before any load: exit 1 and one clear line', async () => {
    const [text, json] = await Promise.all([
      loadgen(
        [
          '--coordinator',
          coord.grpc,
          '--customer',
          'lg-fleet',
          '--pops',
          'pop-fra',
          '--duration',
          '2',
        ],
        { EDGEFLEET_TOKEN: 'not-a-key' },
      ),
      loadgen([
        '--coordinator',
        coord.grpc,
        '--token',
        'not-a-key',
        '--customer',
        'lg-fleet',
        '--pops',
        'pop-fra',
        '--duration',
        '2',
        '--json',
      ]),
    ]);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.output).toMatch(
      /edgefleet: loadgen cannot start: the first acquire at 127\.0\.0\.1:\d+ failed: UNAUTHORIZED: .*unknown or revoked key/,
    );
    expect(text.output).not.toMatch(/\n\s+at /);
    expect(json.code).toBe(1);
    const err = JSON.parse(json.output.trim().split('\n').at(-1) ?? '') as {
      error: { code: string; message: string };
    };
    expect(err.error.code).toBe('UNAUTHORIZED');
  }, 60_000);

  it('Ctrl-C stops a long run early: every hold released, the report still printed (interrupted)', async () => {
    const p = runTs(
      'client/src/cli.ts',
      [
        'loadgen',
        '--coordinator',
        coord.grpc,
        '--customer',
        'lg-fleet',
        '--pops',
        'pop-fra',
        '--vehicles',
        '3',
        '--duration',
        '600',
        '--rate',
        '5',
        '--json',
      ],
      { EDGEFLEET_TOKEN: key },
    );
    procs.push(p);
    let stdout = '';
    p.child.stdout?.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    await eventually(
      () => coord.api<{ items: unknown[] }>('GET', '/api/v1/leases?customerId=lg-fleet'),
      (r) => r.body.items.length === 3,
      30_000,
      100,
    );
    await p.waitFor(/loadgen: 3 vehicles/, 10_000);
    p.child.kill('SIGINT');
    expect(await p.exited, p.output()).toBe(0);
    const r = JSON.parse(stdout) as Report;
    expect(r.interrupted).toBe(true);
    expect(r.releases).toMatchObject({ ok: r.acquires.ok, failed: 0 });
    expect(
      (await coord.api<{ items: unknown[] }>('GET', '/api/v1/leases?customerId=lg-fleet')).body
        .items,
    ).toEqual([]);
  }, 60_000);

  it('a site that goes away mid-run: Watch reroutes and revokes reach the vehicles, which keep being served (last: stops a site)', async () => {
    const p = runTs(
      'client/src/cli.ts',
      [
        'loadgen',
        '--coordinator',
        coord.grpc,
        '--customer',
        'lg-fleet',
        '--pops',
        'pop-fra',
        '--vehicles',
        '4',
        '--duration',
        '8',
        '--rate',
        '5',
        '--hedges',
        '1',
        '--infer-timeout-ms',
        '2000',
        '--json',
      ],
      { EDGEFLEET_TOKEN: key },
    );
    procs.push(p);
    let stdout = '';
    p.child.stdout?.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    // Once every vehicle holds its leases (4 holds), the first site leaves (SIGTERM: it says offline and drains).
    await eventually(
      () => coord.api<{ items: unknown[] }>('GET', '/api/v1/leases'),
      (r) => r.body.items.length >= 4,
      30_000,
      100,
    );
    const victim = agents[0] as AgentProc;
    await victim.proc.kill('SIGTERM');
    expect(await p.exited, p.output()).toBe(0);
    const r = JSON.parse(stdout) as Report & { watch: { reroutes: number; revokes: number } };
    expect(r.watch.reroutes + r.watch.revokes, stdout).toBeGreaterThan(0);
    expect(r.infers.ok).toBeGreaterThan(0);
    // The other site kept serving.
    expect(r.servedBySite[agents[1]?.siteId ?? '']).toBeGreaterThan(0);
  }, 90_000);
});

describe('edgefleet loadgen without a coordinator', () => {
  afterAll(async () => {
    for (const p of procs) await p.kill();
  });

  it('an unreachable coordinator: exit 1 with COORDINATOR_UNAVAILABLE', async () => {
    const r = await loadgen([
      '--coordinator',
      '127.0.0.1:1',
      '--token',
      't',
      '--customer',
      'c',
      '--pops',
      'p',
      '--duration',
      '1',
      '--timeout-ms',
      '3000',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.output).toMatch(
      /edgefleet: loadgen cannot start: the first acquire at 127\.0\.0\.1:1 failed: COORDINATOR_UNAVAILABLE/,
    );
  }, 30_000);
});
