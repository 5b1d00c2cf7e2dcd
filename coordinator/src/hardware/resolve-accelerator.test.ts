import { profileById } from '@edgefleet/firmware-hooks';
import { describe, expect, it } from 'vitest';
import { mappableProfile, modelKey, resolveAccelerator } from './resolve-accelerator.js';

function profile(id: string) {
  const p = profileById(id);
  if (!p) throw new Error(`no profile ${id}`);
  return p;
}

describe('resolveAccelerator', () => {
  // The models that billed at the 0.1 fallback while the coordinator trusted the agent's figure.
  it.each([
    ['nvidia', 'NVIDIA H800 80GB HBM3', 'h800-sxm'],
    ['nvidia', 'NVIDIA H800 PCIe', 'h800-pcie'],
    ['nvidia', 'NVIDIA H20', 'h20'],
    ['nvidia', 'NVIDIA L20', 'l20'],
    ['nvidia', 'NVIDIA A800-SXM4-80GB', 'a800-sxm'],
    ['nvidia', 'NVIDIA A800 80GB PCIe', 'a800-pcie'],
    ['nvidia', 'NVIDIA GeForce RTX 4090', 'rtx-4090'],
    ['nvidia', 'Tesla T4', 't4'],
    ['huawei', 'Ascend910C', 'ascend-910c'],
    ['huawei', 'Ascend910B4', 'ascend-910b4'],
    ['huawei', 'Ascend910B3', 'ascend-910b3'],
    ['amd', 'AMD Instinct MI210', 'mi210'],
    ['cambricon', 'MLU590', 'mlu590'],
  ])('%s %s → %s, with the table’s multiplier and domestic flag', (vendor, model, id) => {
    const r = resolveAccelerator({ vendor, model });
    expect(r).toMatchObject({
      kind: 'known',
      matchedBy: 'model',
      fraction: 1,
      multiplier: profile(id).multiplier,
      domestic: profile(id).domestic,
    });
    expect(r.kind === 'known' && r.profile.id).toBe(id);
  });

  it('prefers the PCI id to a masked model name', () => {
    const r = resolveAccelerator({ vendor: 'nvidia', model: 'GPU', pciDeviceId: '0x233010DE' });
    expect(r).toMatchObject({ kind: 'known', matchedBy: 'pci_id' });
    expect(r.kind === 'known' && r.profile.id).toBe('h100-80gb-sxm');
  });

  it('answers unknown hardware with its identity and no multiplier', () => {
    const identity = { vendor: 'nvidia', model: 'NVIDIA B200', memoryMib: 183359 };
    const r = resolveAccelerator(identity);
    expect(r).toEqual({
      kind: 'unknown',
      identity,
      reason: 'no_match',
      detail: expect.stringContaining('NVIDIA B200') as unknown,
    });
    expect('multiplier' in r).toBe(false);
    expect(resolveAccelerator({ vendor: 'intel', model: 'Gaudi 3' })).toMatchObject({
      kind: 'unknown',
      reason: 'unknown_vendor',
    });
  });

  it('refuses the simulation profiles: vendor fake is no hardware', () => {
    expect(resolveAccelerator({ vendor: 'fake', model: 'Fake H100 80GB' })).toMatchObject({
      kind: 'unknown',
      reason: 'simulated',
    });
  });

  it('resolves a model string an operator mapped, case and spacing aside', () => {
    const mappings = new Map([[modelKey('NVIDIA  B200 '), 'h100-80gb-sxm']]);
    const r = resolveAccelerator({ vendor: 'nvidia', model: 'nvidia b200' }, mappings);
    expect(r).toMatchObject({ kind: 'known', matchedBy: 'operator' });
    expect(r.kind === 'known' && r.profile.id).toBe('h100-80gb-sxm');
    // …for a vendor the table does not list, too.
    expect(
      resolveAccelerator(
        { vendor: 'intel', model: 'Gaudi 3' },
        new Map([[modelKey('Gaudi 3'), 'h100-80gb-sxm']]),
      ),
    ).toMatchObject({ kind: 'known', matchedBy: 'operator' });
  });

  it('keeps the table ahead of a mapping, and contradictions unknown despite one', () => {
    const mappings = new Map([
      [modelKey('NVIDIA H20'), 'h100-80gb-sxm'],
      [modelKey('NVIDIA A100-SXM4-80GB'), 'h100-80gb-sxm'],
    ]);
    const h20 = resolveAccelerator({ vendor: 'nvidia', model: 'NVIDIA H20' }, mappings);
    expect(h20.kind === 'known' && h20.profile.id).toBe('h20');
    // The PCI id says H100, the name says A100: an operator looks at that device.
    expect(
      resolveAccelerator(
        { vendor: 'nvidia', model: 'NVIDIA A100-SXM4-80GB', pciDeviceId: '10de:2330' },
        mappings,
      ),
    ).toMatchObject({ kind: 'unknown', reason: 'pci_model_conflict' });
    // More memory than the mapped profile has.
    const big = profile('l4').memory_gib! * 1024 * 2;
    expect(
      resolveAccelerator(
        { vendor: 'nvidia', model: 'NVIDIA X9', memoryMib: big },
        new Map([[modelKey('NVIDIA X9'), 'l4']]),
      ),
    ).toMatchObject({ kind: 'unknown', reason: 'memory_mismatch' });
  });

  it('bills a MIG instance at its compute slices of the parent', () => {
    const a100 = profile('a100-80gb');
    const slices = a100.mig_slices!;
    for (const [mig, n] of [
      ['1g.10gb', 1],
      ['2g.20gb', 2],
      ['3g.40gb', 3],
      ['7g.80gb', 7],
      ['1c.3g.40gb', 1],
    ] as const) {
      const r = resolveAccelerator({
        vendor: 'nvidia',
        model: 'NVIDIA A100-SXM4-80GB',
        migProfile: mig,
      });
      expect(r, mig).toMatchObject({
        kind: 'known',
        fraction: n / slices,
        migSlices: n,
        multiplier: a100.multiplier,
      });
    }
  });

  it('does not price a MIG instance it cannot size', () => {
    const a100 = { vendor: 'nvidia', model: 'NVIDIA A100-SXM4-80GB' };
    expect(resolveAccelerator({ ...a100, migProfile: 'half' })).toMatchObject({
      kind: 'unknown',
      reason: 'mig_profile',
    });
    expect(resolveAccelerator({ ...a100, migProfile: '8g.90gb' })).toMatchObject({
      kind: 'unknown',
      reason: 'mig_profile',
    });
    expect(
      resolveAccelerator({ vendor: 'nvidia', model: 'NVIDIA L4', migProfile: '1g.6gb' }),
    ).toMatchObject({ kind: 'unknown', reason: 'mig_profile' });
  });
});

describe('mappableProfile', () => {
  it('allows real profiles only', () => {
    expect(mappableProfile('h100-80gb-sxm')?.id).toBe('h100-80gb-sxm');
    expect(mappableProfile('fake-h100')).toBeUndefined();
    expect(mappableProfile('unknown')).toBeUndefined();
    expect(mappableProfile('no-such')).toBeUndefined();
  });
});
