-- Release of a hold is two-step: the lease ends at once, the hold's remainder is voided once
-- the settle window has passed (so burns still in flight post against the hold, not as debt).
ALTER TABLE holds ADD COLUMN release_at_ms bigint;
CREATE INDEX holds_pending_release ON holds (release_at_ms) WHERE status = 'pending' AND release_at_ms IS NOT NULL;
