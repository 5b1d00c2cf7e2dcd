import type { BurnRecordData } from './burn-chain.js';
import { ENTITY_ID_MAX_CHARS, SITE_ID_MAX_CHARS } from './ids.js';

/**
 * The one burn-record schema. The agent's outbox checks a record with it before it writes one, MQTT
 * ingest and the ledger check every record a site sends with it, so a record an honest agent wrote
 * is never refused later, and every refusal has a named reason.
 */
export const BURN_RECORD_LIMITS = {
  /** site_id: a site id (ids.ts); the ledger also wants it to be the batch's site. */
  siteIdMaxChars: SITE_ID_MAX_CHARS,
  /** lease_id: issued by the coordinator (`l-<uuid>`), an entity id at most. */
  leaseIdMaxChars: ENTITY_ID_MAX_CHARS,
  /** accelerator_model / accelerator_serial: what the firmware hook reports (may be empty). */
  acceleratorModelMaxChars: 256,
  acceleratorSerialMaxChars: 256,
  /** slot: `gpu0`, `mig-1g.10gb-3`… (may be empty). */
  slotMaxChars: 64,
  /** mig_instance_uuid: `MIG-<uuid>` (40 characters) as nvidia-smi reports it, or empty/absent. */
  migInstanceUuidMaxChars: 64,
  /** Integers (seq, µT, epoch ms) must be exact in a double and in a bigint column. */
  maxInteger: Number.MAX_SAFE_INTEGER,
} as const;

/** Why a burn record was refused, one name per rule. */
export type BurnRejectReason =
  | 'not_an_object'
  | 'bad_site_id'
  | 'wrong_site'
  | 'bad_seq'
  | 'bad_lease_id'
  | 'bad_accelerator_model'
  | 'bad_accelerator_serial'
  | 'bad_slot'
  | 'bad_mig_instance_uuid'
  | 'bad_started_at'
  | 'bad_ended_at'
  | 'ends_before_start'
  | 'bad_micro_tokens'
  | 'bad_prev_hash'
  | 'bad_hash';

export interface BurnProblem {
  reason: BurnRejectReason;
  /** The field at fault ('record' when it is the whole record). */
  field: string;
  /** What is wrong with the field. */
  detail: string;
  /** `field: detail`, for logs and reports. */
  problem: string;
}

export type BurnRecordCheck = { ok: true; record: BurnRecordData } | ({ ok: false } & BurnProblem);

/** 64 lowercase hex digits (a loop: a regex costs ~0.5 µs a hash, two per record, every record). */
export function isHex64(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function problem(reason: BurnRejectReason, field: string, what: string): BurnProblem {
  return { reason, field, detail: what, problem: `${field}: ${what}` };
}

function countProblem(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return 'must be a safe integer';
  if (v < 0) return 'must not be negative';
  return undefined;
}

function textProblem(v: unknown, max: number, required: boolean): string | undefined {
  if (typeof v !== 'string') return 'must be a string';
  if (required && v.length === 0) return 'must not be empty';
  if (v.length > max) return `longer than ${max} characters`;
  return undefined;
}

// Module constants: the ledger checks every record it stages, so no per-call allocation.
const TEXT_RULES: readonly (readonly [string, BurnRejectReason, number, boolean])[] = [
  ['lease_id', 'bad_lease_id', BURN_RECORD_LIMITS.leaseIdMaxChars, true],
  [
    'accelerator_model',
    'bad_accelerator_model',
    BURN_RECORD_LIMITS.acceleratorModelMaxChars,
    false,
  ],
  [
    'accelerator_serial',
    'bad_accelerator_serial',
    BURN_RECORD_LIMITS.acceleratorSerialMaxChars,
    false,
  ],
  ['slot', 'bad_slot', BURN_RECORD_LIMITS.slotMaxChars, false],
];
const COUNT_RULES: readonly (readonly [string, BurnRejectReason])[] = [
  ['started_at_ms', 'bad_started_at'],
  ['ended_at_ms', 'bad_ended_at'],
  ['micro_tokens', 'bad_micro_tokens'],
];

/**
 * The fields a burn's producer chooses (everything but site_id, seq and the hashes, which the
 * outbox assigns): the agent checks these before it appends, with the same rules ingest applies.
 */
export function checkBurnFields(raw: Record<string, unknown>): BurnProblem | undefined {
  for (const [field, reason, max, required] of TEXT_RULES) {
    const p = textProblem(raw[field], max, required);
    if (p !== undefined) return problem(reason, field, p);
  }
  for (const [field, reason] of COUNT_RULES) {
    const p = countProblem(raw[field]);
    if (p !== undefined) return problem(reason, field, p);
  }
  if ((raw['ended_at_ms'] as number) < (raw['started_at_ms'] as number))
    return problem('ends_before_start', 'ended_at_ms', 'is before started_at_ms');
  const mig = raw['mig_instance_uuid'];
  if (mig !== undefined) {
    const p = textProblem(mig, BURN_RECORD_LIMITS.migInstanceUuidMaxChars, false);
    if (p !== undefined) return problem('bad_mig_instance_uuid', 'mig_instance_uuid', p);
  }
  return undefined;
}

/**
 * A whole record as a site sent it (nothing from a site is trusted), for the batch of `siteId`.
 * On success, a copy with exactly the record's fields (nothing else a payload carried).
 */
export function checkBurnRecord(raw: unknown, siteId: string): BurnRecordCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, ...problem('not_an_object', 'record', 'is not an object') };
  const r = raw as Record<string, unknown>;
  const site = textProblem(r['site_id'], BURN_RECORD_LIMITS.siteIdMaxChars, true);
  if (site !== undefined) return { ok: false, ...problem('bad_site_id', 'site_id', site) };
  if (r['site_id'] !== siteId)
    return {
      ok: false,
      ...problem(
        'wrong_site',
        'site_id',
        `record of site ${String(r['site_id'])} in a batch from site ${siteId}`,
      ),
    };
  const seq =
    countProblem(r['seq']) ?? ((r['seq'] as number) < 1 ? 'must be at least 1' : undefined);
  if (seq !== undefined) return { ok: false, ...problem('bad_seq', 'seq', seq) };
  const fields = checkBurnFields(r);
  if (fields) return { ok: false, ...fields };
  if (!isHex64(r['prev_hash']))
    return {
      ok: false,
      ...problem('bad_prev_hash', 'prev_hash', 'must be a 64-character lowercase hex sha256'),
    };
  if (!isHex64(r['hash']))
    return {
      ok: false,
      ...problem('bad_hash', 'hash', 'must be a 64-character lowercase hex sha256'),
    };
  const {
    site_id,
    seq: s,
    lease_id,
    accelerator_model,
    accelerator_serial,
    slot,
    started_at_ms,
    ended_at_ms,
    micro_tokens,
    prev_hash,
    hash,
    mig_instance_uuid,
  } = r as unknown as BurnRecordData;
  const record: BurnRecordData = {
    site_id,
    seq: s,
    lease_id,
    accelerator_model,
    accelerator_serial,
    slot,
    started_at_ms,
    ended_at_ms,
    micro_tokens,
    prev_hash,
    hash,
  };
  // Only a non-empty instance: a record without one stays exactly the v1 shape.
  if (mig_instance_uuid !== undefined && mig_instance_uuid !== '')
    record.mig_instance_uuid = mig_instance_uuid;
  return { ok: true, record };
}
