-- name: replace_latest_pulled :exec
-- DuckDB: the held rows of the keys the registered `pulled` brings gone, for the two tables whose copy keeps only a
-- key's latest row (meta, reports); append_latest_pulled.sql adds the new ones. Identifiers: {table}, {key}.
DELETE FROM tracker.main.{table} WHERE {key} IN (SELECT {key} FROM pulled)
