import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { fuzzParser } from '../test-support/fuzz.js';
import { parseNvidiaSmiXml } from './nvidia-smi-xml.js';

const a100 = fixture('nvidia-smi', 'a100-sxm4-80gb-mig-q-x.xml');
const rtx = fixture('nvidia-smi', 'rtx-4000-sff-ada-q-x-v13.xml');

describe('parseNvidiaSmiXml', () => {
  it('reads the MIG-enabled A100 (DTD v12): 4 MIG instances, all free, utilization N/A', () => {
    const gpus = parseNvidiaSmiXml(a100);
    expect(gpus).toHaveLength(1); // <attached_gpus> says 4, the stored capture holds one <gpu>
    expect(gpus[0]).toEqual({
      vendor: 'nvidia',
      model: 'NVIDIA A100-SXM4-80GB',
      serial: '1650522003820',
      index: '0',
      profile_id: 'a100-80gb',
      memory_total_mib: 81920,
      memory_used_mib: 50,
      utilization_pct: -1,
      temperature_c: 27,
      power_w: 67.03,
      slots_total: 4,
      slots_free: 4,
      isolation: 'mig',
      multiplier: 0.3153,
      domestic: false,
      pci_device_id: '10de:20b2',
      // DTD v12 prints no MIG profile or UUID: 14 SMs is one A100 slice, 19968 MiB names it 1g.20gb.
      mig: ['3', '4', '5', '6'].map((gi) => ({
        profile: '1g.20gb',
        uuid: '',
        gpu_instance_id: gi,
        compute_instance_id: '0',
        slices: 1,
        fraction: 1 / 7,
      })),
    });
  });

  it('reads the RTX 4000 SFF Ada (DTD v13): average power, busy with compute processes', () => {
    const [gpu] = parseNvidiaSmiXml(rtx);
    expect(gpu).toEqual({
      vendor: 'nvidia',
      model: 'NVIDIA RTX 4000 SFF Ada Generation',
      serial: 'REDACTED',
      index: '0',
      profile_id: 'rtx-4000-sff-ada',
      memory_total_mib: 20475,
      memory_used_mib: 3534,
      utilization_pct: 0,
      temperature_c: 38,
      power_w: 8.81,
      slots_total: 1,
      slots_free: 0, // python (C) and chromium (C+G) run on it
      isolation: 'whole',
      multiplier: 0.0775,
      domestic: false,
      pci_device_id: '10de:27b0',
    });
  });

  it('marks a MIG instance busy when a compute process runs in its GPU instance', () => {
    const busy = a100.replace(
      '<processes />',
      '<processes><process_info><gpu_instance_id>5</gpu_instance_id><compute_instance_id>0</compute_instance_id><pid>7</pid><type>C</type><process_name>vllm</process_name><used_memory>900 MiB</used_memory></process_info></processes>',
    );
    expect(parseNvidiaSmiXml(busy)[0]).toMatchObject({ slots_total: 4, slots_free: 3 });
  });

  it('falls back to the UUID when the serial is N/A', () => {
    const noSerial = rtx.replace('<serial>REDACTED</serial>', '<serial>N/A</serial>');
    expect(parseNvidiaSmiXml(noSerial)[0]?.serial).toBe('GPU-37037c3f-65c8-ec4d-24a9-420204ad8026');
  });

  it('throws HookParseError on truncated or foreign XML', () => {
    expect(() => parseNvidiaSmiXml(a100.slice(0, 5000))).toThrow(HookParseError);
    expect(() => parseNvidiaSmiXml('<html><body>hi</body></html>')).toThrow(
      /no <nvidia_smi_log> root/,
    );
    expect(() => parseNvidiaSmiXml('NVIDIA-SMI has failed')).toThrow(/not XML/);
  });

  it('never crashes on garbage', () => {
    fuzzParser('nvidia-smi', (t) => parseNvidiaSmiXml(t), [a100, rtx], 150);
  });
});
