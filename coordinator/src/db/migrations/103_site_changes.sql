-- Changes to an enrolled site that every coordinator replica must follow without a restart (a new
-- tariff, a revocation). Each change takes the next number of one sequence; each replica polls for
-- numbers above the last one it applied (coordinator/src/fleet/change-feed.ts).
CREATE SEQUENCE IF NOT EXISTS site_change_seq;
ALTER TABLE sites ADD COLUMN IF NOT EXISTS change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS sites_change_seq ON sites (change_seq);
