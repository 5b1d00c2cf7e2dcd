import { describe, expect, it } from 'vitest';
import { openTestDb, TEST_BACKENDS } from '../db/db.test-support.js';
import { createLedger } from './ledger.js';
import { T0, uid } from './ledger.test-support.js';
import type { SliceBackgroundStep } from './slices.js';

/**
 * The slice book's background work (heartbeat, top-ups, idle returns, sweeps) against a database
 * that went away: every failed step is reported (it used to be swallowed without a trace), the
 * tick itself never rejects (its timer would crash the process), and a failed return keeps its µT
 * on the replica's slice, as the database still has them there.
 */
describe.each(TEST_BACKENDS)('slice background failures on %s', (kind) => {
  it('reports each failed step and keeps the slice whole', async () => {
    const t = await openTestDb(kind);
    let clock = T0;
    const failed: [SliceBackgroundStep, string][] = [];
    const ledger = await createLedger(t.db, {
      closeDb: false,
      now: () => clock,
      slices: {
        replicaId: uid('r'),
        tickMs: 0,
        idleReturnMs: 5_000,
        onBackgroundError: (step, err) => failed.push([step, String(err)]),
      },
    });
    const customerId = uid('cust');
    await ledger.topUp(customerId, 10_000, uid('pay'));
    const holdId = uid('hold');
    await ledger.placeHold({ holdId, customerId, microTokens: 1_000, expiresAtMs: T0 + 1_000 });

    await t.dispose(); // the database goes away
    clock += 6_000; // the slice is idle and its provisional hold expired: the tick returns it
    await expect(ledger.slices?.tick()).resolves.toBeUndefined();
    expect(failed.map(([step]) => step).sort()).toEqual(['heartbeat', 'return', 'sweep']);
    // What the failed return took out of the slice in memory is back: the next hold is decided
    // against it in memory (with no database to fund a slice from, it would be refused otherwise).
    expect(ledger.slices?.provisionalOf(customerId)).toBe(0);
    await expect(
      ledger.placeHold({
        holdId: uid('hold'),
        customerId,
        microTokens: 1_000,
        expiresAtMs: T0 + 600_000,
      }),
    ).resolves.toBeUndefined();
  });
});
