-- name: append_latest_pulled :exec
-- DuckDB: the latest row a key of the registered `pulled`, for the two tables whose copy keeps only that (meta,
-- reports), after replace_latest_pulled.sql. Identifiers: {table}, {columns}, {key}.
INSERT INTO tracker.main.{table} ({columns})
SELECT {columns} FROM pulled
QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY change_no DESC) = 1
