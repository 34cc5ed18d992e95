-- name: rows_after :rows
-- DuckDB: the rows of a history table after row $mark (those a write appended), in the order it appended them.
-- Identifiers: {table}, {columns}. Params: $mark.
SELECT {columns} FROM tracker.main.{table} WHERE rowid > $mark ORDER BY rowid
