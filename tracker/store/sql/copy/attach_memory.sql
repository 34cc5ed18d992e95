-- name: attach_memory :exec
-- DuckDB, when a copy is made in memory: the catalog `tracker` that holds it (a copy on disk is the file
-- tracker.duckdb, whose catalog has that name already). No parameters.
ATTACH ':memory:' AS tracker
