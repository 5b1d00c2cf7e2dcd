/** Vendors the HAL knows. `fake` is the simulator. */
export const VENDORS = ['nvidia', 'huawei', 'cambricon', 'amd', 'hygon', 'fake'] as const;
export type Vendor = (typeof VENDORS)[number];

/** How a slot is isolated from its neighbours on the same accelerator. */
export const ISOLATIONS = ['whole', 'mig', 'timeslice'] as const;
export type Isolation = (typeof ISOLATIONS)[number];

/**
 * One accelerator as the hardware abstraction layer sees it, whatever the vendor tool.
 * Field names match the protobuf message `edgefleet.v1.Accelerator` (proto/edgefleet/v1/telemetry.proto).
 */
export interface HalAccelerator {
  vendor: Vendor;
  /** Model name as the tool prints it, e.g. "NVIDIA H100 80GB HBM3", "Ascend 910B2C". */
  model: string;
  /** Serial, else UUID/unique id, else `pci:<bus id>`, else `idx:<index>`: never empty. */
  serial: string;
  /** Vendor index of the device on the host (what the vendor's -i flag or *_VISIBLE_DEVICES takes). */
  index: string;
  /** Key into the profile table (PROFILES). */
  profile_id: string;
  /** 0 when the tool does not say. */
  memory_total_mib: number;
  memory_used_mib: number;
  /** 0..100, or -1 when the tool says N/A (e.g. MIG enabled) or does not report it. */
  utilization_pct: number;
  /** -1 when unknown. Never NaN. */
  temperature_c: number;
  /** -1 when unknown. Never NaN. */
  power_w: number;
  /** Whole card = 1; MIG: number of MIG instances (each instance's size is in `mig`) (0 when MIG is on but no instance exists). */
  slots_total: number;
  /** Slots the tool does not show as running a compute process (equals slots_total when the tool cannot tell). */
  slots_free: number;
  isolation: Isolation;
  /** Compute multiplier vs the reference H100 80GB SXM (profile table). */
  multiplier: number;
  /** Counts as a domestic chip for compliance routing (profile table). */
  domestic: boolean;
  /** PCI id as `vendor:device` ("10de:20b2") where the tool prints it; raw identity for the coordinator. */
  pci_device_id?: string;
  /** MIG instances in the tool's order, where the tool lists them (slots_total is still their count). */
  mig?: HalMigInstance[];
}

/** One MIG instance of a GPU (HalAccelerator.mig), so that leases and burns can name it. */
export interface HalMigInstance {
  /** MIG profile as nvidia-smi names it ("1g.10gb"); derived from size and memory for `-q -x`, '' when unknown. */
  profile: string;
  /** The instance's "MIG-…" UUID from `nvidia-smi -L`; '' where the tool does not print it (`-q -x`). */
  uuid: string;
  /** GPU and compute instance ids (`-q -x`); '' where the tool does not print them (`-L`). */
  gpu_instance_id: string;
  compute_instance_id: string;
  /** Compute slices of the instance (1 for 1g); 0 when unknown. */
  slices: number;
  /** slices / the parent's compute slices (1g of 7 = 1/7); null when the size is unknown. */
  fraction: number | null;
}

/** What one hook reports in one round. */
export interface HookReading {
  hook: string;
  accelerators: HalAccelerator[];
  /** Whole-site (BMC) power draw in watts, from the ipmitool hook. */
  sitePowerW?: number;
}

export interface CollectOptions {
  /** Upper bound for the whole collection, all tool runs included. Defaults to the hook's timeout (5 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One plugin per vendor tool. */
export interface FirmwareHook {
  readonly name: string;
  collect(opts?: CollectOptions): Promise<HookReading>;
}
