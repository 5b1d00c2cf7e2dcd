-- Reconciliation throughput, step 2 (see docs/ledger.md, "Throughput"):
-- * Work is found from site_chains (staged_up_to > head_seq: staged records lie in (head, staged_up_to]),
--   so the partial index burns_staged can go. With it gone (its predicate named `status`) and free
--   room on each page (fillfactor), deciding a burn is a HOT update: no index entry is written.
ALTER TABLE site_chains ADD COLUMN staged_up_to bigint NOT NULL DEFAULT 0;
UPDATE site_chains c SET staged_up_to = s.m
  FROM (SELECT site_id, max(seq) AS m FROM burns WHERE status = 'staged' GROUP BY site_id) s
 WHERE s.site_id = c.site_id;
DROP INDEX burns_staged;
ALTER TABLE burns SET (fillfactor = 50);
