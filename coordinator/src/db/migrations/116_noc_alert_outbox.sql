-- NOC alert webhook events waiting for delivery (coordinator/src/noc/alert-outbox.ts). A row is
-- written in the same transaction as the alert change it reports (raised, resolved, acknowledged),
-- so a coordinator that stops or crashes before the receiver took it delivers it after its restart,
-- or another replica does. Only the oldest row is ever attempted, by one replica at a time (claimed
-- until claimed_until_ms), so events arrive in order; a delivered or abandoned row is deleted.
CREATE TABLE IF NOT EXISTS noc_alert_outbox (
  seq BIGSERIAL PRIMARY KEY,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at_ms BIGINT NOT NULL DEFAULT 0,
  claimed_by TEXT,
  claimed_until_ms BIGINT
);
