import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAmdSmiMetricJson, parseAmdSmiMetricText } from './parsers/amd-smi.js';
import { parseCnmon } from './parsers/cnmon.js';
import { parseHySmi } from './parsers/hy-smi.js';
import { parseNpuSmiInfo } from './parsers/npu-smi.js';
import { parseNvidiaSmiCsv } from './parsers/nvidia-smi-csv.js';
import { parseNvidiaSmiList } from './parsers/nvidia-smi-list.js';
import { parseNvidiaSmiXml } from './parsers/nvidia-smi-xml.js';
import { parseRocmSmiJson } from './parsers/rocm-smi-json.js';
import { resolveProfile, type DeviceIdentity } from './resolve.js';
import { captureSection } from './test-support/fixtures.js';

// Both fixture sets: the project's shared one (beside the checkout, where there is one: CI has it) and
// the copy this package ships with, which holds every file of the shared set.
const SHARED = new URL('../../../shared/fixtures/', import.meta.url);
const ROOTS = [...(existsSync(SHARED) ? [SHARED] : []), new URL('../fixtures/', import.meta.url)];

/** Every device identity a fixture file holds, read with the parser the hooks use; [] where it names none. */
function identities(tool: string, file: string, text: string): DeviceIdentity[] {
  const fromHal = (accs: ReturnType<typeof parseCnmon>) =>
    accs.map((a) => ({
      vendor: a.vendor,
      model: a.model,
      memoryMib: a.memory_total_mib,
      ...(a.pci_device_id ? { pciDeviceId: a.pci_device_id } : {}),
    }));
  if (tool === 'nvidia-smi') {
    if (file.endsWith('.csv')) return fromHal(parseNvidiaSmiCsv(text));
    if (file.endsWith('.xml')) return fromHal(parseNvidiaSmiXml(text));
    if (file.includes('capture'))
      return parseNvidiaSmiList(captureSection(text, 'nvidia-smi -L')).map((g) => ({
        vendor: 'nvidia',
        model: g.name,
      }));
  }
  if (tool === 'npu-smi') {
    // `npu-smi info -m` has no parser (no hook runs it): its Chip Name column is read here.
    if (file.endsWith('-info-m.txt'))
      return text
        .split('\n')
        .slice(1)
        .filter((l) => /^\d/.test(l))
        .map((l) => ({ vendor: 'huawei', model: l.split(/\s{2,}/).pop() ?? '' }));
    if (file.includes('-npu-smi-info')) return fromHal(parseNpuSmiInfo(text));
    if (file.startsWith('yunion-telegraf-910b-info-')) return []; // -l and -t views: no chip name (the board view says "Model : NA")
  }
  if (tool === 'cnmon') return fromHal(parseCnmon(text));
  if (tool === 'rocm-smi') return fromHal(parseRocmSmiJson(text));
  if (tool === 'hy-smi')
    return file.endsWith('.json')
      ? fromHal(parseRocmSmiJson(text, 'hy-smi'))
      : fromHal(parseHySmi(text));
  if (tool === 'amd-smi')
    return fromHal(
      file.endsWith('.json') ? parseAmdSmiMetricJson(text) : parseAmdSmiMetricText(text),
    );
  if (tool === 'ipmitool') return []; // site power only
  throw new Error(`no reader for fixture ${tool}/${file}: add one here`);
}

/** Model strings that may stay unknown, each with why. */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  [
    'DCU xxxx',
    'gpustack-hygon-dcu-rocm-smi.json: the fixture author masked the "Card Series" field; no real Hygon tool prints it',
  ],
]);

const all = ROOTS.flatMap((root) =>
  readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(new URL(`${d.name}/`, root))
        .filter((f) => f !== 'SOURCES.md')
        .map((f) => ({
          where: `${root === SHARED ? 'shared/fixtures' : 'firmware-hooks/fixtures'}/${d.name}/${f}`,
          ids: identities(d.name, f, readFileSync(new URL(`${d.name}/${f}`, root), 'utf8')),
        })),
    ),
);

describe('every model string in the fixtures resolves to a profile', () => {
  it('reads both fixture sets, and finds the models they hold', () => {
    expect(all.length).toBeGreaterThan(20 * ROOTS.length);
    // '' comes from the tools that print no model at all (amd-smi power views, Hygon hy-smi and DTK
    // rocm-smi tables: the operator names it with the hook's `model` option); nothing to resolve there.
    const models = [...new Set(all.flatMap((f) => f.ids.map((i) => i.model)))].sort();
    expect(models).toEqual([
      '',
      'Arcturus GL-XL [Instinct MI100]',
      'Ascend 310',
      'Ascend 910A',
      'Ascend 910B2C',
      'DCU xxxx',
      'MLU370-X4',
      'MLU370-X8',
      'NVIDIA A100-SXM4-80GB',
      'NVIDIA H100 80GB HBM3',
      'NVIDIA RTX 4000 SFF Ada Generation',
    ]);
  });

  it.each(all.map((f) => [f.where, f.ids] as const))('%s', (_where, ids) => {
    for (const id of ids.filter((i) => i.model !== '' && !EXCEPTIONS.has(i.model))) {
      const r = resolveProfile(id);
      expect(
        r.known ? r.profile.id : `${r.reason}: ${r.detail}`,
        `${id.vendor} ${id.model}`,
      ).not.toMatch(/^(unknown_vendor|no_match|pci_model_conflict|memory_mismatch)/);
    }
  });

  it('keeps each exception because it is still unknown', () => {
    for (const model of EXCEPTIONS.keys()) {
      const found = all.flatMap((f) => f.ids).filter((i) => i.model === model);
      expect(found.length, model).toBeGreaterThan(0);
      for (const id of found) expect(resolveProfile(id).known, model).toBe(false);
    }
  });
});
