-- name: replace_latest_pulled :exec
-- DuckDB: the latest row a key of the registered `pulled` replacing the held one, for the two tables whose copy keeps
-- only that (meta, reports). Identifiers: {table}, {columns}, {key}.
INSERT OR REPLACE INTO tracker.main.{table} ({columns})
SELECT {columns} FROM pulled
QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY change_no DESC) = 1
