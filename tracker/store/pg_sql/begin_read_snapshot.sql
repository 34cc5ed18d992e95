-- name: begin_read_snapshot :exec
-- PostgreSQL, through ADBC (whose connection commits each statement unless told otherwise): a whole load's
-- transaction, one consistent snapshot, read only; ended by end_read_snapshot.sql. No parameters.
BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY
