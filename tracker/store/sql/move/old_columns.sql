-- name: old_columns :rows
-- DuckDB: the tables of the catalog $database (old or old_journal) and their columns, in order. Returns table_name,
-- column_name. Params: $database.
SELECT table_name, column_name FROM duckdb_columns()
WHERE database_name = $database AND schema_name = 'main'
ORDER BY table_name, column_index
