import { describe, expect, it } from 'vitest';
import { Admission } from '../admission.js';
import { loadAgentConfig } from '../config.js';
import { createHook } from '@edgefleet/firmware-hooks';
import { createLogger } from '@edgefleet/common';
import { QuotaGranter } from './capacity-quota.js';

/** The least an installed agent's settings hold; capacityQuota left to its default. */
const REQUIRED = {
  siteId: 'site-1',
  secret: 'a-site-secret-of-32-characters!!',
  coordinator: { grpc: 'localhost:7443' },
  mqtt: { url: 'mqtt://localhost:1883' },
};
const load = (env: NodeJS.ProcessEnv = {}) => loadAgentConfig({ env, overrides: REQUIRED });
/** The default share (agent config `capacityQuota.share`), as an installed agent loads it. */
const defaultShare = () => load().capacityQuota.share;

async function granted(slots: number, replicas: string[], share: number): Promise<number[]> {
  const admission = new Admission(['llama-3-8b'], 1);
  admission.setAccelerators(
    (
      await createHook('fake', {
        seed: 1,
        accelerators: [{ profile: 'fake-h100', count: slots }],
      }).collect()
    ).accelerators,
  );
  const sent = new Map<string, number>();
  const quota = new QuotaGranter({
    admission,
    settings: { share, ttlMs: 10_000 },
    outbox: () => undefined,
    log: createLogger('test', 'silent'),
  });
  for (const target of replicas)
    quota.onWelcome(
      { accepts_quota: true },
      { target, send: (m) => (sent.set(target, m.quota?.slots?.length ?? 0), true) },
    );
  return replicas.map((t) => sent.get(t) ?? 0);
}

describe('capacityQuota defaults (pre-granted capacity on by default)', () => {
  it('delegates half the slots by default; the env override still sets it', () => {
    expect(defaultShare()).toBe(0.5);
    expect(load({ EDGEFLEET_AGENT_CAPACITY_QUOTA__SHARE: '0' }).capacityQuota.share).toBe(0);
  });

  it('a 1-slot site delegates nothing: its one slot stays open to every replica’s offer', async () => {
    expect(await granted(1, ['a:1'], defaultShare())).toEqual([0]);
    expect(await granted(1, ['a:1', 'b:1'], defaultShare())).toEqual([0, 0]);
  });

  it('splits floor(share × slots) among the replicas, each its own, the rest left to offers', async () => {
    expect(await granted(2, ['a:1'], defaultShare())).toEqual([1]);
    expect(await granted(2, ['a:1', 'b:1'], defaultShare())).toEqual([1, 0]);
    expect(await granted(5, ['a:1', 'b:1'], defaultShare())).toEqual([1, 1]);
    expect(await granted(8, ['a:1', 'b:1'], defaultShare())).toEqual([2, 2]);
  });
});
