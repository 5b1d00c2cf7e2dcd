import { EdgefleetError } from '@edgefleet/common';
import type { Db } from '../db/index.js';
import type { HardwareResolver } from './hardware-resolver.js';
import { mappableProfile, modelKey } from './resolve-accelerator.js';

/** A mapping to a profile id the coordinator's table does not hold (or may not be mapped to). */
export class HardwareProfileUnknownError extends EdgefleetError {
  constructor(profileId: string) {
    super(
      'HARDWARE_PROFILE_UNKNOWN',
      `"${profileId}" is no profile hardware can be mapped to (the simulation profiles and the unknown fallback are not)`,
      { profileId },
    );
  }
}

/** An operator mapping: model string → profile id. */
export interface HardwareMapping {
  modelString: string;
  profileId: string;
  createdBy: string;
  createdAtMs: number;
}

/** A mapping made (through any replica), as a replica applies it. */
export interface HardwareMappingChange {
  seq: number;
  modelString: string;
  profileId: string;
}

interface Row {
  model_string: string;
  profile_id: string;
  created_by: string;
  created_at_ms: string | number;
  change_seq: string | number;
}

/**
 * Operator mappings for hardware the profile table does not know (hardware_mappings, migration
 * 106), kept in the HardwareResolver every telemetry report is resolved with. `onChange` runs
 * after a mapping took effect here, so that the fleet's sites are resolved again at once.
 */
export class HardwareMappingStore {
  constructor(
    private readonly db: Db,
    readonly resolver: HardwareResolver,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Loads every mapping into the resolver. */
  async load(): Promise<void> {
    for (const m of await this.list()) this.resolver.setMapping(m.modelString, m.profileId);
    this.onChange();
  }

  /** Maps a model string to a profile (replacing an earlier mapping of the same model string). */
  async map(modelString: string, profileId: string, createdBy: string): Promise<HardwareMapping> {
    if (!mappableProfile(profileId)) throw new HardwareProfileUnknownError(profileId);
    const model = modelString.trim();
    const createdAtMs = Date.now();
    await this.db.query(
      `INSERT INTO hardware_mappings (model_key, model_string, profile_id, created_by, created_at_ms, change_seq)
       VALUES ($1, $2, $3, $4, $5, nextval('hardware_mapping_change_seq'))
       ON CONFLICT (model_key) DO UPDATE SET model_string = EXCLUDED.model_string,
         profile_id = EXCLUDED.profile_id, created_by = EXCLUDED.created_by,
         created_at_ms = EXCLUDED.created_at_ms, change_seq = EXCLUDED.change_seq`,
      [modelKey(model), model, profileId, createdBy, createdAtMs],
    );
    if (this.resolver.setMapping(model, profileId)) this.onChange();
    return { modelString: model, profileId, createdBy, createdAtMs };
  }

  async list(): Promise<HardwareMapping[]> {
    const rows = await this.db.query<Row>(
      'SELECT model_string, profile_id, created_by, created_at_ms, change_seq FROM hardware_mappings ORDER BY model_key',
    );
    return rows.map((r) => ({
      modelString: r.model_string,
      profileId: r.profile_id,
      createdBy: r.created_by,
      createdAtMs: Number(r.created_at_ms),
    }));
  }

  /** The newest change number: a replica follows from it, read before load(). */
  async lastChangeSeq(): Promise<number> {
    const [r] = await this.db.query<{ m: string | number | null }>(
      'SELECT max(change_seq) AS m FROM hardware_mappings',
    );
    return Number(r?.m ?? 0);
  }

  /** Mappings made with a change number above `seq`, oldest first. */
  async changesSince(seq: number, limit = 1000): Promise<HardwareMappingChange[]> {
    const rows = await this.db.query<Row>(
      'SELECT model_string, profile_id, created_by, created_at_ms, change_seq FROM hardware_mappings WHERE change_seq > $1 ORDER BY change_seq LIMIT $2',
      [seq, limit],
    );
    return rows.map((r) => ({
      seq: Number(r.change_seq),
      modelString: r.model_string,
      profileId: r.profile_id,
    }));
  }

  /** Applies a mapping made through another replica (or again, through this one: idempotent). */
  apply(c: HardwareMappingChange): void {
    if (mappableProfile(c.profileId) && this.resolver.setMapping(c.modelString, c.profileId))
      this.onChange();
  }
}
