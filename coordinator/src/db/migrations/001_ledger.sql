-- The token ledger: double-entry, integer micro-tokens (µT), immutable transfers.
-- One dialect for PostgreSQL and PGlite. Amounts are BIGINT; the query layer turns them into numbers.

-- Accounts and their balances. A transfer moves `amount` from debit_account (balance goes down)
-- to credit_account (balance goes up), so the sum of all balances is always 0.
--   mint        issuance, goes negative as tokens are minted
--   customer:X  available balance of customer X            (never negative)
--   hold:H      pending two-phase hold H of a lease budget (never negative)
--   site:S      earnings of site S                         (never negative)
--   debt:X      burns of customer X that found no hold     (never positive: negative = owed)
CREATE TABLE accounts (
  id       text PRIMARY KEY,
  kind     text NOT NULL CHECK (kind IN ('mint', 'customer', 'hold', 'site', 'debt')),
  balance  bigint NOT NULL DEFAULT 0,
  CONSTRAINT accounts_balance_sign CHECK (
    (kind IN ('customer', 'hold', 'site') AND balance >= 0) OR (kind IN ('mint', 'debt') AND balance <= 0)
  )
);

CREATE TABLE transfers (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('top_up', 'hold', 'burn', 'burn_debt', 'release')),
  debit_account      text NOT NULL REFERENCES accounts (id),
  credit_account     text NOT NULL REFERENCES accounts (id),
  amount             bigint NOT NULL CHECK (amount > 0),
  ref                text,
  hold_id            text,
  lease_id           text,
  site_id            text,
  burn_seq           bigint,
  accelerator_model  text,
  accelerator_serial text,
  run_id             text,
  created_at_ms      bigint NOT NULL,
  CHECK (debit_account <> credit_account)
);
CREATE INDEX transfers_debit ON transfers (debit_account);
CREATE INDEX transfers_credit ON transfers (credit_account);
-- A top-up reference is credited once per customer (a retried payment is not paid twice).
CREATE UNIQUE INDEX transfers_top_up_ref ON transfers (credit_account, ref) WHERE kind = 'top_up';
-- A burn record is posted at most once from its hold and once as debt: no double posting, ever.
CREATE UNIQUE INDEX transfers_burn_once ON transfers (site_id, burn_seq, kind) WHERE kind IN ('burn', 'burn_debt');

-- Entries are immutable; corrections are new entries.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger: rows of % are immutable; corrections are new entries', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER transfers_immutable BEFORE UPDATE OR DELETE ON transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER transfers_no_truncate BEFORE TRUNCATE ON transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Two-phase holds of lease budgets. The hold account's balance is amount - posted - released.
CREATE TABLE holds (
  id            text PRIMARY KEY,
  customer_id   text NOT NULL,
  amount        bigint NOT NULL CHECK (amount > 0),
  posted        bigint NOT NULL DEFAULT 0 CHECK (posted >= 0),
  released      bigint NOT NULL DEFAULT 0 CHECK (released >= 0),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'released', 'expired')),
  expires_at_ms bigint NOT NULL,
  created_at_ms bigint NOT NULL,
  closed_at_ms  bigint,
  CHECK (posted + released <= amount)
);
CREATE INDEX holds_pending_expiry ON holds (expires_at_ms) WHERE status = 'pending';
CREATE INDEX holds_pending_customer ON holds (customer_id) WHERE status = 'pending';

-- Leases (a primary and its hedges may share one hold); burns are validated against them.
CREATE TABLE leases (
  id            text PRIMARY KEY,
  hold_id       text NOT NULL REFERENCES holds (id),
  site_id       text NOT NULL,
  customer_id   text NOT NULL,
  model         text NOT NULL,
  budget        bigint NOT NULL CHECK (budget >= 0),
  burned        bigint NOT NULL DEFAULT 0,
  issued_at_ms  bigint NOT NULL,
  expires_at_ms bigint NOT NULL
);
CREATE INDEX leases_hold ON leases (hold_id);

-- Every burn record ever received from a site, staged first, then decided by reconciliation.
-- Never deleted: the status says what became of it.
CREATE TABLE burns (
  site_id            text NOT NULL,
  seq                bigint NOT NULL CHECK (seq > 0),
  lease_id           text NOT NULL,
  accelerator_model  text NOT NULL,
  accelerator_serial text NOT NULL,
  slot               text NOT NULL,
  started_at_ms      bigint NOT NULL,
  ended_at_ms        bigint NOT NULL,
  micro_tokens       bigint NOT NULL CHECK (micro_tokens >= 0),
  prev_hash          text NOT NULL,
  hash               text NOT NULL,
  status             text NOT NULL DEFAULT 'staged'
                     CHECK (status IN ('staged', 'accepted', 'over_budget', 'late', 'unknown_lease', 'tampered')),
  problem            text,
  posted_from_hold   bigint NOT NULL DEFAULT 0,
  posted_as_debt     bigint NOT NULL DEFAULT 0,
  staged_at_ms       bigint NOT NULL,
  decided_at_ms      bigint,
  run_id             text,
  PRIMARY KEY (site_id, seq)
);
CREATE INDEX burns_staged ON burns (site_id, seq) WHERE status = 'staged';
CREATE INDEX burns_lease ON burns (lease_id);

-- Records refused at the door or displaced: a conflicting resend of a seq (same id, other content),
-- a record that failed validation, or a tampered record superseded by a correct resend.
CREATE TABLE burn_rejects (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id        text NOT NULL,
  seq            bigint,
  reason         text NOT NULL CHECK (reason IN ('conflict', 'invalid', 'superseded')),
  record         jsonb NOT NULL,
  detail         text,
  received_at_ms bigint NOT NULL
);
CREATE INDEX burn_rejects_site ON burn_rejects (site_id, seq);

-- Per-site hash-chain head: the last posted seq and its hash (the ack high-water mark), plus what
-- staging saw since the last run (duplicates, tampered) so the next report can tell.
CREATE TABLE site_chains (
  site_id           text PRIMARY KEY,
  head_seq          bigint NOT NULL DEFAULT 0,
  head_hash         text NOT NULL,
  pending_duplicate bigint NOT NULL DEFAULT 0,
  pending_tampered  bigint NOT NULL DEFAULT 0,
  updated_at_ms     bigint NOT NULL
);

CREATE TABLE reconciliation_runs (
  id             text PRIMARY KEY,
  n              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  started_at_ms  bigint NOT NULL,
  finished_at_ms bigint
);

CREATE TABLE reconciliation_site_reports (
  run_id                text NOT NULL REFERENCES reconciliation_runs (id),
  site_id               text NOT NULL,
  accepted              bigint NOT NULL DEFAULT 0,
  accepted_micro_tokens bigint NOT NULL DEFAULT 0,
  duplicate             bigint NOT NULL DEFAULT 0,
  gap                   bigint NOT NULL DEFAULT 0,
  over_budget           bigint NOT NULL DEFAULT 0,
  unknown_lease         bigint NOT NULL DEFAULT 0,
  late                  bigint NOT NULL DEFAULT 0,
  tampered              bigint NOT NULL DEFAULT 0,
  acked_seq             bigint NOT NULL DEFAULT 0,
  resend_from           bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, site_id)
);
