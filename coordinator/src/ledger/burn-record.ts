import type { BurnRecordData } from '@edgefleet/proto';
import { burnHash, isHex64 } from '@edgefleet/proto';

/**
 * Records are checked at the door with proto's one burn-record schema (`checkBurnRecord`: the same
 * rules and limits the agent's outbox and MQTT ingest apply), which names the reason of a refusal.
 */
export { checkBurnRecord, isHex64, type BurnRecordCheck } from '@edgefleet/proto';

const FIELDS = [
  'site_id',
  'seq',
  'lease_id',
  'accelerator_model',
  'accelerator_serial',
  'slot',
  'started_at_ms',
  'ended_at_ms',
  'micro_tokens',
  'prev_hash',
  'hash',
  // Last: '' in the column (DEFAULT '', migration 112) is a record without one (absent in TS).
  'mig_instance_uuid',
] as const satisfies readonly (keyof BurnRecordData)[];

/** Same (site, seq) and same content, hash included: a resend, not a rewrite. */
export function sameRecord(a: BurnRecordData, b: BurnRecordData): boolean {
  return FIELDS.every((f) =>
    f === 'mig_instance_uuid' ? (a[f] ?? '') === (b[f] ?? '') : a[f] === b[f],
  );
}

/** A record's MIG instance as the `burns` column holds it: '' when it has none. */
export function migOf(r: BurnRecordData): string {
  return r.mig_instance_uuid ?? '';
}

const HASH_PARTS = [
  'site_id',
  'seq::text',
  'lease_id',
  'accelerator_model',
  'accelerator_serial',
  'slot',
  'started_at_ms::text',
  'ended_at_ms::text',
  'micro_tokens::text',
  'prev_hash',
]
  .map((c) => `octet_length(${c}) || ':' || ${c}`)
  .join(' || ');

/**
 * proto's burnHash (sha256 over the length-prefixed fields) as a SQL expression over a `burns` row,
 * so that reconciliation verifies hashes where the rows are instead of shipping them out.
 * Lengths are in bytes (octet_length; the database encoding is UTF-8), numbers in decimal.
 * A row without a MIG instance ('') hashes as 'ef-burn-v1'; one with an instance as 'ef-burn-v2',
 * the instance appended as one more part.
 */
export const BURN_HASH_SQL = `encode(sha256(convert_to(CASE WHEN mig_instance_uuid = '' THEN '10:ef-burn-v1' || ${HASH_PARTS} ELSE '10:ef-burn-v2' || ${HASH_PARTS} || octet_length(mig_instance_uuid) || ':' || mig_instance_uuid END, 'UTF8')), 'hex')`;

/** The columns of `burns` that hold a record, in FIELDS order. */
export const BURN_COLUMNS = FIELDS.join(', ');

/** A record from a `burns` row: the MIG instance only when the row has one (as checkBurnRecord). */
export function pickRecord(row: BurnRecordData): BurnRecordData {
  const out = {} as Record<(typeof FIELDS)[number], unknown>;
  for (const f of FIELDS) if (f !== 'mig_instance_uuid' || row[f]) out[f] = row[f];
  return out as unknown as BurnRecordData;
}

/** Something to store about a rejected payload: JSON, bounded. */
export function rejectJson(raw: unknown, maxChars = 8192): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? 'null';
  } catch {
    text = JSON.stringify(String(raw));
  }
  return text.length <= maxChars ? text : JSON.stringify({ truncated: text.slice(0, maxChars) });
}

export function seqOf(raw: unknown): number | null {
  const seq = (raw as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : null;
}

const TEXT_FIELDS = ['lease_id', 'accelerator_model', 'accelerator_serial', 'slot'] as const;
const NUMBER_FIELDS = ['started_at_ms', 'ended_at_ms', 'micro_tokens'] as const;

/**
 * The stand-in for a record the schema refused but that is authentic: an object of this site whose
 * seq and hashes are well formed, whose fields have the types the hash covers, and whose own hash is
 * right — so it names a place in the site's chain. The stand-in keeps seq and hashes and clears the
 * content (nothing about it is posted); undefined when the record is not authentic (then it is
 * refused as tampered and the chain waits for a resend).
 */
export function refusedStandIn(raw: unknown, siteId: string): BurnRecordData | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const { seq, prev_hash: prevHash, hash } = r;
  if (r['site_id'] !== siteId || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1)
    return undefined;
  if (!isHex64(prevHash) || !isHex64(hash)) return undefined;
  if (!TEXT_FIELDS.every((f) => typeof r[f] === 'string')) return undefined;
  if (!NUMBER_FIELDS.every((f) => Number.isFinite(r[f]))) return undefined;
  const mig = r['mig_instance_uuid'];
  if (mig !== undefined && typeof mig !== 'string') return undefined;
  if (burnHash(r as unknown as BurnRecordData) !== hash) return undefined;
  return {
    site_id: siteId,
    seq,
    lease_id: '',
    accelerator_model: '',
    accelerator_serial: '',
    slot: '',
    started_at_ms: 0,
    ended_at_ms: 0,
    micro_tokens: 0,
    prev_hash: prevHash,
    hash,
  };
}
