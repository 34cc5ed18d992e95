-- name: append_pulled :exec
-- DuckDB: the rows of the registered `pulled` appended to a history table, in the order they were written.
-- Identifiers: {table}, {columns}.
INSERT INTO tracker.main.{table} ({columns})
SELECT {columns} FROM pulled ORDER BY change_no
