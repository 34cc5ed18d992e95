-- name: whole_table :rows
-- PostgreSQL, in a write's transaction: every row of one of the small shared history tables (the import log, the
-- directory, meetings…), with its write's number, for the write's own small copy. Identifiers: {table}, {columns}.
-- No parameters.
SELECT {columns}, change_no FROM {table}
