import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCnmon } from './parsers/cnmon.js';
import { parseNpuSmiInfo } from './parsers/npu-smi.js';
import { parseNvidiaSmiCsv } from './parsers/nvidia-smi-csv.js';
import { parseNvidiaSmiXml } from './parsers/nvidia-smi-xml.js';
import { parseRocmSmiJson } from './parsers/rocm-smi-json.js';
import { PROFILE_TABLE, PROFILES, profileById, profileFor } from './profiles.js';
import { fixture } from './test-support/fixtures.js';
import type { Vendor } from './types.js';

const REF_TFLOPS = 989.4;

describe('profile table (src/profiles.json)', () => {
  it('is versioned and referenced to the H100 80GB SXM at 989.4 dense BF16 TFLOPS', () => {
    expect(PROFILE_TABLE.version).toMatch(/^\d{4}\.\d+\.\d+$/);
    expect(PROFILE_TABLE.reference).toMatchObject({ id: 'h100-80gb-sxm', tflops: REF_TFLOPS });
    expect(profileById('h100-80gb-sxm')).toMatchObject({ multiplier: 1, confidence: 'reference' });
  });

  it('covers the accelerators edge sites run, plus simulation profiles and the fallback', () => {
    const ids = PROFILES.map((p) => p.id);
    for (const id of [
      'h100-80gb-sxm',
      'h100-80gb-pcie',
      'h200',
      'a100-80gb',
      'a100-40gb',
      'l40s',
      'l4',
      'rtx-4000-sff-ada',
      'a10',
      't4',
      'h800-sxm',
      'h800-pcie',
      'h20',
      'l20',
      'a800-sxm',
      'a800-pcie',
      'rtx-4090',
      'ascend-910a',
      'ascend-910b',
      'ascend-910b1',
      'ascend-910b2',
      'ascend-910b3',
      'ascend-910b4',
      'ascend-910c',
      'ascend-310',
      'ascend-310p',
      'mlu370-x4',
      'mlu370-x8',
      'mlu590',
      'mi100',
      'mi210',
      'mi250',
      'mi250x',
      'mi300x',
      'hygon-z100',
      'hygon-k100',
      'fake-h100',
      'fake-910b',
      'fake-l4',
      'unknown',
    ])
      expect(ids).toContain(id);
    expect(ids[ids.length - 1]).toBe('unknown');
  });

  it('derives every spec-sheet multiplier from its TFLOPS figure, which its source quotes', () => {
    for (const p of PROFILES.filter((x) => x.tflops !== null && x.confidence !== 'field')) {
      expect(p.multiplier, p.id).toBeCloseTo((p.tflops as number) / REF_TFLOPS, 4);
      expect(p.source, p.id).toContain(String(p.tflops));
    }
  });

  it('uses the one field figure for the Ascend 910B: 0.70 of an H100, for the 64 GB bins 910B1 to 910B3', () => {
    for (const id of ['ascend-910b', 'ascend-910b1', 'ascend-910b2', 'ascend-910b3']) {
      expect(profileById(id), id).toMatchObject({
        multiplier: 0.7,
        confidence: 'field',
        tflops: null,
      });
      expect(
        profileById(id)?.source.startsWith('field figure given in DESIGN.md, LLM training'),
        id,
      ).toBe(true);
    }
    expect(PROFILES.filter((p) => p.confidence === 'field').map((p) => p.id)).toEqual([
      'ascend-910b',
      'ascend-910b1',
      'ascend-910b2',
      'ascend-910b3',
    ]);
    expect(profileById('ascend-910b4')).toMatchObject({
      confidence: 'press',
      flagged: true,
      memory_gib: 32,
    });
  });

  it('gives each PCI id to one profile and MIG slices only to MIG GPUs', () => {
    const ids = PROFILES.flatMap((p) => p.pci_ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(profileById('a100-80gb')?.pci_ids).toEqual(['10de:20b2', '10de:20b5']);
    expect(PROFILES.filter((p) => p.mig_slices !== null).map((p) => [p.id, p.mig_slices])).toEqual(
      [
        'h100-80gb-sxm',
        'h100-80gb-pcie',
        'h100-nvl',
        'h200',
        'h800-sxm',
        'h800-pcie',
        'h20',
        'a100-80gb',
        'a100-40gb',
        'a800-sxm',
        'a800-pcie',
        'fake-h100',
      ].map((id) => [id, 7]),
    );
  });

  it('cites a source for every profile and marks Chinese vendors domestic', () => {
    for (const p of PROFILES) {
      expect(p.source.length, p.id).toBeGreaterThan(20);
      if (p.confidence === 'simulated' || p.confidence === 'none') continue;
      expect(p.source_url, p.id).toMatch(/^https:\/\/\S+$/);
      if (p.vendor === 'huawei' || p.vendor === 'cambricon' || p.vendor === 'hygon')
        expect(p.domestic, p.id).toBe(true);
      if (p.vendor === 'nvidia' || p.vendor === 'amd') expect(p.domestic, p.id).toBe(false);
    }
    expect(profileById('fake-910b')?.domestic).toBe(true);
    expect(profileById('fake-h100')?.domestic).toBe(false);
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`currently \`${PROFILE_TABLE.version}\``);
    for (const p of PROFILES) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${p.id}\` |`));
      expect(row, p.id).toBeDefined();
      expect(row, p.id).toContain(`| ${p.multiplier === 1 ? '1.0' : p.multiplier} |`);
      expect(row, p.id).toContain(p.source.replace(/\|/g, '/'));
      if (p.source_url) expect(row, p.id).toContain(`<${p.source_url}>`);
    }
  });

  it('flags the unknown fallback (0.1) and unverified press figures', () => {
    expect(profileById('unknown')).toMatchObject({
      multiplier: 0.1,
      flagged: true,
      confidence: 'none',
    });
    expect(PROFILES.filter((p) => p.flagged).map((p) => p.id)).toEqual([
      'h20',
      'l20',
      'ascend-910b4',
      'ascend-910c',
      'mlu590',
      'hygon-z100',
      'hygon-k100',
      'unknown',
    ]);
    for (const p of PROFILES.filter((x) => x.confidence === 'press')) {
      expect(p.flagged, p.id).toBe(true);
      expect(p.source.startsWith('UNVERIFIED'), p.id).toBe(true);
    }
  });
});

