-- name: whole_table :rows
-- Every row of one of the tables an analyst's DuckDB file holds. Identifiers (tracker.store.queries.quoted_statement):
-- {table}.
SELECT * FROM {table}
