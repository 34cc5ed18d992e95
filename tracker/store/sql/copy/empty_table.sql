-- name: empty_table :exec
-- DuckDB: every row of a copy's history table gone (before the copy is loaded whole again). Identifiers: {table}.
DELETE FROM tracker.main.{table}
