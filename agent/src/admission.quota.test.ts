import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHook, type HalAccelerator } from '@edgefleet/firmware-hooks';
import { Admission } from './admission.js';

const NOW = 1_000_000;
const TARGETS = ['a:1', 'b:1'];

type Op =
  | { kind: 'delegate'; replicas: number; count: number }
  | { kind: 'offer'; id: number }
  | { kind: 'token'; id: number }
  | { kind: 'notice'; id: number; slot: number; from: number }
  | { kind: 'release'; id: number }
  | { kind: 'devices'; count: number }
  | { kind: 'reconnect'; from: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('delegate' as const),
    replicas: fc.integer({ min: 0, max: 2 }),
    count: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({ kind: fc.constant('offer' as const), id: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant('token' as const), id: fc.integer({ min: 0, max: 12 }) }),
  fc.record({
    kind: fc.constant('notice' as const),
    id: fc.integer({ min: 0, max: 12 }),
    slot: fc.integer({ min: 0, max: 4 }),
    from: fc.integer({ min: 0, max: 1 }),
  }),
  fc.record({ kind: fc.constant('release' as const), id: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant('devices' as const), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('reconnect' as const), from: fc.integer({ min: 0, max: 1 }) }),
);

describe('Admission with delegated slots (pre-granted capacity)', () => {
  it('never holds more leases than slots, nor two leases on one slot, nor gives one slot to two replicas, whatever offers, tokens, notices, grants and device changes do', async () => {
    const accs: HalAccelerator[] = (
      await createHook('fake', {
        seed: 1,
        accelerators: [{ profile: 'fake-h100', count: 4 }],
      }).collect()
    ).accelerators;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const a = new Admission(['m'], 1);
        a.setAccelerators(accs);
        const live = new Set<string>();
        const terms = (id: number) => ({
          leaseId: `l${id}`,
          holdId: `h${id}`,
          model: 'm',
          budget: 10,
          expiresAtMs: NOW + 60_000,
        });
        for (const o of ops) {
          if (o.kind === 'delegate') {
            const grants = a.delegate(TARGETS.slice(0, o.replicas), o.count);
            const all = [...grants.values()].flat().map((s) => s.id);
            expect(new Set(all).size).toBe(all.length); // disjoint between replicas
            expect(all.length).toBeLessThanOrEqual(o.count);
          } else if (o.kind === 'offer' || o.kind === 'token') {
            const r = a.admit(terms(o.id), NOW, undefined, o.kind);
            if (r.ok) live.add(r.lease.leaseId);
          } else if (o.kind === 'notice') {
            const r = a.admitNotified(
              { ...terms(o.id), slot: `${o.slot}/0` },
              TARGETS[o.from] as string,
              NOW,
              undefined,
            );
            if (r.ok) live.add(r.lease.leaseId);
          } else if (o.kind === 'release') {
            a.release(`l${o.id}`);
            live.delete(`l${o.id}`);
          } else if (o.kind === 'devices') {
            a.setAccelerators(accs.slice(0, o.count));
          } else {
            a.undelegate(TARGETS[o.from] as string);
          }
          // The invariants, after every step.
          expect(a.active).toBe(live.size);
          expect(a.active).toBeLessThanOrEqual(a.slotsTotal);
          const slots = [...live].map((id) => a.get(id)?.slot);
          expect(slots.every((s) => s !== undefined)).toBe(true);
          expect(new Set(slots).size).toBe(slots.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
