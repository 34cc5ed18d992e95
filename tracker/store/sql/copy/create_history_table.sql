-- name: create_history_table :exec
-- DuckDB, when a copy is made: one history table, empty, in the columns and types of the registered `shape` (read
-- from PostgreSQL's catalogue). Identifiers: {table}.
CREATE TABLE tracker.main.{table} AS SELECT * FROM shape
