import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { pb, type edgefleet } from '@edgefleet/proto';
import { FleetRegistry } from '../fleet/registry.js';
import { EdgeControlHub } from './edge-control.js';

/** A server-side EdgeControl stream: the test plays the agent, and reads what the hub wrote. */
class FakeStream extends EventEmitter {
  readonly written: edgefleet.v1.CoordinatorMessage[] = [];
  write(m: edgefleet.v1.CoordinatorMessage): boolean {
    this.written.push(m);
    return true;
  }
  end(): void {
    this.emit('close');
  }
  getAuthContext(): object {
    return {};
  }
  agent(m: edgefleet.v1.AgentMessage.$Properties): void {
    this.emit('data', new pb.AgentMessage(m));
  }
}

const SITE = 'site-q';
const terms = (leaseId: string, isolation = '') => ({
  lease_id: leaseId,
  hold_id: `h-${leaseId}`,
  model: 'llama-3-8b',
  budget_micro_tokens: 1000,
  expires_at_ms: Date.now() + 60_000,
  isolation,
});
const grant = (slots: string[], epoch = 1) => ({
  quota: {
    epoch,
    ttl_ms: 10_000,
    slots_free: slots.length,
    slots: slots.map((slot) => ({
      slot,
      accelerator_model: 'NVIDIA H100 80GB HBM3',
      accelerator_serial: `sn-${slot}`,
      isolation: 'whole',
    })),
  },
});

async function connected(quota: { flushMs: number; maxBatch: number } | undefined) {
  const registry = new FleetRegistry({
    telemetryStaleMs: 5000,
    offlineAfterMs: 15_000,
    autonomyWindowMs: 10_000,
  });
  registry.upsertEnrolled({ siteId: SITE });
  const hub = new EdgeControlHub(
    registry,
    { verify: (id, secret) => id === SITE && secret === 's3cret' },
    createLogger('test', 'silent'),
    false,
    undefined,
    undefined,
    quota,
  );
  const stream = new FakeStream();
  hub.connect(stream as never);
  stream.agent({
    hello: {
      site_id: SITE,
      secret: 's3cret',
      models: ['llama-3-8b'],
      slots_total: 2,
      slots_free: 2,
    },
  });
  await vi.waitFor(() => expect(hub.isConnected(SITE)).toBe(true));
  return { hub, registry, stream };
}

afterEach(() => vi.useRealTimers());

describe('EdgeControlHub with pre-granted capacity', () => {
  it('says accepts_quota in the welcome, admits locally within the grant, and batches the notices', async () => {
    const { hub, stream, registry } = await connected({ flushMs: 1, maxBatch: 2 });
    expect(stream.written[0]?.welcome?.accepts_quota).toBe(true);
    expect(hub.admitLocally(SITE, terms('l0'))).toBeUndefined(); // no grant yet
    stream.agent(grant(['0/0', '1/0']));
    expect(registry.get(SITE)?.slotsFree).toBe(2);
    const r1 = hub.admitLocally(SITE, terms('l1'));
    expect(r1).toMatchObject({ admitted: true, accelerator_model: 'NVIDIA H100 80GB HBM3' });
    expect(r1?.slots_free).toBe(1);
    const r2 = hub.admitLocally(SITE, terms('l2'));
    expect(new Set([r1?.slot, r2?.slot])).toEqual(new Set(['0/0', '1/0']));
    expect(hub.admitLocally(SITE, terms('l3'))).toBeUndefined(); // quota exhausted: offer instead
    // maxBatch 2: both notices went in one message at once.
    const notices = stream.written.filter((m) => m.quota_leases);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.quota_leases?.leases?.map((l) => l.lease_id)).toEqual(['l1', 'l2']);
    expect(notices[0]?.quota_leases?.leases?.[0]).toMatchObject({ hold_id: 'h-l1', epoch: 1 });
  });

  it('gives the slot back on revoke (after flushing the pending notice) and on the agent’s LeaseEnded', async () => {
    const { hub, stream } = await connected({ flushMs: 1000, maxBatch: 64 });
    stream.agent(grant(['0/0']));
    expect(hub.admitLocally(SITE, terms('l1'))).toBeDefined();
    hub.revoke(SITE, 'l1', 'released');
    const kinds = stream.written.map((m) => m.msg);
    expect(kinds.slice(-2)).toEqual(['quota_leases', 'revoke']);
    expect(hub.admitLocally(SITE, terms('l2'))).toBeDefined();
    stream.agent({
      lease_ended: { lease_id: 'l2', reason: 'refused: no_capacity', slots_free: 1 },
    });
    expect(hub.admitLocally(SITE, terms('l3'))).toBeDefined();
  });

  it('admits nothing locally after an empty grant or once the stream ends', async () => {
    const { hub, stream } = await connected({ flushMs: 1, maxBatch: 64 });
    stream.agent(grant(['0/0', '1/0']));
    stream.agent(grant([], 2));
    expect(hub.admitLocally(SITE, terms('l1'))).toBeUndefined();
    stream.agent(grant(['0/0'], 3));
    expect(hub.quotas.summary()).toEqual({ sites: 1, slotsFree: 1 });
    stream.emit('close');
    expect(hub.admitLocally(SITE, terms('l2'))).toBeUndefined();
    expect(hub.quotas.summary()).toEqual({ sites: 0, slotsFree: 0 });
  });

  it('without leases.quota: the welcome says no and a grant is ignored', async () => {
    const { hub, stream } = await connected(undefined);
    expect(stream.written[0]?.welcome?.accepts_quota).toBe(false);
    stream.agent(grant(['0/0']));
    expect(hub.admitLocally(SITE, terms('l1'))).toBeUndefined();
  });
});
