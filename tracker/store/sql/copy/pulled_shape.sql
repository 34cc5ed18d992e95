-- name: pulled_shape :rows
-- DuckDB: no rows, in the shape of a history table's rows as a pull brings them (its columns, then change_no).
-- Identifiers (tracker.store.queries.quoted_statement): {table}.
SELECT *, NULL::BIGINT AS change_no FROM tracker.main.{table} LIMIT 0
