-- name: read_snapshot :exec
-- PostgreSQL, first in a catch-up pull's transaction (psycopg begins it): one consistent snapshot, read only.
-- No parameters.
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY
