-- name: open_copy :script
-- DuckDB, once per copy, after its catalog `tracker` is attached: no other file reachable (set after the attach,
-- which is itself external access; the lock keeps any statement from turning it back on). No parameters.
SET enable_external_access = false;
SET lock_configuration = true;
