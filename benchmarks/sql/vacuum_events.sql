-- name: vacuum_events :exec
-- PostgreSQL, as the owner: the journal vacuumed and analysed (what autovacuum does a while after a bulk insert).
-- No parameters.
VACUUM ANALYZE events
