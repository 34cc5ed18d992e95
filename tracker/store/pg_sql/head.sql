-- name: head :rows
-- PostgreSQL, a replica's one cheap question on each rerun: the epoch, the latest counted write's number, and the
-- server's snapshot as text (it changes whenever a transaction takes a transaction id, that is begins writing, or
-- ends), so a copy knows whether anything can have been written since it last pulled. Returns epoch, change_no,
-- snapshot. No parameters.
SELECT epoch::text, change_no, pg_current_snapshot()::text FROM data_version
