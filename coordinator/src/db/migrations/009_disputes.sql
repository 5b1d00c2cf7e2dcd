-- A site is paid only for what it can show (docs/ledger.md, "Bounds and disputes"). A burn is posted
-- to its site only within its lease's bounds (lease window, duration × slot fraction × multiplier,
-- the hold); what breaks a bound is held on the site's dispute account until an operator decides,
-- and is never charged to the customer.
--   dispute:S   what site S claimed beyond its bounds (never negative): funded from the mint
--               (kind burn_disputed), paid to the site (dispute_paid) or returned to the mint
--               (dispute_rejected) by an operator's decision.
ALTER TABLE accounts DROP CONSTRAINT accounts_kind_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_kind_check CHECK (kind IN ('mint', 'customer', 'hold', 'site', 'debt', 'dispute'));
ALTER TABLE accounts DROP CONSTRAINT accounts_balance_sign;
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_sign CHECK (
  (kind IN ('customer', 'hold', 'site', 'dispute') AND balance >= 0) OR (kind IN ('mint', 'debt') AND balance <= 0)
);
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
  CHECK (kind IN ('top_up', 'hold', 'burn', 'burn_debt', 'release', 'debt_settle', 'burn_disputed', 'dispute_paid', 'dispute_rejected'));
-- A disputed part of a burn is held once (one aggregate per site and chunk, named by its first seq).
CREATE UNIQUE INDEX transfers_dispute_once ON transfers (site_id, burn_seq) WHERE kind = 'burn_disputed';
-- An operator's decision is carried out once per (dispute account, ref).
CREATE UNIQUE INDEX transfers_dispute_decision_ref ON transfers (debit_account, ref) WHERE kind IN ('dispute_paid', 'dispute_rejected');

-- Burn statuses from now on: accepted (all from the hold), hold_closed (honest work inside the lease
-- whose hold the coordinator closed early: posted as debt within the lease budget), disputed (some or
-- all of it held on the dispute account). over_budget and late are kept for rows decided before.
ALTER TABLE burns DROP CONSTRAINT burns_status_check;
ALTER TABLE burns ADD CONSTRAINT burns_status_check
  CHECK (status IN ('staged', 'accepted', 'over_budget', 'late', 'unknown_lease', 'tampered', 'hold_closed', 'disputed'));
ALTER TABLE burns ADD COLUMN disputed bigint NOT NULL DEFAULT 0;
-- The first bound the burn broke (a burn may break several; the report splits its µT by reason).
ALTER TABLE burns ADD COLUMN dispute_reason text;
ALTER TABLE burns ADD COLUMN dispute_transfer_id bigint;
ALTER TABLE burns ADD CONSTRAINT burns_disputed_by_transfer
  CHECK (disputed >= 0 AND (disputed > 0) = (dispute_transfer_id IS NOT NULL) AND (disputed > 0) = (dispute_reason IS NOT NULL)
         AND (dispute_reason IS NULL OR dispute_reason IN ('outside_lease', 'over_rate', 'over_hold')));

-- What the lease's slot can do: a burn is bounded by duration × slot_fraction × multiplier. Recorded
-- at registration from the coordinator's own registry (never from a burn record); NULL on leases
-- registered before this migration, for which only that bound is skipped.
ALTER TABLE leases ADD COLUMN slot_fraction double precision CHECK (slot_fraction IS NULL OR (slot_fraction > 0 AND slot_fraction <= 1));
ALTER TABLE leases ADD COLUMN multiplier double precision CHECK (multiplier IS NULL OR multiplier > 0);

ALTER TABLE reconciliation_site_reports ADD COLUMN hold_closed bigint NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_site_reports ADD COLUMN disputed bigint NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_site_reports ADD COLUMN disputed_micro_tokens bigint NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_site_reports ADD COLUMN outside_lease bigint NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_site_reports ADD COLUMN outside_lease_micro_tokens bigint NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_site_reports ADD COLUMN over_rate bigint NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_site_reports ADD COLUMN over_rate_micro_tokens bigint NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_site_reports ADD COLUMN over_hold bigint NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_site_reports ADD COLUMN over_hold_micro_tokens bigint NOT NULL DEFAULT 0;
