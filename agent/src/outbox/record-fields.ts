import { checkBurnFields, type BurnFields, type BurnRecordData } from '@edgefleet/proto';
import { OutboxInvalidRecordError } from './errors.js';

/** What append() takes: the outbox assigns seq and prev_hash, and the site id is its own. */
export type BurnInput = Omit<BurnFields, 'seq' | 'prev_hash' | 'site_id'>;

const STRING_FIELDS = ['lease_id', 'accelerator_model', 'accelerator_serial', 'slot'] as const;
const INT_FIELDS = ['started_at_ms', 'ended_at_ms', 'micro_tokens'] as const;

function intProblem(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return 'must be a safe integer';
  if (v < 0) return 'must not be negative';
  return undefined;
}

/**
 * Copies exactly the burn fields, in a fixed order, after checking them with proto's burn-record
 * schema: the limits MQTT ingest and the ledger apply, so a record this outbox keeps is never
 * refused by the coordinator (one it would refuse stops the site's chain until it is resent), and
 * each field survives a JSON round trip unchanged (the stored record hashes the same when read back).
 */
export function normalizeBurnInput(input: BurnInput): BurnInput {
  const p = checkBurnFields(input as unknown as Record<string, unknown>);
  if (p !== undefined) throw new OutboxInvalidRecordError(p.field, p.detail);
  const out: BurnInput = {
    lease_id: input.lease_id,
    accelerator_model: input.accelerator_model,
    accelerator_serial: input.accelerator_serial,
    slot: input.slot,
    // `+ 0` turns -0 into 0, which is what a JSON round trip would do
    started_at_ms: input.started_at_ms + 0,
    ended_at_ms: input.ended_at_ms + 0,
    micro_tokens: input.micro_tokens + 0,
  };
  // The MIG instance only when there is one: a whole-device burn keeps the v1 shape (and hash).
  if (input.mig_instance_uuid) out.mig_instance_uuid = input.mig_instance_uuid;
  return out;
}

/** A record read back from disk, or a description of what is wrong with it. */
export function parseStoredRecord(v: unknown): BurnRecordData | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'record is not an object';
  const o = v as Record<string, unknown>;
  for (const f of [...STRING_FIELDS, 'site_id', 'prev_hash', 'hash'] as const) {
    if (typeof o[f] !== 'string') return `field ${f} is not a string`;
  }
  for (const f of [...INT_FIELDS, 'seq'] as const) {
    if (intProblem(o[f]) !== undefined) return `field ${f} is not a non-negative safe integer`;
  }
  const mig = o.mig_instance_uuid;
  if (mig !== undefined && typeof mig !== 'string')
    return 'field mig_instance_uuid is not a string';
  return Object.freeze({
    site_id: o.site_id as string,
    seq: o.seq as number,
    lease_id: o.lease_id as string,
    accelerator_model: o.accelerator_model as string,
    accelerator_serial: o.accelerator_serial as string,
    slot: o.slot as string,
    started_at_ms: o.started_at_ms as number,
    ended_at_ms: o.ended_at_ms as number,
    micro_tokens: o.micro_tokens as number,
    prev_hash: o.prev_hash as string,
    hash: o.hash as string,
    ...(mig ? { mig_instance_uuid: mig } : {}),
  });
}
