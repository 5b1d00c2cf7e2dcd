import type { KeyObject } from 'node:crypto';
import {
  pb,
  RECEIPT_VERSION,
  signReceipt,
  type BurnRecordData,
  type edgefleet,
  type ReceiptFields,
} from '@edgefleet/proto';

/**
 * The receipt of one answered request (docs/verification.md "Receipts"): the burn record the
 * request wrote, as the site will bill it, signed with the site key (site-key.ts, the key of its
 * burn batches). Built after the record is on disk, so a receipt names a record that exists.
 */
export function receiptFor(
  key: KeyObject,
  rec: BurnRecordData,
  o: { migInstanceUuid: string; requestId: string },
): edgefleet.v1.Receipt {
  const fields: ReceiptFields = {
    version: RECEIPT_VERSION,
    site_id: rec.site_id,
    lease_id: rec.lease_id,
    burn_seq: rec.seq,
    micro_tokens: rec.micro_tokens,
    burn_hash: rec.hash,
    mig_instance_uuid: o.migInstanceUuid,
    started_at_ms: rec.started_at_ms,
    ended_at_ms: rec.ended_at_ms,
    request_id: o.requestId,
  };
  return new pb.Receipt({ ...fields, signature: signReceipt(key, fields) });
}
