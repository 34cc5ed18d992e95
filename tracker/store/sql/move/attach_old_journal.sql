-- name: attach_old_journal :exec
-- DuckDB, on the move's connection: the workflow journal the previous version kept beside its file, read only, as
-- the catalog `old_journal`. Params: $path.
ATTACH $path AS old_journal (READ_ONLY)
