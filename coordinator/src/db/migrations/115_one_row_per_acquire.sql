-- One durable row per Acquire (issue #17 item 1; docs/ledger.md "One row per Acquire"): a hold
-- decided against a replica's slice carries the columns of its first lease, so the Acquire that
-- placed it writes that one row (no lease row, no foreign-key check, no lock on the hold for it).
-- Every other lease (a hedge, a lease moved to another site, every lease of a hold placed without
-- slices or before this migration) is a row of lease_rows, the table formerly called leases.
-- `leases` becomes a view over both, with the columns it always had, so every reader is unchanged;
-- the three statements that change a lease (burned, expiry on renewal, ended) update both tables.
-- A lease id is unique in each table (lease_rows' key, holds_lease); the writers check the other.
ALTER TABLE leases RENAME TO lease_rows;

ALTER TABLE holds
  ADD COLUMN IF NOT EXISTS lease_id text,
  ADD COLUMN IF NOT EXISTS lease_site_id text,
  ADD COLUMN IF NOT EXISTS lease_model text,
  ADD COLUMN IF NOT EXISTS lease_budget bigint CHECK (lease_budget IS NULL OR lease_budget >= 0),
  ADD COLUMN IF NOT EXISTS lease_burned bigint,
  ADD COLUMN IF NOT EXISTS lease_issued_at_ms bigint,
  ADD COLUMN IF NOT EXISTS lease_expires_at_ms bigint,
  ADD COLUMN IF NOT EXISTS lease_slot_fraction double precision
    CHECK (lease_slot_fraction IS NULL OR (lease_slot_fraction > 0 AND lease_slot_fraction <= 1)),
  ADD COLUMN IF NOT EXISTS lease_multiplier double precision
    CHECK (lease_multiplier IS NULL OR lease_multiplier > 0),
  ADD COLUMN IF NOT EXISTS lease_isolation text,
  ADD COLUMN IF NOT EXISTS lease_slot text,
  ADD COLUMN IF NOT EXISTS lease_accelerator_model text,
  ADD COLUMN IF NOT EXISTS lease_mig_instance_uuid text,
  ADD COLUMN IF NOT EXISTS lease_ended_at_ms bigint;

-- A hold either carries no lease or all of a lease's required columns.
ALTER TABLE holds ADD CONSTRAINT holds_lease_complete CHECK (
  lease_id IS NULL OR (
    lease_site_id IS NOT NULL AND lease_model IS NOT NULL AND lease_budget IS NOT NULL
    AND lease_burned IS NOT NULL AND lease_issued_at_ms IS NOT NULL AND lease_expires_at_ms IS NOT NULL
    AND lease_isolation IS NOT NULL AND lease_slot IS NOT NULL AND lease_accelerator_model IS NOT NULL
    AND lease_mig_instance_uuid IS NOT NULL
  )
);

CREATE UNIQUE INDEX IF NOT EXISTS holds_lease ON holds (lease_id) WHERE lease_id IS NOT NULL;

CREATE VIEW leases AS
  SELECT id, hold_id, site_id, customer_id, model, budget, burned, issued_at_ms, expires_at_ms,
         slot_fraction, multiplier, isolation, slot, accelerator_model, mig_instance_uuid, ended_at_ms
    FROM lease_rows
  UNION ALL
  SELECT lease_id, id, lease_site_id, customer_id, lease_model, lease_budget, lease_burned,
         lease_issued_at_ms, lease_expires_at_ms, lease_slot_fraction, lease_multiplier,
         lease_isolation, lease_slot, lease_accelerator_model, lease_mig_instance_uuid, lease_ended_at_ms
    FROM holds WHERE lease_id IS NOT NULL;
