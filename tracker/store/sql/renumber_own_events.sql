-- Inside a workflow write, on the copy, once PostgreSQL has committed it: the write's own events (the rows after
-- $mark) renumbered by $shift, as PostgreSQL numbered them after events the copy has not pulled yet. Returns nothing.
-- Params: $shift, $mark.
UPDATE events SET seq = seq + $shift WHERE rowid > $mark
