import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiXml, type HalAccelerator } from '@edgefleet/firmware-hooks';
import { Admission, outboxRefusal } from './admission.js';

const fixture = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../firmware-hooks/fixtures/nvidia-smi/${name}`, import.meta.url)),
    'utf8',
  );
const offer = (leaseId: string) => ({
  leaseId,
  holdId: `h-${leaseId}`,
  model: 'm',
  budget: 1000,
  expiresAtMs: 10_000,
  isolation: 'mig',
});

describe('Admission slot fractions', () => {
  it('bills a MIG instance by its compute slices of the parent (A100 1g of 7 = 1/7), as nvidia-smi -q -x reads', () => {
    const accs = parseNvidiaSmiXml(fixture('a100-sxm4-80gb-mig-q-x.xml'));
    const a = new Admission(['m'], 1);
    a.setAccelerators(accs);
    const r = a.admit(offer('l1'), 0, false);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.lease.fraction).toBeCloseTo(1 / 7, 12);
    expect(a.slotsTotal).toBe(accs[0]?.slots_total);
  });

  it('does not offer a MIG instance whose size the tool did not tell', () => {
    const [acc] = parseNvidiaSmiXml(fixture('a100-sxm4-80gb-mig-q-x.xml'));
    if (!acc?.mig) throw new Error('fixture lost its MIG instances');
    const unsized: HalAccelerator = {
      ...acc,
      mig: acc.mig.map((m, i) => (i === 0 ? { ...m, fraction: null, slices: 0 } : m)),
    };
    const a = new Admission(['m'], 1);
    a.setAccelerators([unsized]);
    expect(a.slotsTotal).toBe(acc.mig.length - 1);
  });

  it('splits a card evenly into time-slice shares', () => {
    const accs = parseNvidiaSmiXml(fixture('rtx-4000-sff-ada-q-x-v13.xml'));
    const a = new Admission(['m'], 4);
    a.setAccelerators(accs);
    const r = a.admit({ ...offer('l1'), isolation: '' }, 0, false);
    expect(r.ok && r.lease.fraction).toBe(0.25);
  });
});

describe('outbox refusal', () => {
  it('names why the outbox cannot take new burns: a full disk first, then capacity or a broken outbox', () => {
    expect(outboxRefusal({ isFull: false, diskFull: false })).toBeUndefined();
    expect(outboxRefusal({ isFull: true, diskFull: false })).toBe('outbox_full');
    expect(outboxRefusal({ isFull: false, diskFull: false, broken: new Error('EIO') })).toBe(
      'outbox_full',
    );
    expect(outboxRefusal({ isFull: true, diskFull: true })).toBe('outbox_disk_full');
    const a = new Admission(['m'], 1);
    const lease = { leaseId: 'l', holdId: 'h', model: 'm', budget: 1, expiresAtMs: 2 };
    expect(a.admit(lease, 1, 'outbox_disk_full')).toEqual({
      ok: false,
      reason: 'outbox_disk_full',
    });
    expect(a.admit(lease, 1, true)).toEqual({ ok: false, reason: 'outbox_full' });
  });
});
