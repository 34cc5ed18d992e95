-- name: table_rows :rows
-- DuckDB: every row of one of the copy's tables, in the given columns. Identifiers: {table}, {columns}.
SELECT {columns} FROM tracker.main.{table}
