import {
  modelKey,
  resolveAccelerator,
  type AcceleratorIdentity,
  type AcceleratorResolution,
} from './resolve-accelerator.js';

const CACHE_MAX = 10_000;

/**
 * The coordinator's profile resolution with the operator's mappings (model key → profile id) held
 * in memory: every telemetry report is resolved against it without a database round trip. The
 * mapping store fills it at start and on every mapping made through any replica.
 */
export class HardwareResolver {
  private readonly mappings = new Map<string, string>();
  /** Resolutions by identity: telemetry repeats the same few identities every second. */
  private readonly cache = new Map<string, AcceleratorResolution>();

  constructor(initial: Iterable<readonly [modelString: string, profileId: string]> = []) {
    for (const [model, id] of initial) this.setMapping(model, id);
  }

  resolve(identity: AcceleratorIdentity): AcceleratorResolution {
    const key = JSON.stringify([
      identity.vendor,
      identity.model,
      identity.pciDeviceId ?? '',
      identity.memoryMib ?? 0,
      identity.migProfile ?? '',
    ]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const r = resolveAccelerator(identity, this.mappings);
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, r);
    return r;
  }

  /** Maps a model string (any case and spacing) to a profile id; returns true if that changed anything. */
  setMapping(modelString: string, profileId: string): boolean {
    const key = modelKey(modelString);
    if (this.mappings.get(key) === profileId) return false;
    this.mappings.set(key, profileId);
    this.cache.clear();
    return true;
  }

  get size(): number {
    return this.mappings.size;
  }
}
