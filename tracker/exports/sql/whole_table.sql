-- name: whole_table :rows
-- Every row of one of the tables an analyst's DuckDB file holds. Identifiers (tracker.store.queries.duck_statement):
-- {table}.
SELECT * FROM {table}
