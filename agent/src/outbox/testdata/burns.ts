import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyLink, type BurnRecordData } from '@edgefleet/proto';
import type { BurnInput } from '../record-fields.js';

export const SITE = 'site-test-01';

export function burn(i: number): BurnInput {
  return {
    lease_id: `lease-${i % 7}`,
    accelerator_model: 'H100-SXM5-80GB',
    accelerator_serial: `SN-${1000 + (i % 4)}`,
    slot: i % 2 === 0 ? 'gpu0' : 'gpu1/mig-3g.40gb',
    started_at_ms: 1_700_000_000_000 + i * 1000,
    ended_at_ms: 1_700_000_000_000 + i * 1000 + 750,
    micro_tokens: 1234 + i,
  };
}

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'edgefleet-outbox-'));
}

/** Throws unless `records` is a contiguous, correctly hashed chain following `prev`. */
export function assertChain(prev: { seq: number; hash: string } | undefined, records: readonly BurnRecordData[]): void {
  let p = prev;
  for (const r of records) {
    const check = verifyLink(p, r);
    if (!check.ok) throw new Error(`chain broken at seq ${r.seq}: ${check.problem} (expected ${check.expected}, got ${check.got})`);
    p = r;
  }
}
