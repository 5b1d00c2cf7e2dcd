import type { SignableBurnBatch } from '@edgefleet/proto';
import type { BatchRefusal, BatchVerdict } from '../fleet/site-keys.js';

/** config siteKeys.signedBurns. */
export type SignedBurnsPolicy = 'require' | 'accept-unsigned';

export type GateDecision = { pass: true } | { pass: false; reason: BatchRefusal };

/**
 * The signature gate in front of burn staging (docs/verification.md "Signed burns"): a batch whose
 * signature does not verify against the site's keys is refused under either policy; one without a
 * signature (or from a site with no enrolled key, which cannot sign verifiably) is refused only when
 * signatures are required.
 */
export async function gateBurnBatch(
  keys: { verify(siteId: string, batch: SignableBurnBatch): Promise<BatchVerdict> },
  policy: SignedBurnsPolicy,
  siteId: string,
  batch: SignableBurnBatch,
): Promise<GateDecision> {
  const v = await keys.verify(siteId, batch);
  if (v.ok) return { pass: true };
  if (policy === 'accept-unsigned' && v.reason !== 'forged') return { pass: true };
  return { pass: false, reason: v.reason };
}
