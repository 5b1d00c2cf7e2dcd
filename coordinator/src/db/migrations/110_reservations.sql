-- Reservations (compute futures, issue #16; docs/market.md "Reservations"): a customer books slots of
-- a class (region / sites, accelerator kinds, domestic-only) for a window [start, end) at a price fixed
-- at booking. The price is held in escrow at booking and leaves it exactly once:
--   escrow:R   the price of reservation R, held from booking until it is cancelled or its window ends
--              (never negative): customer → escrow (reservation_hold); on cancellation escrow →
--              customer (reservation_refund) and the fee escrow → revenue (reservation_fee); at the
--              window's end escrow → revenue (reservation_commit).
--   revenue    the coordinator's own earnings from reservation prices and fees (never negative).
ALTER TABLE accounts DROP CONSTRAINT accounts_kind_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_kind_check
  CHECK (kind IN ('mint', 'customer', 'hold', 'site', 'debt', 'dispute', 'escrow', 'revenue'));
ALTER TABLE accounts DROP CONSTRAINT accounts_balance_sign;
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_sign CHECK (
  (kind IN ('customer', 'hold', 'site', 'dispute', 'escrow', 'revenue') AND balance >= 0)
  OR (kind IN ('mint', 'debt') AND balance <= 0)
);
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
  CHECK (kind IN ('top_up', 'hold', 'burn', 'burn_debt', 'release', 'debt_settle', 'burn_disputed', 'dispute_paid',
                  'dispute_rejected', 'earnings_disputed', 'reservation_hold', 'reservation_refund',
                  'reservation_fee', 'reservation_commit'));

-- One row per booking. site_ids are the sites of its class when it was booked; site_slots their
-- declared slots then (a site that later leaves the registry keeps counting at that figure for the
-- bookings that were sold against it). The escrow account holds price - refunded - fee - committed.
CREATE TABLE IF NOT EXISTS reservations (
  id              TEXT PRIMARY KEY,
  customer_id     TEXT NOT NULL,
  region          TEXT NOT NULL DEFAULT '',
  requested_sites TEXT[] NOT NULL DEFAULT '{}',
  accelerator_kinds TEXT[] NOT NULL DEFAULT '{}',
  domestic_only   BOOLEAN NOT NULL DEFAULT false,
  site_ids        TEXT[] NOT NULL,
  site_slots      JSONB NOT NULL,
  slots           INTEGER NOT NULL CHECK (slots > 0),
  start_ms        BIGINT NOT NULL,
  end_ms          BIGINT NOT NULL,
  price           BIGINT NOT NULL CHECK (price > 0),
  status          TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'settled')),
  refunded        BIGINT NOT NULL DEFAULT 0 CHECK (refunded >= 0),
  fee             BIGINT NOT NULL DEFAULT 0 CHECK (fee >= 0),
  committed       BIGINT NOT NULL DEFAULT 0 CHECK (committed >= 0),
  -- The customer's own reference for the booking: a retried request with the same ref books once.
  ref             TEXT,
  created_at_ms   BIGINT NOT NULL,
  closed_at_ms    BIGINT,
  CHECK (end_ms > start_ms),
  CHECK (refunded + fee + committed <= price),
  CHECK (status <> 'booked' OR refunded + fee + committed = 0),
  CHECK (status = 'booked' OR refunded + fee + committed = price)
);
CREATE INDEX IF NOT EXISTS reservations_booked_window ON reservations (end_ms) WHERE status = 'booked';
CREATE INDEX IF NOT EXISTS reservations_customer ON reservations (customer_id, created_at_ms);
CREATE UNIQUE INDEX IF NOT EXISTS reservations_ref ON reservations (customer_id, ref) WHERE ref IS NOT NULL;
