-- name: move_in_latest :exec
-- DuckDB, in the move's write: the registered `moving` rows into one of the two tables kept latest-a-key (meta,
-- reports), each replacing a row held for its key. Identifiers: {table}, {columns}.
INSERT OR REPLACE INTO tracker.main.{table} ({columns}) SELECT {columns} FROM moving
