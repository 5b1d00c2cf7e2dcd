-- Burns are written once (see docs/ledger.md, "Fast path"): an in-order batch is inserted already
-- decided, and only what falls back to staging is updated later by reconciliation. The free room
-- left on every page for HOT updates of staged rows (fillfactor 50, 005_reconcile_hot.sql) doubled
-- the pages every burn insert writes; rows that are staged still get HOT updates while their page
-- has room. Applies to pages written from now on.
ALTER TABLE burns SET (fillfactor = 100);
