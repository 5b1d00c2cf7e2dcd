import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BurnRecordData } from '@edgefleet/proto';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { LedgerInsufficientBalanceError } from './errors.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { ReferenceLedger, type BurnWindow } from './reference-model.js';
import { T0, TestChain, testLease, uid } from './ledger.test-support.js';

const CUSTOMERS = 3;
/** Every lease is one slot of a whole card at multiplier 1 (3.6 ms of work = 1 µT), so burns hit the rate bound now and then. */
const SLOT = { fraction: 1, multiplier: 1 };

/** A burn's interval: inside its lease window (issued T0, expires T0 + 600 s; skew and grace 60 s), or outside it. */
function interval(
  window: BurnWindow,
  durationMs: number,
): { startedAtMs: number; endedAtMs: number } {
  const startedAtMs =
    window === 'before' ? T0 - 60_001 - durationMs : window === 'after' ? T0 + 660_001 : T0 + 1_000;
  return { startedAtMs, endedAtMs: startedAtMs + durationMs };
}

type Command =
  | { t: 'topUp'; c: number; amount: number }
  | { t: 'hold'; c: number; amount: number }
  | { t: 'burn'; h: number; amount: number; window: BurnWindow; durationMs: number }
  | { t: 'deliver'; k: number; resendPrevious: boolean; fast: boolean }
  | { t: 'reconcile' }
  | { t: 'release'; h: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    t: fc.constant('topUp' as const),
    c: fc.nat(CUSTOMERS - 1),
    amount: fc.integer({ min: 1, max: 5_000 }),
  }),
  fc.record({
    t: fc.constant('hold' as const),
    c: fc.nat(CUSTOMERS - 1),
    amount: fc.integer({ min: 1, max: 3_000 }),
  }),
  fc.record({
    t: fc.constant('burn' as const),
    h: fc.nat(7),
    amount: fc.integer({ min: 0, max: 1_500 }),
    // Mostly honest; sometimes a claim outside the lease window, sometimes more than the slot could do in its interval.
    window: fc.constantFrom<BurnWindow>('in', 'in', 'in', 'in', 'before', 'after'),
    durationMs: fc.integer({ min: 0, max: 6_000 }),
  }),
  // fast: delivered through ingestBurns (the MQTT path), which posts an in-order batch at once.
  fc.record({
    t: fc.constant('deliver' as const),
    k: fc.integer({ min: 1, max: 4 }),
    resendPrevious: fc.boolean(),
    fast: fc.boolean(),
  }),
  fc.record({ t: fc.constant('reconcile' as const) }),
  fc.record({ t: fc.constant('release' as const), h: fc.nat(7) }),
);

/** One scenario's world in the real ledger: fresh customers, one site, its chain. */
class World {
  readonly customers = Array.from({ length: CUSTOMERS }, () => uid('pc'));
  readonly site = uid('ps');
  readonly chain = new TestChain(this.site);
  readonly holds: { holdId: string; leaseId: string }[] = [];
  readonly records: {
    record: BurnRecordData;
    hold: number;
    window: BurnWindow;
    durationMs: number;
  }[] = [];
  readonly toppedUp = Array.from({ length: CUSTOMERS }, () => 0);
  delivered = 0;
  reconciled = 0;
  lastBatch: BurnRecordData[] = [];
}

async function expectSame(ledger: SqlLedger, w: World, m: ReferenceLedger): Promise<void> {
  for (let c = 0; c < CUSTOMERS; c++) {
    const customerId = w.customers[c] ?? '';
    const b = await ledger.balance(customerId);
    expect(b).toEqual({ customerId, available: m.available[c], held: m.held(c), debt: m.debt[c] });
    expect(b.available).toBeGreaterThanOrEqual(0);
    // The customer pays for burns no more than its leases' budgets, whatever the site claimed: its
    // position is what it topped up minus what it was charged, never touched by what was disputed.
    expect(b.available + b.held - b.debt).toBe((w.toppedUp[c] ?? 0) - (m.charged[c] ?? 0));
    expect(m.charged[c]).toBeLessThanOrEqual(
      m.holds.filter((h) => h.customer === c).reduce((x, h) => x + h.amount, 0),
    );
  }
  expect(await ledger.siteEarnings(w.site)).toBe(m.site);
  expect(await ledger.disputeBalance(w.site)).toBe(m.dispute);
  expect(await ledger.totalOfAllBalances()).toBe(0);
  expect(m.total()).toBe(0);
}

