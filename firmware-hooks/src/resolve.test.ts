import { describe, expect, it } from 'vitest';
import { profileById } from './profiles.js';
import { normalizePciId, resolveProfile } from './resolve.js';

describe('normalizePciId', () => {
  it('reads the forms the tools print', () => {
    expect(normalizePciId('0x20B210DE', 'nvidia')).toBe('10de:20b2'); // nvidia-smi: device then vendor
    expect(normalizePciId('20B210DE', 'nvidia')).toBe('10de:20b2'); // -q -x <pci_device_id>
    expect(normalizePciId('0x738c', 'amd')).toBe('1002:738c'); // rocm-smi "Device ID"
    expect(normalizePciId('0xD802', 'huawei')).toBe('19e5:d802'); // npu-smi -t board
    expect(normalizePciId('10DE:2330', 'amd')).toBe('10de:2330');
  });

  it('gives undefined for what is no PCI id', () => {
    expect(normalizePciId('N/A', 'nvidia')).toBeUndefined();
    expect(normalizePciId('0x738c', 'fake')).toBeUndefined();
    expect(normalizePciId('0x12345', 'nvidia')).toBeUndefined();
  });
});

describe('resolveProfile', () => {
  it('matches a PCI id before the model name', () => {
    expect(
      resolveProfile({
        vendor: 'nvidia',
        model: 'NVIDIA H100 80GB HBM3',
        pciDeviceId: '0x233010DE',
      }),
    ).toEqual({ known: true, profile: profileById('h100-80gb-sxm'), matchedBy: 'pci_id' });
    // A renamed or masked model string still resolves by its PCI id.
    expect(
      resolveProfile({ vendor: 'nvidia', model: 'GPU', pciDeviceId: '0x232410DE' }),
    ).toMatchObject({ known: true, profile: { id: 'h800-sxm' }, matchedBy: 'pci_id' });
    expect(
      resolveProfile({ vendor: 'nvidia', model: 'NVIDIA H20', pciDeviceId: '0x999910DE' }),
    ).toMatchObject({ known: true, profile: { id: 'h20' }, matchedBy: 'model' });
  });

  it('resolves the model name when no PCI id is known', () => {
    expect(
      resolveProfile({ vendor: 'huawei', model: 'Ascend 910B4', memoryMib: 32768 }),
    ).toMatchObject({ known: true, profile: { id: 'ascend-910b4' }, matchedBy: 'model' });
    expect(
      resolveProfile({ vendor: 'cambricon', model: 'MLU370-X8', memoryMib: 23374 }),
    ).toMatchObject({ known: true, profile: { id: 'mlu370-x8' } });
  });

  it('answers unknown, with a reason and no multiplier, instead of guessing', () => {
    const unknown = (r: ReturnType<typeof resolveProfile>) => (r.known ? r.profile.id : r.reason);
    expect(unknown(resolveProfile({ vendor: 'intel', model: 'Gaudi 2' }))).toBe('unknown_vendor');
    expect(unknown(resolveProfile({ vendor: 'nvidia', model: 'NVIDIA A10G' }))).toBe('no_match');
    expect(unknown(resolveProfile({ vendor: 'huawei', model: '' }))).toBe('no_match');
    // The PCI id says H20, the name says H100: one of them is wrong, and it is priced very differently.
    expect(
      unknown(
        resolveProfile({
          vendor: 'nvidia',
          model: 'NVIDIA H100 80GB HBM3',
          pciDeviceId: '0x232910DE',
        }),
      ),
    ).toBe('pci_model_conflict');
    expect(
      unknown(
        resolveProfile({ vendor: 'amd', model: 'AMD Instinct MI300X', pciDeviceId: '10de:2330' }),
      ),
    ).toBe('pci_model_conflict');
    // An "L4" with 80 GB is not an L4.
    expect(
      unknown(resolveProfile({ vendor: 'nvidia', model: 'NVIDIA L4', memoryMib: 81559 })),
    ).toBe('memory_mismatch');
    const r = resolveProfile({ vendor: 'nvidia', model: 'NVIDIA A10G' });
    expect(r).not.toHaveProperty('multiplier');
    expect(r).not.toHaveProperty('profile');
  });

  it('allows the few percent over nominal memory that real devices report', () => {
    expect(
      resolveProfile({ vendor: 'nvidia', model: 'NVIDIA H200', memoryMib: 143771 }),
    ).toMatchObject({ known: true, profile: { id: 'h200' } });
    expect(resolveProfile({ vendor: 'nvidia', model: 'NVIDIA L4', memoryMib: 0 })).toMatchObject({
      known: true,
      profile: { id: 'l4' },
    });
  });
});
