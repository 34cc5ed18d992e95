-- name: read_path :exec
-- DuckDB: a reader's search path, the workflow folded in (tracker.folded) before the history tables. No parameters.
SET search_path = 'tracker.folded,tracker.main'
