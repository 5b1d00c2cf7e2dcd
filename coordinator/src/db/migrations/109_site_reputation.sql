-- Spot-check reputation (docs/verification.md, "Spot-checks"): one row per site that has had a
-- canary, shared by every replica. Each change takes the next change number, and every replica polls
-- for numbers above the last it applied (as hardware mappings and site changes do).
CREATE SEQUENCE IF NOT EXISTS site_reputation_change_seq;
CREATE TABLE IF NOT EXISTS site_reputation (
  site_id         TEXT PRIMARY KEY,
  reputation      DOUBLE PRECISION NOT NULL CHECK (reputation >= 0 AND reputation <= 1),
  -- Drained by its reputation: not routable, earnings held on dispute:{site}, until an operator reinstates it.
  quarantined     BOOLEAN NOT NULL DEFAULT false,
  passes          BIGINT NOT NULL DEFAULT 0,
  wrong           BIGINT NOT NULL DEFAULT 0,
  slow            BIGINT NOT NULL DEFAULT 0,
  errors          BIGINT NOT NULL DEFAULT 0,
  last_verdict    TEXT,
  last_detail     TEXT,
  last_check_ms   BIGINT NOT NULL DEFAULT 0,
  quarantined_at_ms BIGINT,
  reinstated_at_ms  BIGINT,
  reinstated_by   TEXT,
  change_seq      BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS site_reputation_change_seq_idx ON site_reputation (change_seq);

-- A drained site's unsettled earnings move to its dispute account (site:S → dispute:S) until an
-- operator decides; 'pay' gives them back (dispute_paid), 'reject' returns them to the mint.
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
  CHECK (kind IN ('top_up', 'hold', 'burn', 'burn_debt', 'release', 'debt_settle', 'burn_disputed', 'dispute_paid', 'dispute_rejected', 'earnings_disputed'));
