-- name: old_schema_version :rows
-- DuckDB: the schema version the previous version's file says it was written by (no row if it says none).
-- Returns value. No parameters.
SELECT value FROM old.main.meta WHERE key = 'schema_version'