describe('profileFor', () => {
  const names: Array<[string, Vendor, string]> = [
    ['NVIDIA H100 80GB HBM3', 'nvidia', 'h100-80gb-sxm'],
    ['NVIDIA H100 PCIe', 'nvidia', 'h100-80gb-pcie'],
    ['NVIDIA H100 NVL', 'nvidia', 'h100-nvl'],
    ['NVIDIA H200', 'nvidia', 'h200'],
    ['NVIDIA H800 80GB HBM3', 'nvidia', 'h800-sxm'],
    ['NVIDIA H800', 'nvidia', 'h800-sxm'],
    ['NVIDIA H800 PCIe', 'nvidia', 'h800-pcie'],
    ['NVIDIA H20', 'nvidia', 'h20'],
    ['NVIDIA L20', 'nvidia', 'l20'],
    ['NVIDIA A800-SXM4-80GB', 'nvidia', 'a800-sxm'],
    ['NVIDIA A800 80GB PCIe', 'nvidia', 'a800-pcie'],
    ['NVIDIA A800 40GB Active', 'nvidia', 'a800-pcie'],
    ['NVIDIA GeForce RTX 4090', 'nvidia', 'rtx-4090'],
    ['NVIDIA GeForce RTX 4090 D', 'nvidia', 'unknown'],
    ['NVIDIA A100-SXM4-80GB', 'nvidia', 'a100-80gb'],
    ['NVIDIA A100 80GB PCIe', 'nvidia', 'a100-80gb'],
    ['NVIDIA A100-SXM4-40GB', 'nvidia', 'a100-40gb'],
    ['NVIDIA A100-PCIE-40GB', 'nvidia', 'a100-40gb'],
    ['NVIDIA L40S', 'nvidia', 'l40s'],
    ['NVIDIA L4', 'nvidia', 'l4'],
    ['NVIDIA L40', 'nvidia', 'unknown'],
    ['NVIDIA RTX 4000 SFF Ada Generation', 'nvidia', 'rtx-4000-sff-ada'],
    ['NVIDIA A10', 'nvidia', 'a10'],
    ['NVIDIA A10G', 'nvidia', 'unknown'],
    ['Tesla T4', 'nvidia', 't4'],
    ['NVIDIA T4', 'nvidia', 't4'],
    ['Ascend 910A', 'huawei', 'ascend-910a'],
    ['910B', 'huawei', 'ascend-910b'],
    ['Ascend 910B1', 'huawei', 'ascend-910b1'],
    ['Ascend 910B2', 'huawei', 'ascend-910b2'],
    ['Ascend 910B2C', 'huawei', 'ascend-910b2'],
    ['Ascend 910B3', 'huawei', 'ascend-910b3'],
    ['Ascend910B3', 'huawei', 'ascend-910b3'],
    ['Ascend 910B4', 'huawei', 'ascend-910b4'],
    ['Ascend 910C', 'huawei', 'ascend-910c'],
    ['Ascend 910B5', 'huawei', 'unknown'],
    ['Ascend 310', 'huawei', 'ascend-310'],
    ['Ascend 310P3', 'huawei', 'ascend-310p'],
    ['MLU370-X4', 'cambricon', 'mlu370-x4'],
    ['MLU370-X8', 'cambricon', 'mlu370-x8'],
    ['MLU590', 'cambricon', 'mlu590'],
    ['Arcturus GL-XL [Instinct MI100]', 'amd', 'mi100'],
    ['AMD Instinct MI210', 'amd', 'mi210'],
    ['AMD Instinct MI250', 'amd', 'mi250'],
    ['AMD Instinct MI250X', 'amd', 'mi250x'],
    ['AMD Instinct MI300X', 'amd', 'mi300x'],
    ['DCU Z100L', 'hygon', 'hygon-z100'],
    ['DCU K100', 'hygon', 'hygon-k100'],
    ['K100_AI', 'hygon', 'unknown'],
    ['Fake H100 80GB', 'fake', 'fake-h100'],
  ];

  it.each(names)('%s (%s) → %s, matched by exactly one profile', (model, vendor, id) => {
    expect(profileFor(model, vendor).id).toBe(id);
    const matching = PROFILES.filter(
      (p) => p.vendor === vendor && p.match.some((m) => new RegExp(m, 'i').test(model)),
    );
    expect(matching.length).toBe(id === 'unknown' ? 0 : 1);
  });

  it('only tries the vendor’s own profiles', () => {
    expect(profileFor('AMD Instinct MI300X', 'nvidia').id).toBe('unknown');
    expect(profileFor('', 'huawei').id).toBe('unknown');
  });

  it('gives unknown models of Chinese vendors a domestic fallback', () => {
    expect(profileFor('Ascend 910B5', 'huawei')).toMatchObject({
      id: 'unknown',
      multiplier: 0.1,
      domestic: true,
      vendor: 'huawei',
    });
    expect(profileFor('DCU xxxx', 'hygon')).toMatchObject({ id: 'unknown', domestic: true });
    expect(profileFor('Radeon Pro W7900', 'amd')).toMatchObject({ id: 'unknown', domestic: false });
  });
});

