-- name: history_columns :rows
-- DuckDB: the columns of the copy's tables $tables, in order. Returns table_name, column_name. Params: $tables.
SELECT table_name, column_name
FROM duckdb_columns()
WHERE database_name = 'tracker' AND schema_name = 'main' AND list_contains($tables::VARCHAR[], table_name)
ORDER BY table_name, column_index
