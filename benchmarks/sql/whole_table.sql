-- name: whole_table :rows
-- Every row of a table, whole (the pandas pattern the benchmark compares with). Identifiers
-- (tracker.store.queries.quoted_statement): {table}.
SELECT * FROM {table}
