-- name: move_in :exec
-- DuckDB, in the move's write: the registered `moving` rows appended to a history table. Identifiers: {table},
-- {columns}.
INSERT INTO tracker.main.{table} ({columns}) SELECT {columns} FROM moving
