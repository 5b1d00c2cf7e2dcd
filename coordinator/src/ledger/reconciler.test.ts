import { createLogger } from '@edgefleet/common';
import { describe, expect, it } from 'vitest';
import { createCoordinatorMetrics } from '../metrics.js';
import type { MessageBus } from '../transport/bus.js';
import { Reconciler } from './reconciler.js';
import type { Ledger } from './types.js';

describe('Reconciler: package expiry', () => {
  it('counts the package expiries deferred by ledger slices on their metric', async () => {
    const metrics = createCoordinatorMetrics();
    const ledger = {
      reconcile: () => Promise.resolve({ runId: 'r', startedAtMs: 0, finishedAtMs: 0, sites: [] }),
      expireHolds: () => Promise.resolve(),
    } as unknown as Ledger;
    const r = new Reconciler({
      ledger,
      packages: { expire: () => Promise.resolve({ expired: 1, microTokens: 5, deferred: 2 }) },
      bus: {} as MessageBus,
      metrics,
      log: createLogger('test', 'silent'),
      settleMs: 0,
    });
    await r.runNow();
    await r.runNow();
    expect(await metrics.registry.metrics()).toMatch(
      /^edgefleet_package_expiries_deferred_total 4$/m,
    );
  });
});
