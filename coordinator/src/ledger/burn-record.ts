import { z } from 'zod';
import type { BurnRecordData } from '@edgefleet/proto';
import { MAX_ID_LENGTH } from './validate.js';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-character lowercase hex sha256');
const id = z.string().min(1).max(MAX_ID_LENGTH);
const label = z.string().max(MAX_ID_LENGTH);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A burn record as it must look before it may even be staged (nothing from a site is trusted). */
export const burnRecordSchema = z
  .object({
    site_id: id,
    seq: count.min(1),
    lease_id: id,
    accelerator_model: label,
    accelerator_serial: label,
    slot: label,
    started_at_ms: count,
    ended_at_ms: count,
    micro_tokens: count,
    prev_hash: hex64,
    hash: hex64,
  })
  .refine((r) => r.ended_at_ms >= r.started_at_ms, { message: 'ended_at_ms is before started_at_ms', path: ['ended_at_ms'] });

export type BurnCheck = { ok: true; record: BurnRecordData } | { ok: false; problem: string };

/** 64 lowercase hex digits (a loop: the regex cost ~0.5 µs a hash, two per record). */
export function isHex64(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isLabel = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_ID_LENGTH;
const isId = (v: unknown): v is string => isLabel(v) && v.length > 0;

/**
 * The common case without zod (staging checks every record; zod costs ~3 µs each): exactly the
 * schema's rules. A record it does not pass goes through the schema, which names the problem.
 */
function fastCheck(raw: unknown): BurnRecordData | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const { site_id, seq, lease_id, accelerator_model, accelerator_serial, slot, started_at_ms, ended_at_ms, micro_tokens, prev_hash, hash } = r;
  if (!isId(site_id) || !isCount(seq) || seq < 1 || !isId(lease_id) || !isLabel(accelerator_model) || !isLabel(accelerator_serial) || !isLabel(slot)) return undefined;
  if (!isCount(started_at_ms) || !isCount(ended_at_ms) || !isCount(micro_tokens) || ended_at_ms < started_at_ms) return undefined;
  if (!isHex64(prev_hash) || !isHex64(hash)) return undefined;
  return { site_id, seq, lease_id, accelerator_model, accelerator_serial, slot, started_at_ms, ended_at_ms, micro_tokens, prev_hash, hash };
}

export function checkBurnRecord(raw: unknown, siteId: string): BurnCheck {
  const fast = fastCheck(raw);
  if (fast) {
    if (fast.site_id !== siteId) return { ok: false, problem: `record of site ${fast.site_id} in a batch from site ${siteId}` };
    return { ok: true, record: fast };
  }
  const parsed = burnRecordSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ') };
  }
  if (parsed.data.site_id !== siteId) return { ok: false, problem: `record of site ${parsed.data.site_id} in a batch from site ${siteId}` };
  return { ok: true, record: parsed.data };
}

const FIELDS = [
  'site_id', 'seq', 'lease_id', 'accelerator_model', 'accelerator_serial', 'slot',
  'started_at_ms', 'ended_at_ms', 'micro_tokens', 'prev_hash', 'hash',
] as const satisfies readonly (keyof BurnRecordData)[];

/** Same (site, seq) and same content, hash included: a resend, not a rewrite. */
export function sameRecord(a: BurnRecordData, b: BurnRecordData): boolean {
  return FIELDS.every((f) => a[f] === b[f]);
}

/**
 * proto's burnHash (sha256 over the length-prefixed fields) as a SQL expression over a `burns` row,
 * so that reconciliation verifies hashes where the rows are instead of shipping them out.
 * Lengths are in bytes (octet_length; the database encoding is UTF-8), numbers in decimal.
 */
export const BURN_HASH_SQL = `encode(sha256(convert_to('10:ef-burn-v1' || ${['site_id', 'seq::text', 'lease_id', 'accelerator_model', 'accelerator_serial', 'slot', 'started_at_ms::text', 'ended_at_ms::text', 'micro_tokens::text', 'prev_hash']
  .map((c) => `octet_length(${c}) || ':' || ${c}`)
  .join(' || ')}, 'UTF8')), 'hex')`;

/** The columns of `burns` that hold a record, in FIELDS order. */
export const BURN_COLUMNS = FIELDS.join(', ');

export function pickRecord(row: BurnRecordData): BurnRecordData {
  const out = {} as Record<(typeof FIELDS)[number], unknown>;
  for (const f of FIELDS) out[f] = row[f];
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
