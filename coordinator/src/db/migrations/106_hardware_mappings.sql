-- Operator mappings for hardware the profile table does not know: a model string as the vendor
-- tool prints it (keyed case- and space-insensitively) → a profile id of the coordinator's table.
-- Until a model string is mapped, a site reporting it is not routable (docs/routing.md). Each
-- mapping made through one replica takes the next change number, and every replica polls for
-- numbers above the last it applied (coordinator/src/fleet/change-feed.ts).
CREATE SEQUENCE IF NOT EXISTS hardware_mapping_change_seq;
CREATE TABLE IF NOT EXISTS hardware_mappings (
  model_key     TEXT PRIMARY KEY,
  model_string  TEXT NOT NULL,
  profile_id    TEXT NOT NULL,
  created_by    TEXT NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  change_seq    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS hardware_mappings_change_seq ON hardware_mappings (change_seq);
