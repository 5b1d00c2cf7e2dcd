-- Reconciliation posts one aggregate transfer per (hold, site) and one per (customer's debt, site)
-- per reconcile chunk instead of one per burn (see docs/ledger.md, "Postings and provenance").
-- Provenance stays per burn: every burns row keeps site, seq, lease, accelerator, amount and hash,
-- plus the id of the transfer that posted its hold part (transfer_id) and its debt part
-- (debt_transfer_id). An aggregate transfer names the seq range of its burns
-- [burn_seq, burn_seq_to] on its site, so burns → transfer and transfer → burns both go through the
-- burns primary key (no index on the transfer ids: deciding a burn stays a HOT update).
-- Legacy per-burn transfers keep burn_seq_to NULL.
ALTER TABLE burns ADD COLUMN transfer_id bigint;
ALTER TABLE burns ADD COLUMN debt_transfer_id bigint;
ALTER TABLE transfers ADD COLUMN burn_seq_to bigint;
ALTER TABLE transfers ADD COLUMN burn_count bigint;
-- A burn names a transfer exactly for the part it posted (checked on every new decision; rows
-- decided before this migration were posted by per-burn transfers and carry no id).
ALTER TABLE burns ADD CONSTRAINT burns_posted_by_transfer
  CHECK ((posted_from_hold > 0) = (transfer_id IS NOT NULL) AND (posted_as_debt > 0) = (debt_transfer_id IS NOT NULL)) NOT VALID;
ALTER TABLE transfers ADD CONSTRAINT transfers_burn_range
  CHECK (burn_seq_to IS NULL OR (burn_seq IS NOT NULL AND burn_seq_to >= burn_seq AND burn_count > 0)) NOT VALID;
