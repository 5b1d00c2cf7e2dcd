-- Acquire without SQL (issue #17 item 1; docs/ledger.md "Slices"): each coordinator replica decides
-- holds in memory against its own slice of a customer's balance, escrowed on
--   slice:{replicaId}:{customerId}   the customer's µT this replica may place holds from (never
--              negative): customer → slice (slice_fund), slice → hold:{id} (hold, written with the
--              lease row that made it durable), slice → customer (slice_return: idle, at the
--              replica's start and close, or swept by another replica once this one is gone).
-- A slice is the customer's money: the balance a customer is shown counts it as available.
ALTER TABLE accounts DROP CONSTRAINT accounts_kind_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_kind_check
  CHECK (kind IN ('mint', 'customer', 'hold', 'site', 'debt', 'dispute', 'escrow', 'revenue', 'slice'));
ALTER TABLE accounts DROP CONSTRAINT accounts_balance_sign;
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_sign CHECK (
  (kind IN ('customer', 'hold', 'site', 'dispute', 'escrow', 'revenue', 'slice') AND balance >= 0)
  OR (kind IN ('mint', 'debt') AND balance <= 0)
);
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
  CHECK (kind IN ('top_up', 'hold', 'burn', 'burn_debt', 'release', 'debt_settle', 'burn_disputed', 'dispute_paid',
                  'dispute_rejected', 'earnings_disputed', 'reservation_hold', 'reservation_refund',
                  'reservation_fee', 'reservation_commit', 'package_purchase', 'package_expired',
                  'slice_fund', 'slice_return'));

-- Whose slice an account is (written once, when the slice is first funded).
CREATE TABLE IF NOT EXISTS ledger_slices (
  account_id  TEXT PRIMARY KEY,
  replica_id  TEXT NOT NULL,
  customer_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_slices_customer ON ledger_slices (customer_id);
CREATE INDEX IF NOT EXISTS ledger_slices_replica ON ledger_slices (replica_id);

-- Each replica's heartbeat: a replica not seen for longer than its bound has its slices swept back
-- to their customers by any other replica.
CREATE TABLE IF NOT EXISTS ledger_replicas (
  replica_id    TEXT PRIMARY KEY,
  started_at_ms BIGINT NOT NULL,
  seen_at_ms    BIGINT NOT NULL
);