// With slices (the coordinator's default), holds are decided in memory and written per batch onto
// the replica's held accounts (migration 114): the same answers as holds placed in the database.
const VARIANTS = TEST_BACKENDS.flatMap((kind) => [
  { kind, slices: false },
  { kind, slices: true },
]);

describe.each(VARIANTS)('ledger properties on $kind (slices: $slices)', ({ kind, slices }) => {
  let t: TestDb;
  let ledger: SqlLedger;
  beforeAll(async () => {
    t = await openTestDb(kind);
    ledger = await createLedger(t.db, {
      closeDb: false,
      ...(slices ? { slices: { replicaId: uid('r'), tickMs: 0 } } : {}),
    });
  });
  afterAll(async () => {
    await ledger.close();
    await t.dispose();
  });

  it('agrees with the reference model after every command (conservation, no overdraft, bounds: nothing beyond a lease charged)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40 }), async (commands) => {
        const w = new World();
        const m = new ReferenceLedger(CUSTOMERS, SLOT);
        for (const cmd of commands) {
          switch (cmd.t) {
            case 'topUp':
              await ledger.topUp(w.customers[cmd.c] ?? '', cmd.amount, uid('pay'));
              m.topUp(cmd.c, cmd.amount);
              w.toppedUp[cmd.c] = (w.toppedUp[cmd.c] ?? 0) + cmd.amount;
              break;
            case 'hold': {
              const holdId = uid('ph');
              const leaseId = uid('pl');
              const customerId = w.customers[cmd.c] ?? '';
              const placed = await ledger
                .placeHold({
                  holdId,
                  customerId,
                  microTokens: cmd.amount,
                  expiresAtMs: T0 + 600_000,
                })
                .then(
                  () => true,
                  (err: unknown) => {
                    if (err instanceof LedgerInsufficientBalanceError) return false;
                    throw err;
                  },
                );
              expect(placed).toBe(m.placeHold(cmd.c, cmd.amount));
              if (placed) {
                await ledger.registerLease({
                  leaseId,
                  holdId,
                  siteId: w.site,
                  customerId,
                  model: 'm',
                  budgetMicroTokens: cmd.amount,
                  issuedAtMs: T0,
                  expiresAtMs: T0 + 600_000,
                  slotFraction: SLOT.fraction,
                  multiplier: SLOT.multiplier,
                });
                w.holds.push({ holdId, leaseId });
              }
              break;
            }
            case 'burn': {
              if (w.holds.length === 0) break;
              const hold = cmd.h % w.holds.length;
              w.records.push({
                record: w.chain.next(
                  w.holds[hold]?.leaseId ?? '',
                  cmd.amount,
                  interval(cmd.window, cmd.durationMs),
                ),
                hold,
                window: cmd.window,
                durationMs: cmd.durationMs,
              });
              break;
            }
            case 'deliver': {
              const batch = w.records.slice(w.delivered, w.delivered + cmd.k).map((r) => r.record);
              const resent = cmd.resendPrevious ? w.lastBatch : [];
              if (cmd.fast) {
                const res = await ledger.ingestBurns(w.site, [...resent, ...batch]);
                // Posted at once when it continues the head and nothing of the site waits in staging.
                const posts =
                  batch.length > 0 && resent.length === 0 && w.reconciled === w.delivered;
                expect(res).toMatchObject(
                  posts
                    ? {
                        staged: 0,
                        duplicate: 0,
                        tampered: 0,
                        posted: batch.length,
                        ackedSeq: w.delivered + batch.length,
                      }
                    : { staged: batch.length, duplicate: resent.length, tampered: 0, posted: 0 },
                );
                if (posts) {
                  for (const r of w.records.slice(w.delivered, w.delivered + batch.length))
                    m.burn(r.hold, r.record.micro_tokens, r);
                  w.reconciled = w.delivered + batch.length;
                }
              } else {
                const res = await ledger.stageBurns(w.site, [...resent, ...batch]);
                expect(res).toEqual({
                  staged: batch.length,
                  duplicate: resent.length,
                  tampered: 0,
                  refused: 0,
                });
              }
              w.delivered += batch.length;
              w.lastBatch = batch;
              break;
            }
            case 'reconcile': {
              const run = await ledger.reconcile(T0 + 1_000_000);
              for (const r of w.records.slice(w.reconciled, w.delivered))
                m.burn(r.hold, r.record.micro_tokens, r);
              const site = run.sites.find((s) => s.siteId === w.site);
              if (w.delivered > w.reconciled)
                expect(site).toMatchObject({
                  accepted: w.delivered - w.reconciled,
                  ackedSeq: w.delivered,
                  gap: 0,
                  tampered: 0,
                });
              w.reconciled = w.delivered;
              break;
            }
            case 'release':
              if (w.holds.length === 0) break;
              await ledger.releaseHold(w.holds[cmd.h % w.holds.length]?.holdId ?? '', 'released');
              m.release(cmd.h % w.holds.length);
              break;
          }
          await expectSame(ledger, w, m);
        }
      }),
      { numRuns: 40 },
    );
    await ledger.checkInvariants();
  }, 180_000);

  it('posts the same totals whatever the batching, order and duplication of the same burns', async () => {
    const scenario = fc.record({
      holds: fc.array(fc.integer({ min: 1, max: 4_000 }), { minLength: 1, maxLength: 3 }),
      burns: fc.array(fc.record({ h: fc.nat(2), amount: fc.integer({ min: 0, max: 2_500 }) }), {
        minLength: 1,
        maxLength: 20,
      }),
      deliveries: fc.array(
        fc.record({
          sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 20 }),
          order: fc.array(fc.nat(100), { minLength: 20, maxLength: 20 }),
          reconcileEvery: fc.integer({ min: 1, max: 3 }),
          // Through ingestBurns (in-order batches posted at once, the rest staged) or stageBurns.
          fast: fc.boolean(),
        }),
        { minLength: 2, maxLength: 2 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        // the reference: every burn once, in chain order, holds open throughout
        const m = new ReferenceLedger(1);
        m.topUp(
          0,
          s.holds.reduce((a, b) => a + b, 0),
        );
        for (const amount of s.holds) m.placeHold(0, amount);
        for (const b of s.burns) m.burn(b.h % s.holds.length, b.amount);

        for (const delivery of s.deliveries) {
          const customerId = uid('bc');
          const siteId = uid('bs');
          await ledger.topUp(customerId, m.minted, uid('pay'));
          const leases: string[] = [];
          for (const amount of s.holds) {
            const holdId = uid('bh');
            await ledger.placeHold({
              holdId,
              customerId,
              microTokens: amount,
              expiresAtMs: T0 + 600_000,
            });
            const lease = testLease(holdId, customerId, siteId, amount);
            await ledger.registerLease(lease);
            leases.push(lease.leaseId);
          }
          const chain = new TestChain(siteId);
          const records = s.burns.map((b) =>
            chain.next(leases[b.h % leases.length] ?? '', b.amount),
          );
          // cut into batches, deliver them in a shuffled order, reconciling now and then
          const batches: BurnRecordData[][] = [];
          for (let i = 0, j = 0; i < records.length; j++) {
            const size = delivery.sizes[j % delivery.sizes.length] ?? 1;
            batches.push(records.slice(i, i + size));
            i += size;
          }
          const order = batches
            .map((_, i) => i)
            .sort((a, b) => (delivery.order[a] ?? 0) - (delivery.order[b] ?? 0) || a - b);
          for (const [n, i] of order.entries()) {
            if (delivery.fast) await ledger.ingestBurns(siteId, batches[i] ?? []);
            else await ledger.stageBurns(siteId, batches[i] ?? []);
            if (n % delivery.reconcileEvery === 0) await ledger.reconcile(T0 + 1_000_000);
          }
          // the agent resends everything not yet acked; then one run settles it all
          if (delivery.fast) await ledger.ingestBurns(siteId, records);
          else await ledger.stageBurns(siteId, records);
          const last = await ledger.reconcile(T0 + 1_000_000);
          const site = last.sites.find((x) => x.siteId === siteId);
          expect(site?.resendFrom ?? 0).toBe(0);
          expect(await ledger.chainHead(siteId)).toEqual({
            seq: records.length,
            hash: records[records.length - 1]?.hash,
          });

          expect(await ledger.balance(customerId)).toEqual({
            customerId,
            available: m.available[0],
            held: m.held(0),
            debt: m.debt[0],
          });
          expect(await ledger.siteEarnings(siteId)).toBe(m.site);
          expect(await ledger.disputeBalance(siteId)).toBe(m.dispute);
          expect(await ledger.totalOfAllBalances()).toBe(0);
        }
      }),
      { numRuns: 30 },
    );
    await ledger.checkInvariants();
  }, 180_000);
});
