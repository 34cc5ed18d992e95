-- name: table_count :rows
-- How many rows a table holds. Returns one count. Identifiers (tracker.store.queries.quoted_statement): {table}.
SELECT count(*) FROM {table}
