-- name: rows_since_arrow :rows
-- PostgreSQL through ADBC, in a whole load's snapshot: a history table's rows of the writes after number $1 up to $2,
-- with their write's number (rows_since.sql, in ADBC's placeholders). Identifiers
-- (tracker.store.queries.quoted_statement): {table}, {columns}. Params: $1, $2.
SELECT {columns}, change_no FROM {table} WHERE change_no > $1 AND change_no <= $2
