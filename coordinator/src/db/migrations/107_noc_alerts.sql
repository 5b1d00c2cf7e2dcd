-- NOC alerts shared by every coordinator replica (coordinator/src/noc/alert-store.ts). One row per
-- condition (kind + site): raised, held, resolved, raised again. An operator's acknowledgement stays
-- on the row until the condition resolves; a new occurrence starts unacknowledged.
CREATE TABLE IF NOT EXISTS noc_alerts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  site_id TEXT NOT NULL,
  message TEXT NOT NULL,
  first_seen_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL,
  resolved_at_ms BIGINT,
  acked_at_ms BIGINT,
  acked_by TEXT
);
CREATE INDEX IF NOT EXISTS noc_alerts_active ON noc_alerts (resolved_at_ms) WHERE resolved_at_ms IS NULL;
CREATE INDEX IF NOT EXISTS noc_alerts_resolved ON noc_alerts (resolved_at_ms DESC) WHERE resolved_at_ms IS NOT NULL;
