import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createHook } from '@edgefleet/firmware-hooks';
import { Admission } from '../admission.js';
import { AgentClock } from '../clock.js';
import { fakeReplica, until } from '../links/fake-replica.test-support.js';
import { openOutbox } from '../outbox/index.js';
import { SITE, tempDir } from '../outbox/testdata/burns.js';
import { MacKeys } from './mac-keys.js';
import { RevokedLeases } from './revoked-leases.js';
import { createEdgeControl } from './start-edge-control.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('createEdgeControl (the handler and one stream per replica, wired together)', () => {
  it('says the hello on each stream, answers offers on it, and tells every stream of a lease that ended', async () => {
    const replica = await fakeReplica('a');
    cleanups.push(() => replica.stop());
    const admission = new Admission(['m'], 1);
    admission.setAccelerators((await createHook('fake', { seed: 1 }).collect()).accelerators);
    const outbox = await openOutbox({ dir: await tempDir(), siteId: SITE });
    cleanups.push(() => outbox.close());
    const clock = new AgentClock({ offsetMs: 0, followCoordinator: false });
    const ups: [number, boolean][] = [];
    const { edge, links } = createEdgeControl({
      admission,
      clock,
      outbox,
      revoked: new RevokedLeases(),
      macKeys: new MacKeys(),
      hello: () => ({ site_id: SITE, secret: 'x'.repeat(16) }),
      publishStatus: () => undefined,
      flushBurns: () => undefined,
      offerReplyDelayMs: 0,
      log: createLogger('test', 'silent'),
      targets: [replica.target],
      credentials: grpc.credentials.createInsecure(),
      backoff: { baseMs: 50, maxMs: 200 },
      onUpChange: (n, up) => ups.push([n, up]),
    });
    cleanups.push(() => links.close());
    expect(links.status()).toEqual([{ target: replica.target, up: false }]); // not started
    links.start();
    await until(() => links.upCount === 1);
    expect(ups).toEqual([[1, true]]);
    expect(replica.got[0]?.hello?.site_id).toBe(SITE);

    replica.offer('o1');
    await until(() => replica.got.some((m) => m.offer_reply));

    const expiresAtMs = clock.now() + 20;
    admission.admit(
      { leaseId: 'l-1', holdId: 'h-1', model: 'm', budget: 1, expiresAtMs },
      clock.now(),
      false,
    );
    await until(() => clock.now() > expiresAtMs);
    edge.expireLeases();
    await until(() => replica.got.some((m) => m.lease_ended));
    expect(replica.got.find((m) => m.lease_ended)?.lease_ended?.lease_id).toBe('l-1');
  });
});
