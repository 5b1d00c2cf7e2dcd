/**
 * @edgefleet/firmware-hooks: one plugin per vendor tool behind one interface, each reporting
 * accelerators normalized to the HAL (edgefleet.v1.Accelerator).
 */
export {
  VENDORS,
  ISOLATIONS,
  type Vendor,
  type Isolation,
  type HalAccelerator,
  type HalMigInstance,
  type HookReading,
  type FirmwareHook,
  type CollectOptions,
} from './types.js';
export {
  HookError,
  HookToolMissingError,
  HookTimeoutError,
  HookAbortedError,
  HookExitError,
  HookOutputTooLargeError,
  HookParseError,
  HookConfigError,
} from './errors.js';
export {
  PROFILES,
  PROFILE_TABLE,
  profileFor,
  profileById,
  profileByModel,
  unknownProfile,
  type AcceleratorProfile,
  type ProfileTable,
  type ProfileConfidence,
} from './profiles.js';
export {
  resolveProfile,
  normalizePciId,
  PCI_VENDOR_IDS,
  type DeviceIdentity,
  type ProfileResolution,
  type UnknownReason,
} from './resolve.js';
export { migInstance, migProfileSlices, type MigInput } from './mig.js';
export { hal, validateHal, withModel, type AcceleratorInput } from './hal.js';
export {
  runTool,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_BUFFER,
  type RunToolOptions,
} from './run-tool.js';
export {
  toolHook,
  HookOptions,
  type HookDefinition,
  type ToolHookSpec,
  type RunArgs,
} from './hook.js';
export { createHook, HOOK_NAMES, HOOK_DEFINITIONS } from './registry.js';
export { detectHooks, type DetectedHook, type DetectOptions } from './detect.js';
export {
  FakeSim,
  mulberry32,
  printedIdentity,
  type FakeDeviceSpec,
  type FakeSimOptions,
} from './fake-sim.js';
export { parseNvidiaSmiCsv, NVIDIA_CSV_FIELDS, NVIDIA_CSV_ARGS } from './parsers/nvidia-smi-csv.js';
export { parseNvidiaSmiXml } from './parsers/nvidia-smi-xml.js';
export {
  parseNvidiaSmiList,
  migSlotMap,
  migInstanceMap,
  type NvidiaListedGpu,
  type NvidiaListedMig,
} from './parsers/nvidia-smi-list.js';
export {
  parseNpuSmiInfo,
  parseNpuSmiChips,
  parseNpuSmiFields,
  npuSmiBoardSerial,
  type NpuChip,
} from './parsers/npu-smi.js';
export { parseCnmon } from './parsers/cnmon.js';
export { parseRocmSmiJson, ROCM_SMI_ARGS } from './parsers/rocm-smi-json.js';
export {
  parseAmdSmiMetricJson,
  parseAmdSmiMetricText,
  type AmdSmiOptions,
} from './parsers/amd-smi.js';
export { parseHySmi, type HySmiOptions } from './parsers/hy-smi.js';
export { parseIpmiPower, sitePowerW, type SitePowerReading } from './parsers/ipmi-power.js';
