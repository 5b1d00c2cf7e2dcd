-- Fewer rows per Acquire (issue #17 item 1; docs/ledger.md "Slices"): a hold decided against a
-- replica's slice no longer has an account and a transfer of its own. Its µT sit on
--   held:{replicaId}:{customerId}   what the holds a replica placed from its slice of a customer's
--              balance still hold: slice → held (one 'hold' transfer per slice per group-committed
--              batch, hold_id NULL), held → site (burn, per hold as before), held → customer (release).
-- The hold row says which account holds it (holds.account; NULL: its own hold:{id}, as every hold
-- placed before this migration and every hold placed without slices). Its remainder is still
-- amount − posted − released on its row; the held account's balance is the sum of the remainders of
-- its holds (checkInvariants), and the CHECK (posted + released <= amount) keeps any one hold from
-- paying out more than it holds.
ALTER TABLE holds ADD COLUMN IF NOT EXISTS account TEXT;
ALTER TABLE accounts DROP CONSTRAINT accounts_kind_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_kind_check
  CHECK (kind IN ('mint', 'customer', 'hold', 'site', 'debt', 'dispute', 'escrow', 'revenue', 'slice', 'held'));
ALTER TABLE accounts DROP CONSTRAINT accounts_balance_sign;
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_sign CHECK (
  (kind IN ('customer', 'hold', 'site', 'dispute', 'escrow', 'revenue', 'slice', 'held') AND balance >= 0)
  OR (kind IN ('mint', 'debt') AND balance <= 0)
);
