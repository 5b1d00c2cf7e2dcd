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

export function checkBurnRecord(raw: unknown, siteId: string): BurnCheck {
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
