-- name: end_read_snapshot :exec
-- PostgreSQL, through ADBC: the whole load's read-only transaction ended (begin_read_snapshot.sql). No parameters.
COMMIT
