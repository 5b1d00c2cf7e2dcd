-- The MIG instance a burn was metered on (burn.proto field 12, docs/protocol.md): '' for a record
-- without one (a whole device, and every record stored before the field existed), which hashes as
-- 'ef-burn-v1'; a non-empty one hashes as 'ef-burn-v2' (BURN_HASH_SQL in ledger/burn-record.ts).
ALTER TABLE burns ADD COLUMN IF NOT EXISTS mig_instance_uuid TEXT NOT NULL DEFAULT '';

-- A burn naming a MIG instance other than the one its lease is pinned to is disputed as
-- 'wrong_instance' (reconcile-plan.ts), counted in the site report like the other reasons.
ALTER TABLE burns DROP CONSTRAINT IF EXISTS burns_disputed_by_transfer;
ALTER TABLE burns ADD CONSTRAINT burns_disputed_by_transfer
  CHECK (disputed >= 0 AND (disputed > 0) = (dispute_transfer_id IS NOT NULL) AND (disputed > 0) = (dispute_reason IS NOT NULL)
         AND (dispute_reason IS NULL OR dispute_reason IN ('wrong_instance', 'outside_lease', 'over_rate', 'over_hold')));
ALTER TABLE reconciliation_site_reports ADD COLUMN IF NOT EXISTS wrong_instance bigint NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_site_reports ADD COLUMN IF NOT EXISTS wrong_instance_micro_tokens bigint NOT NULL DEFAULT 0;
