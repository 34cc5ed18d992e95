-- name: table_from_rows :exec
-- In the analyst's new DuckDB file: a table made from the Arrow rows registered as `rows`. Identifiers: {table}.
CREATE TABLE {table} AS SELECT * FROM rows
