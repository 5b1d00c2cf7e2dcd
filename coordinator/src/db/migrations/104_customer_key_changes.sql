-- Customer API keys issued or revoked through one coordinator replica must reach the others
-- without a restart: each issue and revocation takes the next number of this sequence, and each
-- replica polls for numbers above the last it applied (coordinator/src/fleet/change-feed.ts).
CREATE SEQUENCE IF NOT EXISTS customer_key_change_seq;
ALTER TABLE customer_api_keys ADD COLUMN IF NOT EXISTS change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS customer_api_keys_change_seq ON customer_api_keys (change_seq);
