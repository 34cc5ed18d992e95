-- name: open_copy :script
-- DuckDB, once per replica on its in-memory connection: the catalog `tracker` that holds the copy, then no file
-- reachable (set after the attach, which is itself external access; the lock keeps any statement from turning it back
-- on). No parameters.
ATTACH ':memory:' AS tracker;
SET enable_external_access = false;
SET lock_configuration = true;
