-- Token packages (docs/market.md, "Token packages"): an operator's offer of µT for a price in integer
-- minor units of an ISO 4217 currency, valid for a duration after purchase. A definition never
-- changes (a purchase keeps a copy of its terms anyway).
CREATE TABLE IF NOT EXISTS token_packages (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  micro_tokens  BIGINT NOT NULL CHECK (micro_tokens > 0),
  currency      TEXT NOT NULL,
  price_minor   BIGINT NOT NULL CHECK (price_minor >= 0),
  valid_ms      BIGINT NOT NULL CHECK (valid_ms > 0),
  created_at_ms BIGINT NOT NULL,
  created_by    TEXT
);

-- One row per purchase, keyed by the caller's purchase id (a retried request credits once). The
-- credit is the transfer `transfer_id` (mint → customer:{id}, kind package_purchase); at expiry the
-- unspent remainder leaves by `expire_transfer_id` (customer:{id} → mint, kind package_expired).
CREATE TABLE IF NOT EXISTS package_purchases (
  purchase_id          TEXT PRIMARY KEY,
  customer_id          TEXT NOT NULL,
  package_id           TEXT NOT NULL REFERENCES token_packages (id),
  micro_tokens         BIGINT NOT NULL CHECK (micro_tokens > 0),
  currency             TEXT NOT NULL,
  price_minor          BIGINT NOT NULL CHECK (price_minor >= 0),
  purchased_at_ms      BIGINT NOT NULL,
  expires_at_ms        BIGINT NOT NULL,
  purchased_by         TEXT,
  transfer_id          BIGINT REFERENCES transfers (id),
  expired_at_ms        BIGINT,
  expired_micro_tokens BIGINT CHECK (expired_micro_tokens >= 0 AND expired_micro_tokens <= micro_tokens),
  expire_transfer_id   BIGINT REFERENCES transfers (id),
  CHECK ((expired_at_ms IS NULL) = (expired_micro_tokens IS NULL))
);
CREATE INDEX IF NOT EXISTS package_purchases_customer ON package_purchases (customer_id, purchased_at_ms);
CREATE INDEX IF NOT EXISTS package_purchases_due ON package_purchases (expires_at_ms) WHERE expired_at_ms IS NULL;
CREATE INDEX IF NOT EXISTS package_purchases_transfer ON package_purchases (transfer_id);

ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
  CHECK (kind IN ('top_up', 'hold', 'burn', 'burn_debt', 'release', 'debt_settle', 'burn_disputed', 'dispute_paid', 'dispute_rejected', 'earnings_disputed', 'reservation_hold', 'reservation_refund',
                  'reservation_fee', 'reservation_commit', 'package_purchase', 'package_expired'));
