-- name: old_rows :rows
-- DuckDB: every row of one of the previous version's tables, in the given columns (those it has of the table's
-- columns now). Identifiers (tracker.store.queries.quoted_statement): {database}, {table}, {columns}.
SELECT {columns} FROM {database}.main.{table}