describe('every fixture model maps to the right profile', () => {
  const cases: Array<[string, () => string[], string[]]> = [
    [
      'nvidia-smi CSV H100',
      () =>
        parseNvidiaSmiCsv(fixture('nvidia-smi', 'h100-80gb-hbm3-load-query-gpu.csv')).map(
          (a) => a.profile_id,
        ),
      ['h100-80gb-sxm'],
    ],
    [
      'nvidia-smi CSV H100 MIG',
      () =>
        parseNvidiaSmiCsv(fixture('nvidia-smi', 'h100-80gb-hbm3-mig-load-query-gpu.csv')).map(
          (a) => a.profile_id,
        ),
      ['h100-80gb-sxm'],
    ],
    [
      'nvidia-smi XML A100',
      () =>
        parseNvidiaSmiXml(fixture('nvidia-smi', 'a100-sxm4-80gb-mig-q-x.xml')).map(
          (a) => a.profile_id,
        ),
      ['a100-80gb'],
    ],
    [
      'nvidia-smi XML RTX 4000 SFF Ada',
      () =>
        parseNvidiaSmiXml(fixture('nvidia-smi', 'rtx-4000-sff-ada-q-x-v13.xml')).map(
          (a) => a.profile_id,
        ),
      ['rtx-4000-sff-ada'],
    ],
    [
      'npu-smi 910B2C',
      () =>
        parseNpuSmiInfo(fixture('npu-smi', 'paddle-docs-910b2c-npu-smi-info.txt')).map(
          (a) => a.profile_id,
        ),
      Array(2).fill('ascend-910b2') as string[],
    ],
    [
      'npu-smi 910A',
      () =>
        parseNpuSmiInfo(fixture('npu-smi', 'gpustack-atlas800-9010-910a-npu-smi-info.txt')).map(
          (a) => a.profile_id,
        ),
      Array(8).fill('ascend-910a') as string[],
    ],
    [
      'npu-smi 310',
      () =>
        parseNpuSmiInfo(fixture('npu-smi', 'matpool-atlas300-310-npu-smi-info.txt')).map(
          (a) => a.profile_id,
        ),
      Array(16).fill('ascend-310') as string[],
    ],
    [
      'cnmon X8',
      () =>
        parseCnmon(fixture('cnmon', 'paddle-docs-mlu370-x8-cnmon.txt')).map((a) => a.profile_id),
      ['mlu370-x8', 'mlu370-x8'],
    ],
    [
      'cnmon X4',
      () =>
        parseCnmon(fixture('cnmon', 'paddle-docs-mlu370-x4-cnmon-v4.20.11.txt')).map(
          (a) => a.profile_id,
        ),
      Array(3).fill('mlu370-x4') as string[],
    ],
    [
      'rocm-smi 6.0.2',
      () => parseRocmSmiJson(fixture('rocm-smi', 'mi100-rocm602.json')).map((a) => a.profile_id),
      Array(4).fill('mi100') as string[],
    ],
    [
      'rocm-smi 5.7.1',
      () => parseRocmSmiJson(fixture('rocm-smi', 'mi100-rocm571.json')).map((a) => a.profile_id),
      Array(6).fill('mi100') as string[],
    ],
    [
      'Hygon rocm-smi JSON (model masked as "DCU xxxx")',
      () =>
        parseRocmSmiJson(fixture('hy-smi', 'gpustack-hygon-dcu-rocm-smi.json')).map(
          (a) => a.profile_id,
        ),
      ['unknown'],
    ],
  ];
  it.each(cases)('%s', (_name, read, ids) => {
    expect(read()).toEqual(ids);
  });
});
