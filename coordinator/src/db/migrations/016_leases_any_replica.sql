-- Leases served by any coordinator replica (coordinator/src/leases/shared-holds.ts). A replica that
-- did not grant a hold renews, releases and watches it from these rows: each lease keeps what its
-- token and its Lease message carry (isolation, the admitted slot), and a lease moved off a lost site
-- is marked ended. Renew and Release take the next number of hold_change_seq, so every replica
-- follows the holds it serves without a restart (a ChangeFeed, as sites follow 103).
ALTER TABLE leases ADD COLUMN IF NOT EXISTS isolation TEXT NOT NULL DEFAULT '';
ALTER TABLE leases ADD COLUMN IF NOT EXISTS slot TEXT NOT NULL DEFAULT '';
ALTER TABLE leases ADD COLUMN IF NOT EXISTS accelerator_model TEXT NOT NULL DEFAULT '';
ALTER TABLE leases ADD COLUMN IF NOT EXISTS mig_instance_uuid TEXT NOT NULL DEFAULT '';
ALTER TABLE leases ADD COLUMN IF NOT EXISTS ended_at_ms BIGINT;
CREATE SEQUENCE IF NOT EXISTS hold_change_seq;
ALTER TABLE holds ADD COLUMN IF NOT EXISTS change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS holds_change_seq ON holds (change_seq) WHERE change_seq > 0;
