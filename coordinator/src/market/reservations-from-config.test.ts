import { createLogger } from '@edgefleet/common';
import { describe, expect, it, vi } from 'vitest';
import { coordinatorConfigSchema } from '../config.js';
import type { TestDb } from '../db/db.test-support.js';
import { ledgerPerSuite } from '../ledger/ledger-suite.test-support.js';
import { ShutdownSteps } from '../shutdown.js';
import { InvalidReservationError } from './errors.js';
import { startReservations } from './reservations-from-config.js';
import { ReservationService } from './reservations.js';

const HOUR = 3_600_000;

describe('startReservations', () => {
  let t: TestDb;
  ledgerPerSuite('pglite', (db) => {
    t = db;
  });

  it('takes its settings from market.reservations, ticks, and stops ticking at shutdown', async () => {
    const config = coordinatorConfigSchema.parse({
      dataDir: '/tmp/unused',
      market: { reservations: { maxWindowH: 2, tickMs: 20 } },
    });
    const log = createLogger('test', 'silent');
    const shutdown = new ShutdownSteps(log);
    const tick = vi.spyOn(ReservationService.prototype, 'tick');
    try {
      const svc = await startReservations(config.market.reservations, {
        db: t.db,
        log,
        shutdown,
        sites: () => [],
      });
      // maxWindowH reached the service: a 3 h window is refused before anything else is looked at
      const start = Date.now() + HOUR;
      await expect(
        svc.book('c-1', {
          class: { region: 'r', siteIds: [], acceleratorKinds: [], domesticOnly: false },
          slots: 1,
          startMs: start,
          endMs: start + 3 * HOUR,
        }),
      ).rejects.toSatisfy((e) => e instanceof InvalidReservationError && e.field === 'window');
      await expect.poll(() => tick.mock.calls.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
      await shutdown.close();
      const after = tick.mock.calls.length;
      await new Promise((r) => setTimeout(r, 100));
      expect(tick.mock.calls.length).toBe(after);
    } finally {
      tick.mockRestore();
    }
  });
});
