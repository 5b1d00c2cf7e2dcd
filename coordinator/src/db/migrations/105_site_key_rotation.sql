-- Site key rotation (docs/verification.md "Rotation"): a site registers a new Ed25519 burn-signing
-- key with its secret; the key it replaces keeps verifying burn batches until prev_key_until_ms,
-- so batches signed before the rotation and still in flight are not refused.
ALTER TABLE sites ADD COLUMN IF NOT EXISTS prev_public_key_pem TEXT;
ALTER TABLE sites ADD COLUMN IF NOT EXISTS prev_key_until_ms BIGINT;
