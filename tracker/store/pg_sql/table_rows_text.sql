-- name: table_rows_text :rows
-- PostgreSQL: every row of a table as text, in text order (for its hash). Identifiers (composed by psycopg.sql,
-- quoted): {table}.
SELECT t::text FROM {table} t ORDER BY 1
