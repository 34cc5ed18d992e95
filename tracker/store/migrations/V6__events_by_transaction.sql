-- Workflow writes commit side by side, holding the write counter's row only with a share lock (pg_sql/
-- share_counter.sql), so their commits are not put in one line behind the counter and PostgreSQL can flush them
-- together. Their events are then not ordered by the counter: each event carries the id of the transaction that wrote
-- it, and a copy pulls events by transaction (pg_sql/new_events.sql) from the oldest that was still running at its
-- last pull. Events are numbered from a sequence (a number is never given twice; a write that fails leaves a gap).
-- Events written before this carry this migration's transaction id: all of them had ended.
ALTER TABLE events ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX ON events (xid);
CREATE SEQUENCE event_numbers;
SELECT setval('event_numbers', greatest(1, (SELECT max(seq) FROM events)), (SELECT max(seq) FROM events) IS NOT NULL);
