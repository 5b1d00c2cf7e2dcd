-- A record that breaks the burn-record schema (a lease id too long, an interval that ends before it
-- starts…) but is authentic — its own hash is right and it names a place in the site's chain — is
-- refused with its reason AND decided: it is staged with its content cleared and `refused` set, the
-- chain head moves past it, and the site is acked so it stops resending it (an agent whose outbox was
-- written under older limits is never stuck behind one record). Nothing is posted for it; the record
-- as sent is kept in burn_rejects. A record whose hash is wrong still stops the chain (tampered).
ALTER TABLE burns ADD COLUMN refused text;
ALTER TABLE burns DROP CONSTRAINT burns_status_check;
ALTER TABLE burns ADD CONSTRAINT burns_status_check
  CHECK (status IN ('staged', 'accepted', 'over_budget', 'late', 'unknown_lease', 'tampered', 'hold_closed', 'disputed', 'refused'));
ALTER TABLE reconciliation_site_reports ADD COLUMN refused bigint NOT NULL DEFAULT 0;
ALTER TABLE burn_rejects DROP CONSTRAINT burn_rejects_reason_check;
ALTER TABLE burn_rejects ADD CONSTRAINT burn_rejects_reason_check
  CHECK (reason IN ('conflict', 'invalid', 'superseded', 'refused'));
