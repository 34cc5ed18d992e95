-- name: snapshot :rows
-- PostgreSQL, first in a pull's REPEATABLE READ transaction: the epoch, the latest counted write's number, the
-- snapshot (as head.sql gives it) and its oldest running transaction (every older one has ended: its events are all
-- visible in this snapshot). Returns epoch, change_no, snapshot, xmin. No parameters.
SELECT epoch::text, change_no, pg_current_snapshot()::text, pg_snapshot_xmin(pg_current_snapshot())::text
FROM data_version
