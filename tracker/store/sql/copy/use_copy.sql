-- name: use_copy :exec
-- DuckDB: the copy's catalog as the cursor's default, which puts its history tables (tracker.main) alone on the
-- search path (what the tracker's rules and statements write to). No parameters.
USE tracker
