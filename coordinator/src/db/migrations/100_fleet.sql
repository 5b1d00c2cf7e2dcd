-- Enrolled sites and single-use enrollment codes (secrets and codes stored as sha256 only).
CREATE TABLE IF NOT EXISTS sites (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  region         TEXT NOT NULL DEFAULT '',
  lat            DOUBLE PRECISION NOT NULL DEFAULT 0,
  lon            DOUBLE PRECISION NOT NULL DEFAULT 0,
  secret_hash    TEXT NOT NULL,
  public_key_pem TEXT,
  tariff         JSONB NOT NULL DEFAULT '[]',
  enrolled_at_ms BIGINT NOT NULL,
  revoked_at_ms  BIGINT
);

CREATE TABLE IF NOT EXISTS enrollment_codes (
  code_hash     TEXT PRIMARY KEY,
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  used_at_ms    BIGINT,
  site_id       TEXT,
  created_by    TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT ''
);
