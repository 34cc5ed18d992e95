-- name: attach_old_file :exec
-- DuckDB, on a connection of the move's own: the previous version's file, read only, as the catalog `old`.
-- Params: $path.
ATTACH $path AS old (READ_ONLY)
