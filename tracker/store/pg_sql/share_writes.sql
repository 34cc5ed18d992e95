-- name: share_writes :rows
-- PostgreSQL, first in a workflow write's transaction: the writes lock, shared, held until the transaction ends, so
-- workflow writes run side by side while a write holding the counter (an import, the directory, a meeting, a write
-- with files: pg_sql/lock_writes.sql) waits for them, and they for it. An advisory lock, not a row lock: it writes
-- nothing, so taking it costs no disk. Returns nothing of use. No parameters.
SELECT pg_advisory_xact_lock_shared(7462, 0)
