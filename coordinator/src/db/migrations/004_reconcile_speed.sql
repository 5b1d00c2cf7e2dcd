-- Reconciliation throughput (see docs/ledger.md, "Throughput"):
-- * burns_lease was never used by any query, but every staged burn and every decided one paid for it.
-- * The two foreign keys of transfers cost two row lookups + key-share locks per posted transfer.
--   Every posting path (postTransfers) creates and row-locks its accounts in the same transaction
--   before inserting transfers, and checkInvariants() re-checks that every transfer names an
--   existing account; the database-level check is dropped for speed.
DROP INDEX burns_lease;
ALTER TABLE transfers DROP CONSTRAINT transfers_debit_account_fkey;
ALTER TABLE transfers DROP CONSTRAINT transfers_credit_account_fkey;
