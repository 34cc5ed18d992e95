-- name: lock_writes :rows
-- PostgreSQL, first in a write that holds the counter throughout: the writes lock, exclusive, held until the
-- transaction ends (it waits for every workflow write under way: pg_sql/share_writes.sql). Returns nothing of use.
-- No parameters.
SELECT pg_advisory_xact_lock(7462, 0)
