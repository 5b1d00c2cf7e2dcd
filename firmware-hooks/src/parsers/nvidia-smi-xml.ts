import { createRequire } from 'node:module';
import type * as Fxp from 'fast-xml-parser';
import { HookParseError } from '../errors.js';
import { hal } from '../hal.js';
import type { MigInput } from '../mig.js';
import { isNotAvailable, readNumber } from '../text.js';
import type { HalAccelerator } from '../types.js';

const HOOK = 'nvidia-smi';

type Node = Record<string, unknown>;

let loaded: { parser: Fxp.XMLParser; validator: typeof Fxp.XMLValidator } | undefined;

/**
 * fast-xml-parser, loaded at the first XML document (only a site whose nvidia-smi hook is set to
 * `format: xml` parses any), and its bundled CommonJS build: its ES modules held ~1.6 MiB of every
 * agent's heap from start-up (each module's source is kept), the minified bundle ~0.4 MiB.
 */
function xmlParser(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const fxp = createRequire(import.meta.url)('fast-xml-parser') as typeof Fxp;
  loaded = {
    parser: new fxp.XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: false,
      trimValues: true,
      isArray: (name) => name === 'gpu' || name === 'mig_device' || name === 'process_info',
    }),
    validator: fxp.XMLValidator,
  };
  return loaded;
}

function obj(v: unknown): Node | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : undefined;
}

function list(v: unknown): Node[] {
  return Array.isArray(v) ? v.map(obj).filter((x): x is Node => x !== undefined) : [];
}

function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  const o = obj(v);
  return o && typeof o['#text'] === 'string' ? o['#text'].trim() : '';
}

function at(node: Node | undefined, ...path: string[]): unknown {
  let cur: unknown = node;
  for (const k of path) cur = obj(cur)?.[k];
  return cur;
}

function measure(v: unknown, units: readonly string[], what: string): number | null | undefined {
  const raw = text(v);
  if (raw === '') return undefined;
  const n = readNumber(raw, units);
  if (n === undefined) throw new HookParseError(HOOK, `${what} is not a number: ${raw}`, raw);
  return n;
}

function isCompute(p: Node): boolean {
  return text(p.type).includes('C');
}

/**
 * `nvidia-smi -q -x` (DTD v11 to v13). MIG-enabled GPUs report one slot per MIG device, and a
 * slot (or a whole GPU) running a compute process (type C or C+G) is not free. Each MIG device is
 * listed in `mig` with its instance ids and its size (read off its multiprocessor count).
 */
export function parseNvidiaSmiXml(xml: string): HalAccelerator[] {
  if (!xml.trim().startsWith('<')) throw new HookParseError(HOOK, 'not XML', xml);
  const valid = xmlParser().validator.validate(xml);
  if (valid !== true)
    throw new HookParseError(HOOK, `invalid XML: ${valid.err.msg} (line ${valid.err.line})`, xml);
  let doc: Node;
  try {
    doc = xmlParser().parser.parse(xml) as Node;
  } catch (err) {
    throw new HookParseError(HOOK, 'XML parser failed', xml, { cause: err });
  }
  const log = obj(doc.nvidia_smi_log);
  if (!log) throw new HookParseError(HOOK, 'no <nvidia_smi_log> root', xml);

  return list(log.gpu).map((gpu, i) => {
    const model = text(gpu.product_name);
    if (!model) throw new HookParseError(HOOK, `gpu ${i} has no <product_name>`, xml);
    const serial = [text(gpu.serial), text(gpu.uuid)].find((s) => s && !isNotAvailable(s)) ?? '';
    const power = gpu.gpu_power_readings ?? gpu.power_readings;
    const powerW =
      measure(at(obj(power), 'average_power_draw'), ['W'], 'average_power_draw') ??
      measure(at(obj(power), 'power_draw'), ['W'], 'power_draw') ??
      measure(at(obj(power), 'instant_power_draw'), ['W'], 'instant_power_draw');
    const processes = list(at(gpu, 'processes', 'process_info')).filter(isCompute);
    const migOn = text(at(gpu, 'mig_mode', 'current_mig')).toLowerCase() === 'enabled';
    let slotsTotal = 1;
    let slotsFree = processes.length > 0 ? 0 : 1;
    let mig: MigInput[] | undefined;
    if (migOn) {
      const devices = list(at(gpu, 'mig_devices', 'mig_device'));
      const busy = new Set(processes.map((p) => text(p.gpu_instance_id)));
      slotsTotal = devices.length;
      slotsFree = devices.filter((d) => !busy.has(text(d.gpu_instance_id))).length;
      // DTD v12 names no MIG profile and no MIG UUID: the instance ids and its size are what it has.
      mig = devices.map((d) => ({
        gpuInstanceId: text(d.gpu_instance_id),
        computeInstanceId: text(d.compute_instance_id),
        // Sizing only: an unreadable count leaves the instance unsized rather than failing the GPU.
        multiprocessors:
          readNumber(text(at(d, 'device_attributes', 'shared', 'multiprocessor_count'))) ??
          undefined,
        memoryTotalMib: readNumber(text(at(d, 'fb_memory_usage', 'total')), ['MiB']) ?? undefined,
      }));
    }
    const pciDeviceId = text(at(gpu, 'pci', 'pci_device_id'));
    return hal({
      vendor: 'nvidia',
      model,
      serial,
      index: String(i),
      memoryTotalMib: measure(
        at(gpu, 'fb_memory_usage', 'total'),
        ['MiB'],
        'fb_memory_usage.total',
      ),
      memoryUsedMib: measure(at(gpu, 'fb_memory_usage', 'used'), ['MiB'], 'fb_memory_usage.used'),
      utilizationPct: measure(at(gpu, 'utilization', 'gpu_util'), ['%'], 'gpu_util'),
      temperatureC: measure(at(gpu, 'temperature', 'gpu_temp'), ['C'], 'gpu_temp'),
      powerW,
      slotsTotal,
      slotsFree,
      isolation: migOn ? 'mig' : 'whole',
      ...(pciDeviceId && !isNotAvailable(pciDeviceId) ? { pciDeviceId } : {}),
      ...(mig ? { mig } : {}),
    });
  });
}
