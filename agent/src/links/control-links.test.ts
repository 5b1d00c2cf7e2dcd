import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { agentConfigSchema, controlEndpoints } from '../config.js';
import { ControlLinks } from './control-links.js';
import { fakeReplica, until } from './fake-replica.test-support.js';

describe('ControlLinks: one EdgeControl stream per coordinator replica', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('says hello to every replica, answers each offer on the stream it came on, and broadcasts notices', async () => {
    const a = await fakeReplica('a');
    const b = await fakeReplica('b');
    cleanups.push(
      () => a.stop(),
      () => b.stop(),
    );
    const ups: number[] = [];
    const links = new ControlLinks({
      targets: [a.target, b.target, a.target],
      log: createLogger('test', 'silent'),
      backoff: { baseMs: 50, maxMs: 200 },
      hello: () => ({ site_id: 'site-1', secret: 'x'.repeat(16) }),
      onUpChange: (n) => ups.push(n),
      onMessage: (m, from) => {
        if (m.offer)
          from.send({
            offer_reply: { offer_id: m.offer.offer_id, admitted: true, slot: from.target },
          });
      },
    });
    cleanups.push(() => links.close());
    expect(links.links.map((l) => l.target)).toEqual([a.target, b.target]);
    links.start();
    await until(() => links.upCount === 2);
    expect(ups.at(-1)).toBe(2);
    expect(links.status()).toEqual([
      { target: a.target, up: true },
      { target: b.target, up: true },
    ]);

    a.offer('oa');
    b.offer('ob');
    await until(() => a.got.some((m) => m.offer_reply) && b.got.some((m) => m.offer_reply));
    expect(a.got.flatMap((m) => (m.offer_reply ? [m.offer_reply.offer_id] : []))).toEqual(['oa']);
    expect(b.got.flatMap((m) => (m.offer_reply ? [m.offer_reply.offer_id] : []))).toEqual(['ob']);

    expect(
      links.broadcast({ lease_ended: { lease_id: 'l-oa', reason: 'expired', slots_free: 1 } }),
    ).toBe(2);
    await until(() => a.got.some((m) => m.lease_ended) && b.got.some((m) => m.lease_ended));

    // One replica gone: the other stream stays up and takes the notices alone.
    await a.stop();
    await until(() => links.upCount === 1);
    expect(links.up).toBe(true);
    expect(
      links.broadcast({ lease_ended: { lease_id: 'l-ob', reason: 'expired', slots_free: 2 } }),
    ).toBe(1);
  });
});

describe('agent config: coordinator endpoints', () => {
  const base = { siteId: 'site-1', secret: 'x'.repeat(16), mqtt: { url: 'mqtt://127.0.0.1:1883' } };

  it('defaults to the one enrolled endpoint', () => {
    expect(
      controlEndpoints(agentConfigSchema.parse({ ...base, coordinator: { grpc: 'c:1' } })),
    ).toEqual(['c:1']);
  });

  it('takes a list (JSON or comma-separated, as an environment variable gives it) that replaces it', () => {
    expect(
      controlEndpoints(
        agentConfigSchema.parse({
          ...base,
          coordinator: { grpc: 'lb:1', endpoints: ['a:1', 'b:2', 'a:1'] },
        }),
      ),
    ).toEqual(['a:1', 'b:2']);
    expect(
      controlEndpoints(
        agentConfigSchema.parse({
          ...base,
          coordinator: { grpc: 'lb:1', endpoints: ' a:1, b:2 ' },
        }),
      ),
    ).toEqual(['a:1', 'b:2']);
  });

  it('refuses a bad entry with its path', () => {
    const r = agentConfigSchema.safeParse({
      ...base,
      coordinator: { grpc: 'c:1', endpoints: ['x'] },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['coordinator', 'endpoints', 0]);
  });
});
