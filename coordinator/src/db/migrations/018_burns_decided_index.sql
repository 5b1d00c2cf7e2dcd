-- The NOC's money view sums what was posted for burns decided in the last hour (or day):
-- an index on the decision time keeps that a range scan, not a scan of every burn ever received.
CREATE INDEX burns_decided ON burns (decided_at_ms) WHERE decided_at_ms IS NOT NULL;
