import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseMacKey, signingSeed } from '@edgefleet/coordinator';
import {
  generateSigningKey,
  macLeaseToken,
  signLeaseToken,
  signingKeyFromPem,
  type edgefleet,
  type LeaseClaims,
} from '@edgefleet/proto';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { eventually } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';
import { BrokerClient, SiteClient } from './grpc-clients.js';

const MODEL = 'llama-3-8b';
const customer = 'fleet-tokens';

/**
 * The agent is the last line of defence for a lease: over real gRPC against real agent
 * processes, each bad token fails with its own code, and a rotated key does not drop live leases.
 */
describe('lease tokens at the agent (coordinator + 2 agent processes, real gRPC)', () => {
  let coord: CoordinatorProc;
  const agents: AgentProc[] = [];
  let broker: BrokerClient;
  const sites = new Map<string, SiteClient>();
  let first: edgefleet.v1.AcquireResponse;

  const siteClient = (l: edgefleet.v1.ILease) => {
    let c = sites.get(l.site_id ?? '');
    if (!c) sites.set(l.site_id ?? '', (c = new SiteClient(l.endpoint ?? '')));
    return c;
  };
  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[2] ?? '', 'base64url').toString()) as LeaseClaims;
  const coordinatorKeys = () =>
    readdirSync(join(coord.dataDir, 'keys')).map((f) =>
      signingKeyFromPem(
        f.slice('lease-signing-'.length, -'.pem'.length),
        readFileSync(join(coord.dataDir, 'keys', f), 'utf8'),
      ),
    );
  const acquire = (o: Partial<edgefleet.v1.IAcquireRequest> = {}) =>
    broker.acquire({
      customer_id: customer,
      model: MODEL,
      location: { pop_id: 'pop-fra' },
      budget_micro_tokens: 1_000_000,
      ttl_s: 120,
      ...o,
    });

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
    });
    // Four slots each: a released lease's slot returns to routing only with the agent's next report.
    const four = {
      hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 4 }] } },
    };
    agents.push(
      ...(await Promise.all([
        startAgentProcess(coord, 'tok-a', four),
        startAgentProcess(coord, 'tok-b', four),
      ])),
    );
    await eventually(
      () => coord.api<{ items: { state: string }[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.filter((s) => s.state === 'online').length === 2,
      30_000,
    );
    expect(
      (await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: 100_000_000 }))
        .status,
    ).toBe(200);
    broker = new BrokerClient(coord.grpc, coord.adminToken);
    first = await acquire({ hedges: 1 });
  }, 120_000);

  afterAll(async () => {
    broker?.close();
    for (const c of sites.values()) c.close();
    await Promise.all(agents.map((a) => a.proc.kill('SIGKILL')));
    await coord?.proc.kill();
  });

  it('serves a good token, and refuses another site’s token (LEASE_WRONG_SITE) and another model (LEASE_WRONG_MODEL)', async () => {
    const [p, h] = [first.primary as edgefleet.v1.Lease, first.hedges[0] as edgefleet.v1.Lease];
    expect(h.site_id).not.toBe(p.site_id);
    expect(await siteClient(p).code(p.token, MODEL)).toBe('OK');
    expect(await siteClient(p).code(h.token, MODEL)).toBe('PERMISSION_DENIED/LEASE_WRONG_SITE');
    expect(await siteClient(p).code(p.token, 'mistral-7b')).toBe(
      'PERMISSION_DENIED/LEASE_WRONG_MODEL',
    );
  });

  it('refuses a forged token (LEASE_TOKEN_FORGED), an unknown key (LEASE_TOKEN_UNKNOWN_KEY), garbage (LEASE_TOKEN_MALFORMED) and an expired token (LEASE_TOKEN_EXPIRED)', async () => {
    const p = first.primary as edgefleet.v1.Lease;
    const c = siteClient(p);
    const [prefix, kid, , sig] = p.token.split('.');
    const richer = Buffer.from(JSON.stringify({ ...claimsOf(p.token), bud: 10 ** 12 })).toString(
      'base64url',
    );
    expect(await c.code(`${prefix}.${kid}.${richer}.${sig}`)).toBe(
      'UNAUTHENTICATED/LEASE_TOKEN_FORGED',
    );
    const stranger = generateSigningKey(kid ?? 'k');
    expect(await c.code(signLeaseToken(stranger, claimsOf(p.token)))).toBe(
      'UNAUTHENTICATED/LEASE_TOKEN_FORGED',
    );
    expect(await c.code(signLeaseToken(generateSigningKey('k-unknown'), claimsOf(p.token)))).toBe(
      'UNAUTHENTICATED/LEASE_TOKEN_UNKNOWN_KEY',
    );
    expect(await c.code('not-a-token')).toBe('UNAUTHENTICATED/LEASE_TOKEN_MALFORMED');
    // The coordinator's own key, but an expiry in the past.
    const real = coordinatorKeys().find((k) => k.kid === kid);
    expect(real).toBeDefined();
    const expired = signLeaseToken(real as NonNullable<typeof real>, {
      ...claimsOf(p.token),
      exp: Date.now() - 1000,
    });
    expect(await c.code(expired)).toBe('UNAUTHENTICATED/LEASE_TOKEN_EXPIRED');
  });

  it("mints ef2 (per-site HMAC) tokens for agents that take them: a token for site A is refused at site B, a forged MAC or one under site B's key is refused at A; ef1 tokens still verify", async () => {
    const [p, h] = [first.primary as edgefleet.v1.Lease, first.hedges[0] as edgefleet.v1.Lease];
    expect(p.token.startsWith('ef2.')).toBe(true);
    expect(h.token.startsWith('ef2.')).toBe(true);
    const a = siteClient(p);
    const b = siteClient(h);
    expect(await b.code(p.token, MODEL)).toBe('PERMISSION_DENIED/LEASE_WRONG_SITE');
    expect(await a.code(h.token, MODEL)).toBe('PERMISSION_DENIED/LEASE_WRONG_SITE');
    // One bit of the MAC flipped (its first character: no unused base64url bits there).
    const [v, kid, body, mac] = p.token.split('.') as [string, string, string, string];
    const flipped = `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect(await a.code(`${v}.${kid}.${body}.${flipped}`, MODEL)).toBe(
      'UNAUTHENTICATED/LEASE_TOKEN_FORGED',
    );
    // What site B could mint with its own MAC key for a lease naming site A.
    const real = coordinatorKeys().find((k) => k.kid === kid);
    expect(real).toBeDefined();
    const seed = signingSeed((real as NonNullable<typeof real>).privateKey);
    const byB = macLeaseToken(kid, leaseMacKey(seed, h.site_id ?? ''), claimsOf(p.token));
    expect(await a.code(byB, MODEL)).toBe('UNAUTHENTICATED/LEASE_TOKEN_FORGED');
    // The coordinator's own derivation for site A verifies (the agent got exactly that key) …
    const byCoordinator = macLeaseToken(kid, leaseMacKey(seed, p.site_id ?? ''), claimsOf(p.token));
    expect(await a.code(byCoordinator, MODEL)).toBe('OK');
    // … and so does an ef1 token of the same lease (agents and tokens from before ef2).
    const ed = signLeaseToken(real as NonNullable<typeof real>, claimsOf(p.token));
    expect(await a.code(ed, MODEL)).toBe('OK');
    // Expired under the right key: LEASE_TOKEN_EXPIRED, as for ef1.
    const expired = macLeaseToken(kid, leaseMacKey(seed, p.site_id ?? ''), {
      ...claimsOf(p.token),
      exp: Date.now() - 1000,
    });
    expect(await a.code(expired, MODEL)).toBe('UNAUTHENTICATED/LEASE_TOKEN_EXPIRED');
  });

  it('refuses work past the lease budget (LEASE_BUDGET_EXHAUSTED)', async () => {
    const tiny = await acquire({ budget_micro_tokens: 1 });
    const l = tiny.primary as edgefleet.v1.Lease;
    const ok = await siteClient(l).infer(l.token, MODEL);
    expect(ok.micro_tokens).toBeGreaterThanOrEqual(1);
    expect(ok.remaining_micro_tokens).toBe(0);
    expect(await siteClient(l).code(l.token, MODEL)).toBe(
      'RESOURCE_EXHAUSTED/LEASE_BUDGET_EXHAUSTED',
    );
    await broker.release(tiny.primary?.hold_id ?? '');
  });

  it('refuses a token replayed after release (LEASE_REVOKED), on every site of the hold', async () => {
    const held = await acquire({ hedges: 1 });
    const leases = [held.primary as edgefleet.v1.Lease, held.hedges[0] as edgefleet.v1.Lease];
    for (const l of leases) expect(await siteClient(l).code(l.token, MODEL)).toBe('OK');
    await broker.release(held.primary?.hold_id ?? '');
    for (const l of leases) {
      const code = await eventually(
        () => siteClient(l).code(l.token, MODEL),
        (x) => x !== 'OK',
        5000,
      );
      expect(code).toBe('FAILED_PRECONDITION/LEASE_REVOKED');
    }
  });

  it('rotates the signing key without dropping a live lease: old tokens keep working, new tokens use the new key', async () => {
    const before = await acquire();
    const old = before.primary as edgefleet.v1.Lease;
    const rotated = await coord.api<{ kid: string; published: string[] }>(
      'POST',
      '/api/v1/keys/rotate',
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.published).toContain(old.token.split('.')[1]);
    const after = await acquire();
    const fresh = after.primary as edgefleet.v1.Lease;
    expect(fresh.token.split('.')[1]).toBe(rotated.body.kid);
    // The agents learn the new key from their retained config topic.
    expect(
      await eventually(
        () => siteClient(fresh).code(fresh.token, MODEL),
        (x) => x === 'OK',
        10_000,
      ),
    ).toBe('OK');
    expect(await siteClient(old).code(old.token, MODEL)).toBe('OK');
    expect(
      await siteClient(first.primary as edgefleet.v1.Lease).code(
        (first.primary as edgefleet.v1.Lease).token,
        MODEL,
      ),
    ).toBe('OK');
  });
});
