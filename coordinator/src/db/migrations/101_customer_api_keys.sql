-- API keys that vehicle fleets (customers) present to the LeaseBroker; stored as sha256 only.
CREATE TABLE IF NOT EXISTS customer_api_keys (
  id            TEXT PRIMARY KEY,
  customer_id   TEXT NOT NULL,
  token_hash    TEXT NOT NULL UNIQUE,
  note          TEXT NOT NULL DEFAULT '',
  created_by    TEXT NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT
);
CREATE INDEX IF NOT EXISTS customer_api_keys_customer ON customer_api_keys (customer_id);
